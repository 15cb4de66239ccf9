import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareCounts, compareTotals, type Reconciliation } from '../core/reconcile/index.js';
import type { RejectedRow } from '../core/ledger.js';
import { launchChromium } from '../test-support/browser.js';
import { renderReviewPage } from './review-workbook-html.js';

/** Where the screenshot is left for a person to look at. */
const screenshotPath = join(tmpdir(), 'cutover-review-page.png');

const merged = { outcome: 'merged', reason: 'merged', words: 'merged into another record (the same record typed in twice)', rows: 37 } as const;
const orphan = { outcome: 'rejected', reason: 'orphan', words: 'not imported: it points at a record that does not exist', rows: 1, amount: '3540.42' } as const;

const reconciliation: Reconciliation = {
  runId: 3,
  customer: 'Harbour & Hart Lettings <sample>',
  env: 'test',
  target: 'the embedded database',
  snapshot: { id: '20261123-1000-a1b2', hash: 'c'.repeat(64) },
  spec: { file: 'specs/estate-agency.yaml', hash: 'e'.repeat(64) },
  counts: [
    compareCounts({ ref: 'C1', label: 'Contacts', entity: 'person', filter: 'every row', customer: 2500, snapshot: 2500, target: 2463, explained: [merged], missing: 0, extra: 0, unaccounted: 0, records: [] }),
    compareCounts({
      ref: 'C2', label: 'Tenancies with status Current', entity: 'tenancy', filter: 'Status is Current', customer: 410, snapshot: 410, target: 409, explained: [], missing: 1, extra: 0, unaccounted: 0,
      records: [{ file: 'tenancies.csv', line: 17, reference: 'T000015', problem: 'missing', expected: null, inTarget: null, words: 'imported by the run, but no longer in the new system' }],
    }),
    compareCounts({ ref: 'C3', label: 'Diary entries', entity: 'diary_entry', filter: 'every row', customer: null, snapshot: 1500, target: 1500, explained: [], missing: 0, extra: 0, unaccounted: 0, records: [] }),
  ],
  totals: [
    compareTotals({
      ref: 'M1', label: 'Client account balance', entity: 'opening_balance', field: 'amount', filter: 'Account is Client', by: null, customer: '188681.76', snapshot: '188681.76', target: '185141.35',
      explained: [orphan], groups: [], unreadable: 0,
      records: [{ file: 'balances.csv', line: 9, reference: 'B000007', problem: 'changed', expected: '120.00', inTarget: '120.01', words: 'the new system holds 120.01 where the delivered data gives 120.00' }],
    }),
    compareTotals({
      ref: 'M2', label: 'Opening balances per landlord', entity: 'opening_balance', field: 'amount', filter: 'HolderType is Landlord', by: 'HolderID', customer: null, snapshot: '3.00', target: '3.00', explained: [], unreadable: 0, records: [],
      groups: [{ group: 'P0000001', snapshot: '1.00', notLoaded: '0.00', target: '1.00', difference: '0.00' }, { group: 'P0000002', snapshot: '2.00', notLoaded: '0.00', target: '2.00', difference: '0.00' }],
    }),
  ],
  sample: [
    {
      entity: 'person', file: 'people.csv', line: 205, reference: 'P0000200', targetId: '193',
      fields: [
        { field: 'first_name', column: 'Forename', delivered: '  mary ann ', rules: 'remove surrounding spaces; then write each word with a capital first letter', expected: 'Mary Ann', inTarget: 'Mary Ann', same: true },
        { field: 'email', column: 'Email', delivered: null, rules: 'remove surrounding spaces; then write in small letters', expected: null, inTarget: null, same: true },
      ],
    },
  ],
  columns: [
    { entity: 'person', field: 'first_name', compared: 2463, differ: 0, sourceDigest: '0123456789abcdef', targetDigest: '0123456789abcdef', skipped: null, examples: [] },
    { entity: 'tenancy', field: 'property_id', compared: 0, differ: 0, sourceDigest: '', targetDigest: '', skipped: 'it points at another record; the sample checks it through the key map', examples: [] },
  ],
  sampleSeed: 1,
  unexplained: 2,
};

const rejects: RejectedRow[] = [
  { entity: 'person', file: 'people.csv', line: 12, reference: 'P0000010', outcome: 'excluded', reason: 'test-records', why: 'left out by the rule "test-records"', field: null, value: null, message: 'test record created for staff training' },
];

describe('the review page in a real browser', () => {
  it('shows the verdict, the checklist with the lines nothing explains in red, the money and the sample', async () => {
    const html = renderReviewPage({
      reconciliation, identity: { id: 'wb-1', runId: 3, snapshotHash: 'c'.repeat(64), specHash: 'e'.repeat(64), writtenAt: '2026-11-23T10:00:00.000Z' },
      rejects, rejectCount: 1, answers: new Map([['C1', { ref: 'C1', answer: 'query', comment: 'We have 2,501 contacts', checkedBy: 'Jo' }]]), workbookFile: 'run-3-review.xlsx',
    });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.setContent(html);
      expect(await page.title()).toBe('Test migration review, run 3: Harbour & Hart Lettings <sample>');
      expect(await page.textContent('.verdict')).toBe('2 lines of the checklist have a difference nothing explains.');
      // runs inside the page (plain JavaScript: this project type-checks without the DOM's types)
      const rows = await page.evaluate(`[...document.querySelectorAll('#checklist tbody tr')].map((tr) => {
        const cells = tr.querySelectorAll('td');
        return [cells[0].textContent, cells[7].textContent, getComputedStyle(cells[0]).backgroundColor];
      })`);
      expect(rows).toEqual([
        ['C1', 'explained', 'rgba(0, 0, 0, 0)'],
        ['C2', 'NOT EXPLAINED', 'rgb(253, 236, 236)'],
        ['C3', 'waiting for your figure', 'rgba(0, 0, 0, 0)'],
        ['M1', 'NOT EXPLAINED', 'rgb(253, 236, 236)'],
        ['M2', 'agrees', 'rgba(0, 0, 0, 0)'],
      ]);
      expect(await page.textContent('#checklist tbody tr:nth-child(2) .notes')).toBe('1 row was imported but is no longer in the new system.');
      expect(await page.textContent('#money')).toContain('the new system holds 120.01 where the delivered data gives 120.00');
      expect(await page.textContent('#signoff')).toContain('We have 2,501 contacts');
      // nothing reaches past the right edge at a laptop's width
      const widest = await page.evaluate('Math.max(...[...document.body.querySelectorAll("*")].map((el) => el.getBoundingClientRect().right))');
      expect(widest).toBeLessThanOrEqual(1280);
      await page.screenshot({ path: screenshotPath, fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
