import { describe, expect, test } from 'vitest';
import { compareCounts, compareTotals, type CountInput, type TotalInput } from './three-way.js';

const excluded = { outcome: 'excluded', reason: 'test-records', words: 'left out by the rule "test-records"', rows: 5 } as const;
const merged = { outcome: 'merged', reason: 'merged', words: 'merged into another record', rows: 37 } as const;

const count = (over: Partial<CountInput>): CountInput => ({
  ref: 'C1', label: 'Contacts', entity: 'person', filter: 'every row', customer: 2500, snapshot: 2500, target: 2458,
  explained: [excluded, merged], missing: 0, extra: 0, unaccounted: 0, records: [], ...over,
});

describe('compareCounts', () => {
  test('explains every row of difference by the ledger', () => {
    expect(compareCounts(count({}))).toEqual({
      kind: 'count', ref: 'C1', label: 'Contacts', entity: 'person', filter: 'every row', customer: 2500, snapshot: 2500, target: 2458,
      explained: [excluded, merged], unexplained: 0, notes: [], records: [], status: 'explained',
    });
  });

  test('is balanced when all three agree and nothing was left out', () => {
    expect(compareCounts(count({ target: 2500, explained: [] })).status).toBe('balanced');
  });

  test('awaits the customer figure when there is none, and still flags a loss', () => {
    expect(compareCounts(count({ customer: null })).status).toBe('awaiting');
    const lost = compareCounts(count({ customer: null, target: 2457, missing: 1 }));
    expect([lost.status, lost.unexplained, lost.notes]).toEqual(['unexplained', 1, ['1 row was imported but is no longer in the new system.']]);
  });

  test('flags a customer figure the delivered data does not match', () => {
    const line = compareCounts(count({ customer: 2502 }));
    expect([line.status, line.unexplained, line.notes]).toEqual([
      'unexplained', 2, ['Your figure is 2 more than the delivered data holds: 2 rows may be missing from the extract.'],
    ]);
  });

  test('counts a row lost and a row added as two, though the totals agree', () => {
    const line = compareCounts(count({ missing: 1, extra: 1 }));
    expect([line.status, line.unexplained]).toEqual(['unexplained', 2]);
  });

  test('names a difference with no recorded cause', () => {
    const line = compareCounts(count({ target: 2455 }));
    expect([line.status, line.unexplained, line.notes]).toEqual(['unexplained', 3, ['3 rows differ between the delivered data and the new system for no recorded reason.']]);
  });
});

const total = (over: Partial<TotalInput>): TotalInput => ({
  ref: 'M1', label: 'Client account balance', entity: 'opening_balance', field: 'amount', filter: 'Account is Client', by: null,
  customer: '188681.76', snapshot: '188681.76', target: '185141.34',
  explained: [{ outcome: 'rejected', reason: 'orphan', words: 'not imported', rows: 1, amount: '3540.42' }],
  groups: [], records: [], unreadable: 0, ...over,
});

describe('compareTotals', () => {
  test('explains the money of the rows not imported, to the penny', () => {
    const line = compareTotals(total({}));
    expect([line.status, line.unexplained, line.notLoaded, line.notes]).toEqual(['explained', '0.00', '3540.42', []]);
  });

  test('flags a penny', () => {
    const line = compareTotals(total({ target: '185141.35' }));
    expect([line.status, line.unexplained, line.notes]).toEqual(['unexplained', '0.01', ['The new system holds 0.01 more than the delivered data less the rows not imported.']]);
  });

  test('flags a stated balance the delivered data does not add up to, without floats', () => {
    const line = compareTotals(total({ customer: '0.3', snapshot: '0.1', target: '0.2', explained: [{ outcome: 'rejected', reason: 'orphan', words: 'x', rows: 1, amount: '-0.1' }] }));
    expect([line.status, line.unexplained, line.customer]).toEqual(['unexplained', '0.20', '0.30']);
  });

  test('asks no figure for a split total', () => {
    const groups = [{ group: 'P1', snapshot: '1.00', notLoaded: '0.00', target: '1.00', difference: '0.00' }];
    expect(compareTotals(total({ by: 'HolderID', customer: null, snapshot: '1.00', target: '1.00', explained: [], groups })).status).toBe('balanced');
    expect(compareTotals(total({ customer: null })).status).toBe('awaiting');
  });

  test('flags a group that does not add up', () => {
    const line = compareTotals(total({ by: 'HolderID', groups: [{ group: 'P1', snapshot: '1.00', notLoaded: '0.00', target: '1.00', difference: '0.00' }, { group: 'P2', snapshot: '2.00', notLoaded: '0.00', target: '1.99', difference: '0.01' }] }));
    expect([line.status, line.notes]).toEqual(['unexplained', ['1 of 2 values of HolderID does not add up.']]);
  });
});
