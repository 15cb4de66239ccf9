import { canonicalJson, sha256Hex } from '../core/canonical-json.js';
import type { Database } from '../connectors/database.js';
import type { SnapshotKey } from './sealed/index.js';

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
  // a command asked to show personal values unmasked (--show-personal-data)
  'personal_data.shown',
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
  // key maps of superseded runs dropped from the store ("cutover gc")
  'store.collected',
  // every snapshot re-sealed, and the audit chain re-keyed, under a new snapshot key
  'snapshots.rekeyed',
  // a list of people to erase imported: every later run keeps them out of the target
  'erasure.imported',
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

/**
 * The format marker of a keyed event: its hash is `hmac1:` and an HMAC-SHA-256 under the
 * audit chain's key (derived from the snapshot key). Events written before the log was
 * keyed keep their plain SHA-256; the first keyed event, by its marker, says where the
 * keyed part starts, and no plain event may follow it.
 */
export const keyedMarker = 'hmac1:';

function eventText(prevHash: string, e: Omit<AuditEvent, 'hash'>): string {
  return prevHash + '\n' + canonicalJson([e.seq, e.at, e.actor, e.action, e.subject, e.details]);
}

function plainHash(prevHash: string, e: Omit<AuditEvent, 'hash'>): string {
  return sha256Hex(eventText(prevHash, e));
}

/** The keyed hash of an event, under the chain's key. */
export function keyedHash(key: SnapshotKey, prevHash: string, e: Omit<AuditEvent, 'hash'>): string {
  return keyedMarker + key.auditMac(eventText(prevHash, e));
}

/** The head of the audit log: its last event's number and hash, and the key it was chained under. seq 0: the log was empty. */
export interface AuditHead {
  readonly seq: number;
  readonly mac: string;
  /** the snapshot key's id (a fingerprint) the head was written under */
  readonly keyId: string;
}

/** The log's head now, to anchor outside the log (a snapshot's sealed manifest, a workbook, a sign-off). */
export async function readAuditHead(db: Database, key: SnapshotKey): Promise<AuditHead> {
  const [last] = await db.query<{ seq: string; hash: string }>('SELECT seq, hash FROM cutover.audit_event ORDER BY seq DESC LIMIT 1');
  return { seq: last ? Number(last.seq) : 0, mac: last?.hash ?? genesis, keyId: key.id };
}

/**
 * Appends an event to the append-only audit log. Each event's keyed hash covers the one
 * before it, so an edited, re-chained or deleted event breaks the chain (see `verifyAuditLog`).
 */
export async function appendAudit(
  db: Database,
  event: { at: Date; actor: string; action: AuditAction; subject: string; details: Record<string, unknown> },
  key: SnapshotKey,
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
    const hash = keyedHash(key, prevHash, body);
    await tx.query(
      'INSERT INTO cutover.audit_event (seq, at, actor, action, subject, details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [body.seq, body.at, body.actor, body.action, body.subject, canonicalJson(body.details), prevHash, hash],
    );
    return { ...body, hash };
  });
}

/** The hash every keyed event would have under another key, by number: what a rekey will write (see `rechainAudit`). */
export function rechainedHashes(events: readonly AuditEvent[], to: SnapshotKey): Map<number, string> {
  const hashes = new Map<number, string>();
  let prev = genesis;
  for (const e of events) {
    const hash = e.hash.startsWith(keyedMarker) ? keyedHash(to, prev, e) : e.hash;
    hashes.set(e.seq, hash);
    prev = hash;
  }
  return hashes;
}

/** Records where the log's head was handed out (a workbook, a sign-off), so `audit verify` can compare. */
export async function recordAuditAnchor(db: Database, kind: 'workbook' | 'signoff', ref: string, head: AuditHead): Promise<void> {
  await db.query('INSERT INTO cutover.audit_anchor (kind, ref, seq, mac, key_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (kind, ref) DO NOTHING', [
    kind, ref, head.seq, head.mac, head.keyId,
  ]);
}

/** Every anchor recorded in the store. */
export async function readAuditAnchors(db: Database): Promise<{ kind: string; ref: string; head: AuditHead }[]> {
  const rows = await db.query<{ kind: string; ref: string; seq: string; mac: string; key_id: string }>('SELECT kind, ref, seq, mac, key_id FROM cutover.audit_anchor ORDER BY kind, ref');
  return rows.map((r) => ({ kind: r.kind, ref: r.ref, head: { seq: Number(r.seq), mac: r.mac, keyId: r.key_id } }));
}

/**
 * Re-chains the keyed part of the log under a new key, and moves the recorded anchors
 * to the new hashes, in one transaction: after a rekey the chain's key follows the
 * snapshot key. The caller has verified the chain under the old key. Returns the new
 * hash of every re-chained event, by number.
 */
export async function rechainAudit(db: Database, from: SnapshotKey, to: SnapshotKey, then?: (tx: Database) => Promise<void>): Promise<Map<number, string>> {
  return db.transaction(async (tx) => {
    await tx.query('LOCK TABLE cutover.audit_event IN EXCLUSIVE MODE');
    const events = await readAuditLog(tx);
    const renamed = new Map<number, string>();
    let prev = genesis;
    for (const e of events) {
      let hash = e.hash;
      if (e.hash.startsWith(keyedMarker)) {
        hash = keyedHash(to, prev, e);
        renamed.set(e.seq, hash);
        await tx.query('UPDATE cutover.audit_event SET prev_hash = $2, hash = $3 WHERE seq = $1', [e.seq, prev, hash]);
      }
      prev = hash;
    }
    for (const a of await readAuditAnchors(tx)) {
      if (a.head.keyId !== from.id) continue;
      const mac = renamed.get(a.head.seq) ?? a.head.mac;
      await tx.query('UPDATE cutover.audit_anchor SET mac = $3, key_id = $4 WHERE kind = $1 AND ref = $2', [a.kind, a.ref, mac, to.id]);
    }
    await then?.(tx);
    return renamed;
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

/** What is wrong with the log: the first event that does not hold, or that is missing, in words. */
export interface AuditBreak {
  readonly seq: number;
  readonly problem: string;
}

/**
 * Re-computes the chain under the key: numbers run 1, 2, 3 without a gap; events before
 * the first keyed one match their plain hash; from the first keyed one on, each matches
 * its keyed hash. Returns the first event that does not hold, or undefined.
 */
export function checkAuditChain(events: readonly AuditEvent[], key: SnapshotKey): AuditBreak | undefined {
  let prev = genesis;
  let keyed = false;
  for (const [i, e] of events.entries()) {
    if (e.seq !== i + 1) return { seq: i + 1, problem: `event ${i + 1} is missing (the next event there is ${e.seq})` };
    if (e.hash.startsWith(keyedMarker)) {
      keyed = true;
      if (keyedHash(key, prev, e) !== e.hash) {
        return { seq: e.seq, problem: `event ${e.seq} does not match its keyed hash: it was edited or re-chained, or the log is under another key than ${key.variable}` };
      }
    } else if (keyed) {
      return { seq: e.seq, problem: `event ${e.seq} has a plain hash after keyed events: it was written or re-chained without the key` };
    } else if (plainHash(prev, e) !== e.hash) {
      return { seq: e.seq, problem: `event ${e.seq} does not match its hash: it was edited` };
    }
    prev = e.hash;
  }
  return undefined;
}

/** Re-computes the chain under the key; returns the first event whose hash does not match, or undefined. */
export function verifyAuditLog(events: readonly AuditEvent[], key: SnapshotKey): AuditEvent | undefined {
  const broken = checkAuditChain(events, key);
  return broken && (events.find((e) => e.seq === broken.seq) ?? events[broken.seq - 1]);
}
