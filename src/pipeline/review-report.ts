import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Database } from '../connectors/database.js';
import type { Reconciliation } from '../core/reconcile/index.js';
import { appendAudit } from '../store/audit-log.js';
import type { ProjectStore } from '../store/project-store.js';
import type { ReviewAnswer, WorkbookIdentity } from '../report/review-workbook-content.js';
import { renderReviewPage } from '../report/review-workbook-html.js';
import { writeReviewXlsx } from '../report/review-workbook-xlsx.js';
import { readRejects, type RejectedRow } from './rejects.js';

const rejectsOnPage = 500;

/** Where the review workbook was written. */
export interface WrittenReview {
  readonly runId: number;
  readonly workbookId: string;
  readonly html: string;
  readonly xlsx: string;
}

/** The answers the customer has given for a run so far. */
export async function readReviewAnswers(store: Database, runId: number): Promise<Map<string, ReviewAnswer>> {
  const rows = await store.query<{ ref: string; answer: 'confirmed' | 'query'; comment: string | null; checked_by: string | null }>(
    'SELECT ref, answer, comment, checked_by FROM cutover.review_answer WHERE run_id = $1',
    [runId],
  );
  return new Map(rows.map((r) => [r.ref, { ref: r.ref, answer: r.answer, comment: r.comment, checkedBy: r.checked_by }]));
}

/**
 * Writes the review workbook of a reconciled run as XLSX (for the customer to fill in)
 * and HTML (to read and print), and records what the XLSX holds so that the filled-in
 * copy is recognised when it comes back.
 */
export async function writeReviewWorkbook(
  store: ProjectStore,
  r: Reconciliation,
  o: { readonly outDir?: string; readonly actor: string; readonly clock: () => Date },
): Promise<WrittenReview> {
  const dir = o.outDir ?? store.layout.reportsDir;
  await mkdir(dir, { recursive: true });
  const identity: WorkbookIdentity = { id: randomUUID(), runId: r.runId, snapshotHash: r.snapshot.hash, specHash: r.spec.hash, writtenAt: o.clock().toISOString() };
  const answers = await readReviewAnswers(store.db, r.runId);
  const xlsx = join(dir, `run-${r.runId}-review.xlsx`);
  const html = join(dir, `run-${r.runId}-review.html`);
  const locked = await writeReviewXlsx(xlsx, { reconciliation: r, identity, rejects: readRejects(store.db, r.runId), answers });
  const first: RejectedRow[] = [];
  for await (const row of readRejects(store.db, r.runId)) {
    if (first.length >= rejectsOnPage) break;
    first.push(row);
  }
  const [count] = await store.db.query<{ n: string }>('SELECT count(*) AS n FROM cutover.ledger_entry WHERE run_id = $1', [r.runId]);
  await writeFile(html, renderReviewPage({ reconciliation: r, identity, rejects: first, rejectCount: Number(count?.n ?? 0), answers, workbookFile: basename(xlsx) }));
  await store.db.query(
    'INSERT INTO cutover.review_workbook (id, run_id, snapshot_hash, spec_hash, written_at, written_by, locked_cells) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [identity.id, r.runId, identity.snapshotHash, identity.specHash, identity.writtenAt, o.actor, JSON.stringify(locked)],
  );
  await appendAudit(store.db, {
    at: o.clock(), actor: o.actor, action: 'review.written', subject: `run ${r.runId}`,
    details: { workbook: identity.id, unexplained: r.unexplained, snapshotHash: r.snapshot.hash, specHash: r.spec.hash },
  });
  return { runId: r.runId, workbookId: identity.id, html, xlsx };
}
