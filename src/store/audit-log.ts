import { canonicalJson, sha256Hex } from '../core/canonical-json.js';
import type { Database } from '../connectors/database.js';

/** Every kind of state change the audit log records. */
export const auditActions = [
  'project.created',
  'snapshot.collected',
  // reading every value of a snapshot is worth recording, though it changes nothing stored
  'snapshot.checked',
  'snapshot.profiled',
  'snapshot.diffed',
  'mapping.suggested',
  'run.started',
  'run.resumed',
  'run.interrupted',
  'run.abandoned',
  'run.finished',
  // a production run succeeded: from now on only gap runs may touch the environment
  'environment.live',
  // the freeze window before a final run: the legacy system must not change
  // the team let a final run past the quality gate, with its reason
  'gate.overridden',
  'environment.frozen',
  'environment.unfrozen',
  // lists and pages that carry personal data out of the store
  'rejects.written',
  'protocol.written',
  'review.written',
  'review.imported',
  'review.figure_set',
  'run.signed_off',
  'run.signoff_revoked',
  // the review app: its users, who signed in and out, and what they took away
  'user.added',
  'user.removed',
  'login',
  'login.failed',
  'logout',
  'download',
  // the review app's queries, each step of a thread with who took it
  'query.raised',
  'query.answered',
  'query.resolved',
  'query.reopened',
  // a task after go-live marked done by the team
  'plan.task_done',
  // a person accepted, rejected, split or forced a proposed merge of duplicate rows
  'dedup.decided',
] as const;

/** One kind of state change. */
export type AuditAction = (typeof auditActions)[number];

/** One state change: who did what, when, to which subject, with which hashes. */
export interface AuditEvent {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly hash: string;
}

const genesis = '0'.repeat(64);

function eventHash(prevHash: string, e: Omit<AuditEvent, 'hash'>): string {
  return sha256Hex(prevHash + '\n' + canonicalJson([e.seq, e.at, e.actor, e.action, e.subject, e.details]));
}

/**
 * Appends an event to the append-only audit log. Each event's hash covers the one
 * before it, so an edited or deleted event breaks the chain (see `verifyAuditLog`).
 */
export async function appendAudit(
  db: Database,
  event: { at: Date; actor: string; action: AuditAction; subject: string; details: Record<string, unknown> },
): Promise<AuditEvent> {
  return db.transaction(async (tx) => {
    const [last] = await tx.query<{ seq: string; hash: string }>(
      'SELECT seq, hash FROM cutover.audit_event ORDER BY seq DESC LIMIT 1 FOR UPDATE',
    );
    const prevHash = last?.hash ?? genesis;
    const body = {
      seq: last ? Number(last.seq) + 1 : 1,
      at: event.at.toISOString(),
      actor: event.actor,
      action: event.action,
      subject: event.subject,
      details: event.details,
    };
    const hash = eventHash(prevHash, body);
    await tx.query(
      'INSERT INTO cutover.audit_event (seq, at, actor, action, subject, details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [body.seq, body.at, body.actor, body.action, body.subject, canonicalJson(body.details), prevHash, hash],
    );
    return { ...body, hash };
  });
}

/** True when the audit log holds an event of this kind about this subject. */
export async function hasAuditEvent(db: Database, action: AuditAction, subject: string): Promise<boolean> {
  const [row] = await db.query<{ found: boolean }>('SELECT EXISTS (SELECT 1 FROM cutover.audit_event WHERE action = $1 AND subject = $2) AS found', [action, subject]);
  return row?.found ?? false;
}

/** Reads the audit log in order, oldest first: all of it, or the events of one kind about one subject. */
export async function readAuditLog(db: Database, only?: { readonly action: AuditAction; readonly subject: string }): Promise<AuditEvent[]> {
  const rows = await db.query<{ seq: string; at: string; actor: string; action: string; subject: string; details: string; hash: string }>(
    `SELECT seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor, action, subject, details, hash
       FROM cutover.audit_event ${only ? 'WHERE action = $1 AND subject = $2' : ''} ORDER BY seq`,
    only ? [only.action, only.subject] : [],
  );
  return rows.map((r) => ({ ...r, seq: Number(r.seq), details: JSON.parse(r.details) as Record<string, unknown> }));
}

/** Re-computes the chain; returns the first event whose hash does not match, or undefined. */
export function verifyAuditLog(events: readonly AuditEvent[]): AuditEvent | undefined {
  let prev = genesis;
  for (const e of events) {
    if (eventHash(prev, e) !== e.hash) return e;
    prev = e.hash;
  }
  return undefined;
}
