import type { Reconciliation } from './reconcile-model.js';

const n = (x: number) => x.toLocaleString('en-GB');

/**
 * The reconciliation in one sentence for the customer: every line agrees or is explained,
 * or how many lines and columns hold a difference nothing explains.
 * @example verdictWords(r) // '2 lines of the checklist have a difference nothing explains; 1 column holds values the rules do not give.'
 */
export function verdictWords(r: Pick<Reconciliation, 'counts' | 'totals' | 'columns' | 'failure'>): string {
  // a run that did not finish is said first: its figures are of a part, not of the migration
  const failed = r.failure === undefined ? '' : `This run failed, so the new system holds only what it loaded before it stopped (${r.failure}); the figures compare that part alone. `;
  return failed + linesWords(r);
}

function linesWords(r: Pick<Reconciliation, 'counts' | 'totals' | 'columns'>): string {
  const lines = [...r.counts, ...r.totals].filter((l) => l.status === 'unexplained').length;
  const columns = r.columns.filter((c) => c.differ > 0).length;
  if (lines === 0 && columns === 0) {
    const awaiting = [...r.counts, ...r.totals].filter((l) => l.status === 'awaiting').length;
    return `Every count and every total agrees or is explained by the rows not imported, and every column holds what the rules give.${awaiting > 0 ? ` ${n(awaiting)} ${awaiting === 1 ? 'line waits' : 'lines wait'} for your figure.` : ''}`;
  }
  const parts: string[] = [];
  if (lines > 0) parts.push(`${n(lines)} ${lines === 1 ? 'line of the checklist has' : 'lines of the checklist have'} a difference nothing explains`);
  if (columns > 0) parts.push(`${n(columns)} ${columns === 1 ? 'column holds values' : 'columns hold values'} the rules do not give`);
  return `${parts.join('; ')}.`;
}

/** How many checks fail: a run that failed, checklist lines with a difference nothing explains, and columns that differ. */
export function unexplainedCount(r: Pick<Reconciliation, 'counts' | 'totals' | 'columns' | 'failure'>): number {
  return (r.failure === undefined ? 0 : 1) + [...r.counts, ...r.totals].filter((l) => l.status === 'unexplained').length + r.columns.filter((c) => c.differ > 0).length;
}
