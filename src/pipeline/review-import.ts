import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CutoverError } from '../core/cutover-error.js';
import type { LockedCells } from '../core/reconcile/index.js';
import { readReviewWorkbook, type WorkbookAnswers } from '../report/review-workbook-read.js';
import { appendAudit } from '../store/audit-log.js';
import { findWorkbook, recordReturnedReview } from '../store/review-records.js';
import type { ProjectSession } from './project-session.js';

/** What an import took in. */
export interface ReviewImport {
  readonly runId: number;
  readonly workbookId: string;
  readonly figures: number;
  readonly confirmed: number;
  readonly queries: readonly { readonly ref: string; readonly check: string; readonly comment: string }[];
}

const shownChanges = 5;

/** Compares the locked cells found with those written; each change names its sheet and cell. */
function lockedChanges(written: LockedCells, found: LockedCells): string[] {
  const problems: string[] = [];
  for (const [sheet, expected] of Object.entries(written)) {
    const actual = found[sheet];
    if (actual === undefined) {
      problems.push(`the sheet "${sheet}" was removed.`);
      continue;
    }
    if (actual.sha256 === expected.sha256) continue;
    if (expected.cells === undefined) {
      problems.push(`cells of the sheet "${sheet}" that Cutover filled in were changed.`);
      continue;
    }
    const was = expected.cells;
    const now = actual.cells ?? {};
    const changed = [...new Set([...Object.keys(was), ...Object.keys(now)])].filter((a) => was[a] !== now[a]);
    for (const address of changed.slice(0, shownChanges)) {
      problems.push(`sheet "${sheet}", cell ${address}: Cutover wrote ${JSON.stringify(was[address] ?? '')}, the workbook now holds ${JSON.stringify(now[address] ?? '')}.`);
    }
    if (changed.length > shownChanges) problems.push(`sheet "${sheet}": ${changed.length - shownChanges} more cells were changed.`);
  }
  return problems;
}

/**
 * Reads a review workbook the customer filled in and stores their figures and answers,
 * all in one transaction or not at all. Refuses a workbook this project did not write,
 * one written for another run than `expectedRun`, one whose locked cells were edited,
 * and one with a figure or answer that cannot be read; the message lists every problem.
 */
export async function importReviewWorkbook(session: ProjectSession, path: string, o: { readonly expectedRun?: number } = {}): Promise<ReviewImport> {
  const file = basename(path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new CutoverError('file_missing', `${path} could not be read (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}).`, { cause });
  }
  let found: WorkbookAnswers;
  try {
    found = await readReviewWorkbook(path);
  } catch (cause) {
    // the reader's own words (zip internals) help nobody here; --debug shows them
    throw new CutoverError('workbook_unreadable', `${file} is not an Excel workbook that can be read. Send back the .xlsx file "cutover report" wrote, saved as an Excel workbook (.xlsx).`, { cause });
  }
  if (found.identity === null) {
    throw new CutoverError('workbook_foreign', `${file} is not a review workbook written by Cutover: it has no hidden "About" sheet. Import the workbook "cutover report" wrote, filled in.`);
  }
  const { id, runId: runText } = found.identity;
  const { db } = await session.store();
  const written = await findWorkbook(db, id);
  if (!written) {
    throw new CutoverError(
      'workbook_other_project',
      `${file} was not written by this project: it says it is for run ${runText} of snapshot ${found.identity.snapshotHash.slice(0, 12)}…, but this project never wrote workbook ${id}. Import the workbook written for this project, or write one with "cutover report".`,
    );
  }
  const { runId } = written;
  if (o.expectedRun !== undefined && runId !== o.expectedRun) {
    throw new CutoverError('workbook_other_run', `${file} is the review workbook of run ${runId}, not of run ${o.expectedRun}. Import it without naming a run, or import the workbook of run ${o.expectedRun}.`);
  }
  const problems = [...lockedChanges(written.locked, found.locked).map((p) => `Protected cells were changed: ${p}`), ...found.problems];
  if (problems.length > 0) {
    throw new CutoverError('workbook_invalid', `${file} was not imported, and nothing was changed:\n${problems.map((p) => `- ${p}`).join('\n')}\nCorrect the workbook (or ask for a fresh one with "cutover report") and import it again.`);
  }
  const at = session.clock();
  const figures = found.figures.flatMap((f) => (f.figure === null ? [] : [{ label: f.label, kind: f.kind, figure: f.figure }]));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const queries = found.answers.filter((a) => a.answer === 'query').map((a) => ({ ref: a.ref, check: a.check, comment: a.comment }));
  const key = await session.key();
  await db.transaction(async (tx) => {
    await recordReturnedReview(tx, {
      workbookId: id, runId, snapshotHash: written.snapshotHash, file, sha256, at, by: session.actor, figures, answers: found.answers, queries: queries.length,
    });
    // in the same transaction: the import and its event are stored together or not at all
    await appendAudit(tx, {
      at, actor: session.actor, action: 'review.imported', subject: `run ${runId}`,
      details: { workbook: id, file, sha256, figures: figures.length, answers: found.answers.length, queries: queries.length },
    }, key);
  });
  return { runId, workbookId: id, figures: figures.length, confirmed: found.answers.length - queries.length, queries };
}
