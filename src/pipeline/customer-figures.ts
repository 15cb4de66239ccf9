import { CutoverError } from '../core/cutover-error.js';
import { readFigure, type LineStatus, type Reconciliation } from '../core/reconcile/index.js';
import { parseSpecFiles } from '../core/spec/index.js';
import { appendAudit } from '../store/audit-log.js';
import { recordCustomerFigure } from '../store/review-records.js';
import { readRunFacts, resolveRunId } from '../store/run-records.js';
import type { ProjectSession } from './project-session.js';
import { checklistOf, lineRefs } from './reconcile.js';
import { reconcile } from './reconcile-project.js';

/** One line of the pre-migration checklist with the customer's figure beside the delivered data and the new system. */
export interface FigureLine {
  readonly ref: string;
  readonly label: string;
  readonly kind: 'count' | 'money';
  /** false for a split total (per landlord, say), which asks the customer for no figure */
  readonly asked: boolean;
  readonly customer: string | null;
  readonly delivered: string;
  readonly target: string;
  readonly status: LineStatus;
}

/** The customer's figures of a run, line by line. */
export interface RunFigures {
  readonly runId: number;
  readonly snapshotHash: string;
  readonly lines: readonly FigureLine[];
}

/** The checklist lines of a reconciliation, with the figures side by side. */
export function figureLines(r: Reconciliation): RunFigures {
  return {
    runId: r.runId,
    snapshotHash: r.snapshot.hash,
    lines: [
      ...r.counts.map((c) => ({
        ref: c.ref, label: c.label, kind: 'count' as const, asked: true,
        customer: c.customer === null ? null : String(c.customer), delivered: String(c.snapshot), target: String(c.target), status: c.status,
      })),
      ...r.totals.map((t) => ({
        ref: t.ref, label: t.label, kind: 'money' as const, asked: t.by === null, customer: t.customer, delivered: t.snapshot, target: t.target, status: t.status,
      })),
    ],
  };
}

/** Lists the checklist lines of a run (the latest by default): the customer's figure, the delivered data, the new system. */
export async function listFigures(session: ProjectSession, o: { readonly run?: string } = {}): Promise<RunFigures> {
  return figureLines(await reconcile(session, o.run === undefined ? {} : { run: o.run }));
}

/** What `setFigure` recorded. */
export interface FigureSet {
  readonly runId: number;
  readonly snapshotHash: string;
  readonly ref: string;
  readonly label: string;
  readonly kind: 'count' | 'money';
  readonly figure: string;
  readonly by: string;
}

/**
 * Records one figure the customer gave for a checklist line of a run's snapshot (on a
 * call, say), filed as a workbook's figure is, and read as strictly.
 * @example setFigure(session, { ref: 'C1', value: '2,500', by: 'Jo Bloggs' }) // figure '2500' for Contacts
 */
export async function setFigure(session: ProjectSession, o: { readonly run?: string; readonly ref: string; readonly value: string; readonly by: string }): Promise<FigureSet> {
  const by = o.by.trim();
  if (by === '') throw new CutoverError('invalid_option', 'Say who gave the figure: --by NAME, the customer\'s name as they sign.');
  const { db } = await session.store();
  const runId = await resolveRunId(db, o.run);
  const run = await readRunFacts(db, runId);
  if (run.specFiles === null) {
    throw new CutoverError('reconcile_unavailable', `Run ${runId} was made before runs kept their spec, so its checklist is not known. Run the migration again.`);
  }
  const items = checklistOf(parseSpecFiles(run.specFiles));
  const refs = lineRefs(items);
  const lines = items.map((i) => ({ ref: refs.get(i)!, label: i.label, kind: i.total === undefined ? ('count' as const) : ('money' as const), asked: i.by === undefined, by: i.by }));
  const ref = o.ref.trim().toUpperCase();
  const line = lines.find((l) => l.ref === ref);
  const valid = lines.filter((l) => l.asked).map((l) => `${l.ref} (${l.label})`).join(', ');
  if (line === undefined) throw new CutoverError('checklist_ref_unknown', `The checklist of run ${runId} has no line ${o.ref}. The lines that ask for a figure are: ${valid}.`);
  if (!line.asked) {
    throw new CutoverError('checklist_ref_unknown', `${line.ref} (${line.label}) is split by ${line.by}, so it asks for no figure. The lines that ask for a figure are: ${valid}.`);
  }
  const reading = readFigure(o.value, line.kind);
  if (!reading.ok) throw new CutoverError('figure_invalid', `${line.ref} (${line.label}): ${reading.problem}.`);
  if (reading.value === null) throw new CutoverError('figure_invalid', `${line.ref} (${line.label}): no figure was given; write the figure in digits, for example ${line.kind === 'count' ? '2500' : '12345.67'}.`);
  const figure = reading.value;
  const at = session.clock();
  const key = await session.key();
  await db.transaction(async (tx) => {
    await recordCustomerFigure(tx, { snapshotHash: run.snapshotHash, label: line.label, kind: line.kind, figure, runId, givenBy: by, at });
    // in the same transaction: the figure and its event are stored together or not at all
    await appendAudit(tx, { at, actor: session.actor, action: 'review.figure_set', subject: `run ${runId}`, details: { ref: line.ref, label: line.label, figure, by, snapshot: run.snapshotHash } }, key);
  });
  return { runId, snapshotHash: run.snapshotHash, ref: line.ref, label: line.label, kind: line.kind, figure, by };
}
