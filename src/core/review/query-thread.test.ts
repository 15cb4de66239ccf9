import { describe, expect, it } from 'vitest';
import { CutoverError } from '../cutover-error.js';
import { nextQueryState, queryBlocks, queryTargetWords, type QueryState, type QueryStep } from './query-thread.js';

const attempt = (state: QueryState, step: QueryStep) => {
  try {
    return nextQueryState(4, state, step);
  } catch (e) {
    return e instanceof CutoverError ? `${e.code}: ${e.message}` : String(e);
  }
};

describe('a query\'s states', () => {
  it('moves open → answered → resolved → open, and refuses the rest in words', () => {
    expect((['open', 'answered', 'resolved'] as const).map((s) => (['answer', 'resolved', 'reopened'] as const).map((step) => attempt(s, step)))).toEqual([
      ['answered', 'resolved', 'query_closed: Query 4 is not resolved, so there is nothing to reopen: add to it with an answer instead.'],
      ['answered', 'resolved', 'query_closed: Query 4 is not resolved, so there is nothing to reopen: add to it with an answer instead.'],
      ['query_closed: Query 4 is resolved: the reviewer reopens it first if there is more to say.', 'query_closed: Query 4 is resolved already.', 'open'],
    ]);
  });

  it('stops a sign-off until resolved, and says what it is on', () => {
    expect((['open', 'answered', 'resolved'] as const).map((state) => queryBlocks({ state }))).toEqual([true, true, false]);
    expect([
      queryTargetWords({ kind: 'record', ref: 'person P0001' }), queryTargetWords({ kind: 'checklist', ref: 'C3' }), queryTargetWords({ kind: 'rejected', ref: 'tenancy line 12' }),
    ]).toEqual(['record person P0001', 'checklist line C3', 'rejected row tenancy line 12']);
  });
});
