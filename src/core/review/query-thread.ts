import { CutoverError } from '../cutover-error.js';

/** What a query is about: a record (`person P0001`), a checklist line (`C3`) or a rejected row (`tenancy line 12`). */
export interface QueryTarget {
  readonly kind: 'record' | 'checklist' | 'rejected';
  readonly ref: string;
}

/** Where a query stands: raised and waiting for the team, answered and waiting for the reviewer, or resolved. */
export type QueryState = 'open' | 'answered' | 'resolved';

/** One message of a thread. */
export interface QueryMessage {
  readonly who: string;
  /** ISO time, UTC */
  readonly at: string;
  readonly text: string;
  readonly kind: 'raised' | 'answer' | 'resolved' | 'reopened';
}

/** A query and its whole thread, oldest message first. */
export interface QueryThread {
  readonly id: number;
  readonly runId: number;
  readonly on: QueryTarget;
  readonly state: QueryState;
  readonly raisedBy: string;
  readonly raisedAt: string;
  readonly messages: readonly QueryMessage[];
}

/** A step on a thread and the state it leads to. */
export type QueryStep = 'answer' | 'resolved' | 'reopened';

/**
 * The state a thread moves to after a step, or the reason the step is refused in words.
 * @example nextQueryState(7, 'resolved', 'answer') // refused: query 7 is resolved
 */
export function nextQueryState(id: number, state: QueryState, step: QueryStep): QueryState {
  if (step === 'answer') {
    if (state === 'resolved') throw new CutoverError('query_closed', `Query ${id} is resolved: the reviewer reopens it first if there is more to say.`);
    return 'answered';
  }
  if (step === 'resolved') {
    if (state === 'resolved') throw new CutoverError('query_closed', `Query ${id} is resolved already.`);
    return 'resolved';
  }
  if (state !== 'resolved') throw new CutoverError('query_closed', `Query ${id} is not resolved, so there is nothing to reopen: add to it with an answer instead.`);
  return 'open';
}

/** True while a query stands in the way of a sign-off: raised or answered, not resolved. */
export function queryBlocks(q: Pick<QueryThread, 'state'>): boolean {
  return q.state !== 'resolved';
}

/** What a query is on, in words: "record person P0001", "checklist line C3". */
export function queryTargetWords(on: QueryTarget): string {
  return on.kind === 'checklist' ? `checklist line ${on.ref}` : on.kind === 'rejected' ? `rejected row ${on.ref}` : `record ${on.ref}`;
}
