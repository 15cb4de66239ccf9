import { describe, expect, it } from 'vitest';
import type { ColumnCheck, CountLine, TotalLine } from './reconcile-model.js';
import { signOffRefusals } from './signoff-refusals.js';

const count = (ref: string, label: string, customer: number | null, snapshot: number, target: number, status: CountLine['status']): CountLine => ({
  kind: 'count', ref, label, entity: 'person', filter: '', customer, snapshot, target, explained: [], unexplained: 0, notes: [], records: [], status,
});
const total = (ref: string, label: string, customer: string | null, snapshot: string, status: TotalLine['status']): TotalLine => ({
  kind: 'total', ref, label, entity: 'opening_balance', field: 'amount', filter: '', by: null, customer, snapshot, notLoaded: '0.00', target: snapshot,
  explained: [], unexplained: '0.00', notes: [], groups: [], groupCount: 0, records: [], status,
});
const column = (field: string, differ: number): ColumnCheck => ({
  entity: 'tenancy', field, compared: 900, differ, sourceDigest: 'a', targetDigest: 'b', skipped: null, examples: [],
});

describe('signOffRefusals', () => {
  it('finds nothing in the way of a succeeded run whose lines agree or are explained and whose checks are confirmed', () => {
    expect(signOffRefusals({
      runId: 3, status: 'succeeded',
      reconciliation: { counts: [count('C1', 'Contacts', 300, 300, 290, 'explained')], totals: [total('M1', 'Client account balance', '93640.28', '93640.28', 'balanced')], columns: [column('rent', 0)] },
      answers: [{ ref: 'C1', answer: 'confirmed', comment: null, checkedBy: 'Jo' }],
    })).toEqual([]);
  });

  it('lists each reason in order: the run, the lines, the columns, the queries', () => {
    expect(signOffRefusals({
      runId: 3, status: 'failed',
      reconciliation: {
        counts: [count('C1', 'Contacts', null, 300, 290, 'awaiting'), count('C2', 'Suppliers', 12, 12, 11, 'unexplained')],
        totals: [total('M1', 'Client account balance', '93640.00', '93640.28', 'unexplained')],
        columns: [column('rent', 3)],
      },
      answers: [{ ref: 'N1', answer: 'query', comment: null, checkedBy: null }],
    })).toEqual([
      'Run 3 failed, so it did not load the whole migration: run it again ("cutover run --env …") until it succeeds, and have the customer review that run.',
      'C1 Contacts waits for the customer\'s figure: record it with "cutover figures set C1 VALUE --by NAME", or import the filled-in workbook.',
      'C2 Suppliers: the new system holds a difference from the delivered data that the rows not imported do not explain: see "cutover reconcile 3", correct the spec or the load and run again.',
      'M1 Client account balance: the customer\'s figure 93,640.00 differs from the delivered data 93,640.28: find out with the customer which is right, then record the corrected figure with "cutover figures set M1 VALUE --by NAME" or collect a new delivery.',
      'The column tenancy.rent holds values the rules do not give (3 of 900): see "cutover reconcile 3", correct the load and run again.',
      'N1: the customer raised a query: answer it, and import the workbook again with the check confirmed.',
    ]);
  });

  it('says a run still running has not finished', () => {
    expect(signOffRefusals({ runId: 4, status: 'running', answers: [] })).toEqual(['Run 4 has not finished: sign it off once it has succeeded and the customer has reviewed it.']);
  });

  it('lists the review app\'s queries not yet resolved beside the workbook\'s, with their words', () => {
    const message = (text: string) => [{ who: 'jo@example.com', at: '2026-11-23T10:00:00Z', kind: 'raised' as const, text }];
    expect(signOffRefusals({
      runId: 2, status: 'succeeded', answers: [{ ref: 'C3', answer: 'query', comment: 'one short', checkedBy: 'Jo' }],
      queries: [
        { id: 1, on: { kind: 'record', ref: 'person P0001' }, state: 'open', messages: message('Surname <b>wrong</b>') },
        { id: 2, on: { kind: 'checklist', ref: 'C1' }, state: 'resolved', messages: message('fine') },
        { id: 3, on: { kind: 'rejected', ref: 'tenancy line 9' }, state: 'answered', messages: message('Why left out?') },
      ],
    })).toEqual([
      'C3: the customer raised a query ("one short"): answer it, and import the workbook again with the check confirmed.',
      'Query 1 on record person P0001 is open ("Surname <b>wrong</b>"): answer it, and have the reviewer resolve it.',
      'Query 3 on rejected row tenancy line 9 is open ("Why left out?"): it is answered and waits for the reviewer to resolve or reopen it.',
    ]);
  });

  it('refuses a run that needs attention, however well it reconciles', () => {
    expect(signOffRefusals({
      runId: 5, status: 'needs_attention',
      reconciliation: { counts: [count('C1', 'Contacts', 300, 300, 290, 'explained')], totals: [], columns: [] },
      answers: [],
    })).toEqual([
      'Run 5 needs attention: it rejected more rows than the spec allows, so it did not load the whole migration. See "cutover rejects 5", correct the spec or the delivery and run again (or raise max_rejected in the spec if those rows are meant to stay behind).',
    ]);
  });
});
