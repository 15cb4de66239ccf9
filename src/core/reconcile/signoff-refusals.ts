import { Decimal } from 'decimal.js';
import type { CountLine, Reconciliation, TotalLine } from './reconcile-model.js';
import type { RunStatus } from '../run-result.js';
import type { ReviewAnswer } from './review-model.js';
import { queryBlocks, queryTargetWords, type QueryThread } from '../review/query-thread.js';

/** What stands in the way of a sign-off, gathered before deciding once. */
export interface SignOffFacts {
  readonly runId: number;
  readonly status: 'running' | RunStatus;
  /** absent when the run could not be reconciled (it has not finished) */
  readonly reconciliation?: Pick<Reconciliation, 'counts' | 'totals' | 'columns'>;
  readonly answers: readonly ReviewAnswer[];
  /** the queries raised in the review app on this run; those not resolved stop the sign-off */
  readonly queries?: readonly Pick<QueryThread, 'id' | 'on' | 'state' | 'messages'>[];
}

const n = (x: number) => x.toLocaleString('en-GB');

function differsFromFigure(line: CountLine | TotalLine): boolean {
  if (line.customer === null) return false;
  return line.kind === 'count' ? line.customer !== line.snapshot : !new Decimal(line.customer).equals(line.snapshot);
}

// amounts as people write them: 93,640.28
const grouped = (amount: string) => amount.replace(/^(-?\d+)/, (whole) => whole.replace(/\B(?=(\d{3})+$)/g, ','));
const shown = (line: CountLine | TotalLine, figure: number | string) => (line.kind === 'count' ? n(figure as number) : grouped(String(figure)));

/**
 * Every reason a run cannot be signed off yet, each in plain words with what to do; none
 * when it can. A line or column with a difference nothing explains, a line still waiting
 * for the customer's figure or differing from it, and an open query each stop it.
 * @example signOffRefusals({ runId: 2, status: 'failed', answers: [] }) // ['Run 2 failed: …']
 */
export function signOffRefusals(f: SignOffFacts): string[] {
  const reasons: string[] = [];
  if (f.status === 'running') reasons.push(`Run ${f.runId} has not finished: sign it off once it has succeeded and the customer has reviewed it.`);
  if (f.status === 'needs_attention') {
    reasons.push(`Run ${f.runId} needs attention: it rejected more rows than the spec allows, so it did not load the whole migration. See "cutover rejects ${f.runId}", correct the spec or the delivery and run again (or raise max_rejected in the spec if those rows are meant to stay behind).`);
  }
  if (f.status === 'failed') reasons.push(`Run ${f.runId} failed, so it did not load the whole migration: run it again ("cutover run --env …") until it succeeds, and have the customer review that run.`);
  const r = f.reconciliation;
  if (r !== undefined) {
    for (const line of [...r.counts, ...r.totals]) {
      const fix = `"cutover figures set ${line.ref} VALUE --by NAME"`;
      if (line.status === 'awaiting') {
        reasons.push(`${line.ref} ${line.label} waits for the customer's figure: record it with ${fix}, or import the filled-in workbook.`);
      } else if (differsFromFigure(line)) {
        reasons.push(`${line.ref} ${line.label}: the customer's figure ${shown(line, line.customer!)} differs from the delivered data ${shown(line, line.snapshot)}: find out with the customer which is right, then record the corrected figure with ${fix} or collect a new delivery.`);
      } else if (line.status === 'unexplained') {
        reasons.push(`${line.ref} ${line.label}: the new system holds a difference from the delivered data that the rows not imported do not explain: see "cutover reconcile ${f.runId}", correct the spec or the load and run again.`);
      }
    }
    for (const c of r.columns.filter((x) => x.differ > 0)) {
      reasons.push(`The column ${c.entity}.${c.field} holds values the rules do not give (${n(c.differ)} of ${n(c.compared)}): see "cutover reconcile ${f.runId}", correct the load and run again.`);
    }
  }
  for (const a of f.answers.filter((x) => x.answer === 'query')) {
    reasons.push(`${a.ref}: the customer raised a query${a.comment ? ` ("${a.comment}")` : ''}: answer it, and import the workbook again with the check confirmed.`);
  }
  for (const q of (f.queries ?? []).filter(queryBlocks)) {
    const words = q.messages[0]?.text ?? '';
    const waits = q.state === 'answered' ? 'it is answered and waits for the reviewer to resolve or reopen it' : 'answer it, and have the reviewer resolve it';
    reasons.push(`Query ${q.id} on ${queryTargetWords(q.on)} is open ("${words}"): ${waits}.`);
  }
  return reasons;
}
