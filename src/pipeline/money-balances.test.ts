import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reconciliation } from '../core/reconcile/index.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import { demoSnapshotKey, moneyBalances, reconcile, runDemo, type MoneyView, type ProjectSession } from './index.js';

// The balances page: each money field three ways to the penny, and per landlord, tenancy
// and supplier, agreeing with what reconcile finds on the same run.
const dir = tempDir('cutover-money-balances');
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
const step = <T>(work: (s: ProjectSession) => Promise<T>) => inSession(dir.path, work, { env });
let view: MoneyView;
let reconciled: Reconciliation;

beforeAll(async () => {
  await step((s) => runDemo(s, { rows: 1200, seed: 4, sampleChosen: true }));
  view = await step((s) => moneyBalances(s));
  reconciled = await step((s) => reconcile(s));
});
afterAll(() => dir.cleanup());

const total = (ref: string) => reconciled.totals.find((t) => t.ref === ref)!;
const sum = (values: readonly string[]) => values.reduce((s, v) => s.plus(v), new Decimal(0)).toFixed(2);

describe('moneyBalances', () => {
  it('gives each money field three ways, per account, as the reconcile lines do', () => {
    expect(view.runId).toBe(1);
    expect(view.fields.map((f) => [f.entity, f.field, f.groups.map((g) => g.group)])).toEqual([['opening_balance', 'amount', ['client', 'deposit']]]);
    const [amount] = view.fields;
    for (const [group, ref] of [['client', 'M1'], ['deposit', 'M2']] as const) {
      const g = amount!.groups.find((x) => x.group === group)!;
      expect([g.target, g.difference]).toEqual([total(ref).target, '0.00']);
    }
    expect(amount!.target).toBe(sum(amount!.groups.map((g) => g.target)));
    expect(amount!.difference).toBe('0.00');
  });

  it('splits it per landlord, tenancy and supplier, each to the penny, agreeing with the checklist', () => {
    expect(view.byParent.map((p) => [p.parent, p.through])).toEqual([['person', 'landlord_id'], ['tenancy', 'tenancy_id'], ['supplier', 'supplier_id']]);
    for (const [parent, ref] of [['person', 'M3'], ['tenancy', 'M4'], ['supplier', 'M5']] as const) {
      const groups = view.byParent.find((p) => p.parent === parent)!.groups;
      expect(groups.length).toBeGreaterThan(1);
      expect(sum(groups.map((g) => g.target))).toBe(total(ref).target);
      expect(groups.every((g) => [g.source, g.notLoaded, g.target, g.difference].every((v) => /^-?\d+\.\d\d$/.test(v)))).toBe(true);
      // every penny of every holder is in the new system or accounted for by the ledger
      expect(groups.filter((g) => g.difference !== '0.00')).toEqual([]);
    }
  });
});
