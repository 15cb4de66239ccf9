import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isCutoverError } from '../core/cutover-error.js';
import { readReviewWorkbook } from '../report/review-workbook-read.js';
import { checkAuditChain, readAuditAnchors, readAuditLog, verifyAuditLog, type AuditBreak, type AuditEvent, type AuditHead } from '../store/audit-log.js';
import { listSnapshots } from '../store/snapshot-store.js';
import { verifyManifest } from '../store/snapshot-verify.js';
import type { ProjectSession } from './project-session.js';

export type { AuditEvent } from '../store/audit-log.js';

/** The project's audit log, oldest first, and the first event where it was altered, if any. */
export async function readAuditTrail(session: ProjectSession): Promise<{ events: AuditEvent[]; broken: AuditEvent | undefined }> {
  const events = await readAuditLog((await session.store()).db);
  return { events, broken: verifyAuditLog(events, await session.key()) };
}

/** One place the log's head was handed out, and whether the log still agrees with it. */
export interface AuditAnchorCheck {
  /** "snapshot 1a2b3c4d5e6f", "sign-off 2", "review workbook 0c1d…" */
  readonly where: string;
  readonly seq: number;
  /** undefined when the log agrees */
  readonly problem?: string;
}

/** What `cutover audit verify` found. */
export interface AuditVerdict {
  readonly intact: boolean;
  readonly events: number;
  /** the first event that does not hold or is missing */
  readonly broken: AuditBreak | undefined;
  readonly anchors: readonly AuditAnchorCheck[];
  /** every problem, in words, the first bad event first */
  readonly problems: readonly string[];
}

/**
 * Proves the audit log is as written: the chain holds under the key (see
 * `checkAuditChain`), and every anchor of its head found outside it (each snapshot's
 * sealed manifest, each sign-off, each review workbook written, as recorded and as the
 * workbook files in the reports folder or `workbooks` (the customer's copies) hold it) agrees: an anchor
 * beyond the log's end means the log was cut short; one whose hash differs means it was
 * re-chained.
 */
export async function verifyAuditTrail(session: ProjectSession, o: { readonly workbooks?: readonly string[] } = {}): Promise<AuditVerdict> {
  const key = await session.key();
  const { db } = await session.store();
  const events = await readAuditLog(db);
  const broken = checkAuditChain(events, key);
  const anchors: AuditAnchorCheck[] = [];
  const check = (where: string, head: AuditHead | undefined) => {
    if (!head || head.seq === 0) return;
    const e = events.find((x) => x.seq === head.seq);
    const last = events.at(-1)?.seq ?? 0;
    let problem: string | undefined;
    if (head.seq > last) {
      problem = `${where} was written when the log reached event ${head.seq}, but the log now ends at ${last === 0 ? 'nothing (it is empty)' : `event ${last}`}: events were deleted`;
    } else if (!e) {
      problem = `${where} was written at event ${head.seq}, which is missing from the log: events were deleted`;
    } else if (head.keyId !== key.id) {
      // written under an earlier key that a rekey did not reach: only its length can be checked
    } else if (e.hash !== head.mac) {
      problem = `${where} recorded event ${head.seq} with another hash than the log holds now: the log was re-chained`;
    }
    anchors.push({ where, seq: head.seq, ...(problem ? { problem } : {}) });
  };
  for (const manifest of await listSnapshots(session.layout)) {
    try {
      await verifyManifest(session.layout, manifest, key);
    } catch (error) {
      if (!isCutoverError(error)) throw error;
      anchors.push({ where: `snapshot ${manifest.id}`, seq: manifest.auditHead?.seq ?? 0, problem: `snapshot ${manifest.id}: its manifest cannot be checked (${error.message})` });
      continue;
    }
    check(`snapshot ${manifest.id}`, manifest.auditHead);
  }
  for (const a of await readAuditAnchors(db)) check(a.kind === 'signoff' ? `sign-off ${a.ref}` : `review workbook ${a.ref}`, a.head);
  const reports = existsSync(session.layout.reportsDir) ? (await readdir(session.layout.reportsDir)).filter((n) => /^run-\d+-review\.xlsx$/.test(n)).map((n) => join(session.layout.reportsDir, n)) : [];
  for (const file of [...reports, ...(o.workbooks ?? [])]) {
    let head: string | undefined;
    try {
      head = (await readReviewWorkbook(file)).auditHead;
    } catch (error) {
      anchors.push({ where: `the workbook file ${basename(file)}`, seq: 0, problem: `the workbook file ${file} could not be read (${(error as Error).message})` });
      continue;
    }
    const found = head?.match(/^(\d+) (\S+) (\S+)$/);
    if (found) check(`the workbook file ${basename(file)}`, { seq: Number(found[1]), mac: found[2]!, keyId: found[3]! });
  }
  const problems = [...(broken ? [broken.problem] : []), ...anchors.flatMap((a) => (a.problem ? [a.problem] : []))];
  return { intact: problems.length === 0, events: events.length, broken, anchors, problems };
}
