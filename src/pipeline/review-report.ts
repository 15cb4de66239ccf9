import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { RejectedRow } from '../core/ledger.js';
import type { Reconciliation, WorkbookIdentity } from '../core/reconcile/index.js';
import { renderReviewPage } from '../report/review-workbook-html.js';
import { writeReviewXlsx } from '../report/review-workbook-xlsx.js';
import { countLedger } from '../store/ledger-records.js';
import { readReviewAnswers, recordWorkbook } from '../store/review-records.js';
import { readAuditHead, recordAuditAnchor } from '../store/audit-log.js';
import type { ProjectSession } from './project-session.js';
import { rejectedRows } from './rejects.js';
import { writeAside, writeFileAside } from '../report/file-aside.js';

const rejectsOnPage = 500;

/** Where the review workbook was written. */
export interface WrittenReview {
  readonly runId: number;
  readonly workbookId: string;
  readonly html: string;
  readonly xlsx: string;
}

/**
 * Writes the review workbook of a reconciled run as XLSX (for the customer to fill in)
 * and HTML (to read and print), and records what the XLSX holds so that the filled-in
 * copy is recognised when it comes back.
 */
export async function writeReviewWorkbook(session: ProjectSession, r: Reconciliation, o: { readonly outDir?: string } = {}): Promise<WrittenReview> {
  const { db } = await session.store();
  const dir = o.outDir ?? session.layout.reportsDir;
  await mkdir(dir, { recursive: true });
  const head = await readAuditHead(db, await session.key());
  const identity: WorkbookIdentity = {
    id: randomUUID(), runId: r.runId, snapshotHash: r.snapshot.hash, specHash: r.spec.hash, writtenAt: session.clock().toISOString(), auditHead: `${head.seq} ${head.mac} ${head.keyId}`,
  };
  const answers = await readReviewAnswers(db, r.runId);
  const xlsx = join(dir, `run-${r.runId}-review.xlsx`);
  const html = join(dir, `run-${r.runId}-review.html`);
  const { currency } = await session.config();
  const locked = await writeAside(xlsx, (partial) => writeReviewXlsx(partial, { reconciliation: r, identity, rejects: rejectedRows(session, r.runId), answers, ...(currency === undefined ? {} : { currency }) }));
  const first: RejectedRow[] = [];
  for await (const row of rejectedRows(session, r.runId)) {
    if (first.length >= rejectsOnPage) break;
    first.push(row);
  }
  const rejectCount = await countLedger(db, r.runId);
  await writeFileAside(html, renderReviewPage({ reconciliation: r, identity, rejects: first, rejectCount, answers, workbookFile: basename(xlsx), ...(currency === undefined ? {} : { currency }) }));
  await recordWorkbook(db, identity, session.actor, locked);
  await recordAuditAnchor(db, 'workbook', identity.id, head);
  await session.audit('review.written', `run ${r.runId}`, { workbook: identity.id, unexplained: r.unexplained, snapshotHash: r.snapshot.hash, specHash: r.spec.hash });
  return { runId: r.runId, workbookId: identity.id, html, xlsx };
}
