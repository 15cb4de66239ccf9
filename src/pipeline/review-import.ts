import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CutoverError } from '../core/cutover-error.js';
import { appendAudit } from '../store/audit-log.js';
import type { ProjectStore } from '../store/project-store.js';
import { readReviewWorkbook, type WorkbookAnswers } from '../report/review-workbook-read.js';
import type { LockedCells } from '../report/review-workbook-xlsx.js';

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
export async function importReviewWorkbook(
  store: ProjectStore,
  path: string,
  o: { readonly expectedRun?: number; readonly actor: string; readonly clock: () => Date },
): Promise<ReviewImport> {
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
  const [written] = await store.db.query<{ run_id: string; snapshot_hash: string; locked_cells: string }>(
    'SELECT run_id, snapshot_hash, locked_cells FROM cutover.review_workbook WHERE id = $1',
    [id],
  );
  if (!written) {
    throw new CutoverError(
      'workbook_other_project',
      `${file} was not written by this project: it says it is for run ${runText} of snapshot ${found.identity.snapshotHash.slice(0, 12)}…, but this project never wrote workbook ${id}. Import the workbook written for this project, or write one with "cutover report".`,
    );
  }
  const runId = Number(written.run_id);
  if (o.expectedRun !== undefined && runId !== o.expectedRun) {
    throw new CutoverError('workbook_other_run', `${file} is the review workbook of run ${runId}, not of run ${o.expectedRun}. Import it without naming a run, or import the workbook of run ${o.expectedRun}.`);
  }
  const problems = [...lockedChanges(JSON.parse(written.locked_cells) as LockedCells, found.locked).map((p) => `Protected cells were changed: ${p}`), ...found.problems];
  if (problems.length > 0) {
    throw new CutoverError('workbook_invalid', `${file} was not imported, and nothing was changed:\n${problems.map((p) => `- ${p}`).join('\n')}\nCorrect the workbook (or ask for a fresh one with "cutover report") and import it again.`);
  }
  const at = o.clock().toISOString();
  const figures = found.figures.filter((f) => f.figure !== null);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const queries = found.answers.filter((a) => a.answer === 'query').map((a) => ({ ref: a.ref, check: a.check, comment: a.comment }));
  await store.db.transaction(async (tx) => {
    for (const f of figures) {
      await tx.query(
        `INSERT INTO cutover.customer_figure (snapshot_hash, label, kind, figure, run_id, workbook_id, entered_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (snapshot_hash, label) DO UPDATE SET kind = excluded.kind, figure = excluded.figure, run_id = excluded.run_id, workbook_id = excluded.workbook_id, entered_at = excluded.entered_at`,
        [written.snapshot_hash, f.label, f.kind, f.figure, runId, id, at],
      );
    }
    for (const a of found.answers) {
      await tx.query(
        `INSERT INTO cutover.review_answer (run_id, ref, check_text, answer, comment, checked_by, workbook_id, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (run_id, ref) DO UPDATE SET check_text = excluded.check_text, answer = excluded.answer, comment = excluded.comment, checked_by = excluded.checked_by, workbook_id = excluded.workbook_id, imported_at = excluded.imported_at`,
        [runId, a.ref, a.check, a.answer, a.comment === '' ? null : a.comment, a.checkedBy === '' ? null : a.checkedBy, id, at],
      );
    }
    await tx.query(
      'INSERT INTO cutover.review_import (workbook_id, run_id, file, sha256, imported_at, imported_by, figures, answers, queries) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [id, runId, file, sha256, at, o.actor, figures.length, found.answers.length, queries.length],
    );
    await appendAudit(tx, {
      at: o.clock(), actor: o.actor, action: 'review.imported', subject: `run ${runId}`,
      details: { workbook: id, file, sha256, figures: figures.length, answers: found.answers.length, queries: queries.length },
    });
  });
  return { runId, workbookId: id, figures: figures.length, confirmed: found.answers.length - queries.length, queries };
}
