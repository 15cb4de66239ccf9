import { InvalidArgumentError, Option } from 'commander';
import type { Reconciliation } from '../core/reconcile/index.js';
import { verdictWords } from '../core/reconcile/verdict.js';
import type { ProjectSession } from '../pipeline/index.js';
import { formatMoney } from '../report/html.js';
import { statusWords } from '../report/review-workbook-content.js';
import { textTable } from './books-table.js';
import type { CommandMaker } from './common-options.js';
import { withSession } from './who.js';

/** Parses a whole number from 0 to `max` for an option. */
export function wholeNumber(name: string, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > max) throw new InvalidArgumentError(`${name} must be a whole number from 0 to ${max.toLocaleString('en-GB')}.`);
    return n;
  };
}

/** The options reconcile and report share. */
export interface ReconcileFlags {
  readonly project: string;
  readonly json?: boolean;
  readonly target?: string;
  readonly seed?: number;
  readonly sample?: number;
}

/** The shared options: where the run's target is, and the sample's seed and size. */
export function addReconcileOptions<T extends { option: (...a: string[]) => T; addOption: (o: Option) => T }>(cmd: T): T {
  return cmd
    .option('--target <url>', 'the PostgreSQL server the run loaded (postgres://…), as given to run --target')
    .addOption(new Option('--seed <n>', 'the seed of the sample of records (same seed, same records)').argParser(wholeNumber('--seed', 2 ** 31 - 1)))
    .addOption(new Option('--sample <n>', 'records per entity in the sample (default 5)').argParser(wholeNumber('--sample', 1000)));
}

/** Reconciles run `run` (the latest when undefined) as the shared options ask. */
export async function reconcileFromFlags(session: ProjectSession, run: string | undefined, o: ReconcileFlags): Promise<Reconciliation> {
  const { reconcile } = await import('../pipeline/reconcile-project.js');
  return reconcile(session, {
    ...(run === undefined ? {} : { run }),
    ...(o.target ? { targetUrl: o.target } : {}),
    ...(o.seed === undefined ? {} : { seed: o.seed }),
    ...(o.sample === undefined ? {} : { sampleSize: o.sample }),
  });
}

const n = (x: number) => x.toLocaleString('en-GB');

/** The reconciliation as JSON: every line with its three figures and its explanation. */
export function reconciliationJson(r: Reconciliation) {
  return {
    run: r.runId,
    snapshot: r.snapshot,
    spec: r.spec,
    ...(r.failure === undefined ? {} : { failed: r.failure }),
    unexplained: r.unexplained,
    counts: r.counts,
    money: r.totals,
    columns: r.columns.map(({ examples: _e, ...c }) => c),
    sample: { seed: r.sampleSeed, records: r.sample.length },
  };
}

/** The reconciliation for a terminal: counts, money, then the verdict. */
export function formatReconciliation(r: Reconciliation): string {
  const counts = textTable(
    ['ref', 'count', 'customer', 'delivered', 'new system', 'explained', 'unexplained', 'status'],
    r.counts.map((c) => [c.ref, c.label, c.customer === null ? '-' : n(c.customer), n(c.snapshot), n(c.target), n(c.explained.reduce((s, e) => s + e.rows, 0)), n(c.unexplained), statusWords(c.status)]),
    new Set([2, 3, 4, 5, 6]),
  );
  const money = textTable(
    ['ref', 'money', 'customer', 'delivered', 'not imported', 'new system', 'unexplained', 'status'],
    r.totals.map((t) => [t.ref, t.label, t.by !== null ? 'n/a' : t.customer === null ? '-' : formatMoney(t.customer), formatMoney(t.snapshot), formatMoney(t.notLoaded), formatMoney(t.target), formatMoney(t.unexplained), statusWords(t.status)]),
    new Set([2, 3, 4, 5, 6]),
  );
  const differing = r.columns.filter((c) => c.differ > 0);
  const shownRecords = 3;
  const notes = [...r.counts, ...r.totals]
    .filter((l) => l.status === 'unexplained')
    .flatMap((l) => [
      ...l.notes.map((x) => `  ${l.ref} ${l.label}: ${x}`),
      ...l.records.filter((x) => x.problem !== 'not loaded').slice(0, shownRecords).map((x) => `      ${x.file} line ${x.line}${x.reference === '' ? '' : ` (${x.reference})`}: ${x.words}`),
    ]);
  const columns = differing.map((c) => `  ${c.entity}.${c.field}: ${n(c.differ)} of ${n(c.compared)} values differ`);
  const verdict = `Run ${r.runId}: ${verdictWords(r)}${[...notes, ...(r.notices ?? [])].map((x) => `\n${x}`).join('')}`;
  // a failed run is said before any figure, which would otherwise read as the whole migration's
  const failed = r.failure === undefined ? [] : [`Run ${r.runId} failed: ${r.failure.replace(/([^.])$/, '$1.')} The figures below are of what it loaded before it stopped.`, ''];
  return [...failed, counts, '', money, '', ...(columns.length > 0 ? [`Whole columns that differ:\n${columns.join('\n')}`, ''] : []), verdict].join('\n');
}

/** `cutover reconcile [RUN]`: three-way counts and money, exits non-zero when anything is unexplained. */
export function registerReconcileCommand(command: CommandMaker, print: (text: string) => void, outcome: { exitCode: number }): void {
  addReconcileOptions(
    command('reconcile')
      .description('Compare a run (the latest by default) three ways: the customer\'s figures, the snapshot and the new system; every difference explained by the ledger or flagged')
      .argument('[run]', 'the run number'),
  ).action(async (run: string | undefined, o: ReconcileFlags) => {
    const r = await withSession(o.project, 'cutover reconcile', (session) => reconcileFromFlags(session, run, o));
    print(o.json ? JSON.stringify(reconciliationJson(r), null, 2) : formatReconciliation(r));
    if (r.unexplained > 0) outcome.exitCode = 1;
  });
}
