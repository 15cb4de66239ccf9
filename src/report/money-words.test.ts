import { describe, expect, it } from 'vitest';
import type { Reconciliation } from '../core/reconcile/index.js';
import { reviewChecks } from './review-workbook-content.js';
import { renderRunSummary, type RunSummary } from './run-summary-html.js';

// a customer who counts in dollars is told about cents, never pennies
const summary = (currency?: string): RunSummary => ({
  customer: 'Acme Inc', generatedAt: '2026-01-05T09:00:00Z',
  run: { runId: 1, env: 'test', target: 'embedded', status: 'succeeded', error: null, entities: [], money: [] },
  snapshot: { id: 'abc', hash: 'abc', collectedAt: '2026-01-05T09:00:00Z', tables: [] },
  spec: { file: 'specs/x.yaml', hash: 'def' }, reasons: [], notices: [],
  ...(currency === undefined ? {} : { currency }),
});

describe('money words', () => {
  it('say pennies for pounds, the default, and cents for dollars', () => {
    expect(renderRunSummary(summary())).toContain('must equal the new system to the penny.');
    const usd = renderRunSummary(summary('USD'));
    expect(usd).toContain('must equal the new system to the cent.');
    expect(usd).not.toMatch(/penny|pennies|£/);
  });

  it('in the checks the customer signs', () => {
    const r = { counts: [], totals: [{ ref: 'M1', label: 'Client account balance' }], sample: [] } as unknown as Reconciliation;
    expect(reviewChecks(r, 'USD')[0]).toEqual({ ref: 'M1', text: 'Client account balance: the money adds up to the cent' });
    expect(reviewChecks(r)[0]).toEqual({ ref: 'M1', text: 'Client account balance: the money adds up to the penny' });
  });
});
