import type { Database } from '../connectors/database.js';
import type { LockedCells, ReviewAnswer, WorkbookIdentity } from '../core/reconcile/index.js';

/** The customer's figures for a snapshot, by checklist label, as exact decimal text. */
export async function readCustomerFigures(db: Database, snapshotHash: string): Promise<Map<string, string>> {
  const rows = await db.query<{ label: string; figure: string }>('SELECT label, figure::text AS figure FROM cutover.customer_figure WHERE snapshot_hash = $1', [snapshotHash]);
  return new Map(rows.map((r) => [r.label, r.figure]));
}

/** The answers the customer has given for a run so far. */
export async function readReviewAnswers(db: Database, runId: number): Promise<Map<string, ReviewAnswer>> {
  const rows = await db.query<{ ref: string; answer: 'confirmed' | 'query'; comment: string | null; checked_by: string | null }>(
    'SELECT ref, answer, comment, checked_by FROM cutover.review_answer WHERE run_id = $1',
    [runId],
  );
  return new Map(rows.map((r) => [r.ref, { ref: r.ref, answer: r.answer, comment: r.comment, checkedBy: r.checked_by }]));
}

/** Remembers a workbook as written, with the cells the customer may not change, to know it again when it comes back. */
export async function recordWorkbook(db: Database, identity: WorkbookIdentity, writtenBy: string, locked: LockedCells): Promise<void> {
  await db.query(
    'INSERT INTO cutover.review_workbook (id, run_id, snapshot_hash, spec_hash, written_at, written_by, locked_cells) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [identity.id, identity.runId, identity.snapshotHash, identity.specHash, identity.writtenAt, writtenBy, JSON.stringify(locked)],
  );
}

/** A workbook this project wrote: its run, its snapshot and its protected cells; undefined when it never wrote one with that id. */
export async function findWorkbook(db: Database, id: string): Promise<{ runId: number; snapshotHash: string; locked: LockedCells } | undefined> {
  const [row] = await db.query<{ run_id: string; snapshot_hash: string; locked_cells: string }>(
    'SELECT run_id, snapshot_hash, locked_cells FROM cutover.review_workbook WHERE id = $1',
    [id],
  );
  return row && { runId: Number(row.run_id), snapshotHash: row.snapshot_hash, locked: JSON.parse(row.locked_cells) as LockedCells };
}

/** What came back in one filled-in workbook. */
export interface ReturnedReview {
  readonly workbookId: string;
  readonly runId: number;
  readonly snapshotHash: string;
  readonly file: string;
  readonly sha256: string;
  readonly at: Date;
  readonly by: string;
  readonly figures: readonly { readonly label: string; readonly kind: 'count' | 'money'; readonly figure: string }[];
  readonly answers: readonly { readonly ref: string; readonly check: string; readonly answer: string; readonly comment: string; readonly checkedBy: string }[];
  readonly queries: number;
}

/** Stores the customer's figures and answers from a workbook, and that it came back; call it inside the import's transaction. */
export async function recordReturnedReview(tx: Database, r: ReturnedReview): Promise<void> {
  const at = r.at.toISOString();
  for (const f of r.figures) {
    await tx.query(
      `INSERT INTO cutover.customer_figure (snapshot_hash, label, kind, figure, run_id, workbook_id, entered_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (snapshot_hash, label) DO UPDATE SET kind = excluded.kind, figure = excluded.figure, run_id = excluded.run_id, workbook_id = excluded.workbook_id, entered_at = excluded.entered_at`,
      [r.snapshotHash, f.label, f.kind, f.figure, r.runId, r.workbookId, at],
    );
  }
  for (const a of r.answers) {
    await tx.query(
      `INSERT INTO cutover.review_answer (run_id, ref, check_text, answer, comment, checked_by, workbook_id, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (run_id, ref) DO UPDATE SET check_text = excluded.check_text, answer = excluded.answer, comment = excluded.comment, checked_by = excluded.checked_by, workbook_id = excluded.workbook_id, imported_at = excluded.imported_at`,
      [r.runId, a.ref, a.check, a.answer, a.comment === '' ? null : a.comment, a.checkedBy === '' ? null : a.checkedBy, r.workbookId, at],
    );
  }
  await tx.query(
    'INSERT INTO cutover.review_import (workbook_id, run_id, file, sha256, imported_at, imported_by, figures, answers, queries) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
    [r.workbookId, r.runId, r.file, r.sha256, at, r.by, r.figures.length, r.answers.length, r.queries],
  );
}

/** A figure the customer gave outside a workbook (on a call, say), filed like a workbook's: by snapshot and label. */
export async function recordCustomerFigure(
  db: Database,
  f: { readonly snapshotHash: string; readonly label: string; readonly kind: 'count' | 'money'; readonly figure: string; readonly runId: number; readonly givenBy: string; readonly at: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO cutover.customer_figure (snapshot_hash, label, kind, figure, run_id, workbook_id, entered_at, given_by) VALUES ($1, $2, $3, $4, $5, NULL, $6, $7)
     ON CONFLICT (snapshot_hash, label) DO UPDATE SET kind = excluded.kind, figure = excluded.figure, run_id = excluded.run_id, workbook_id = NULL, entered_at = excluded.entered_at, given_by = excluded.given_by`,
    [f.snapshotHash, f.label, f.kind, f.figure, f.runId, f.at.toISOString(), f.givenBy],
  );
}
