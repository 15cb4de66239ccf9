import { CutoverError } from '../core/cutover-error.js';
import { appendAudit, checkAuditChain, readAuditLog, rechainAudit, rechainedHashes } from '../store/audit-log.js';
import { listErasureLists, readErasureList, rekeyErasureList } from '../store/erasure-lists.js';
import { rekeySnapshot } from '../store/snapshot-rekey.js';
import { listSnapshots } from '../store/snapshot-store.js';
import { verifySnapshot } from '../store/snapshot-verify.js';
import { snapshotKeyFrom } from '../store/sealed/index.js';
import type { ProjectSession } from './project-session.js';

/** What a rekey did: each snapshot re-sealed (or found done by an earlier, interrupted rekey), and the audit chain. */
export interface RekeyResult {
  readonly from: string;
  readonly to: string;
  readonly snapshots: readonly { readonly id: string; readonly outcome: 'rekeyed' | 'done before' }[];
  /** each erasure list re-sealed, or found done by an earlier, interrupted rekey */
  readonly erasureLists: readonly { readonly id: string; readonly outcome: 'rekeyed' | 'done before' }[];
  /** how many audit events were re-chained under the new key; 0 when an earlier rekey did it */
  readonly auditEvents: number;
}

/**
 * Re-seals every snapshot under the key in `toEnv`, then re-chains the audit log under
 * it and moves the anchors of its head, in one transaction; each snapshot is switched in
 * one step (see `rekeySnapshot`) and verified under the new key. A rekey that was killed
 * is finished by running it again. Afterwards the project's key variable must hold the
 * new key.
 * @example rekeySnapshots(session, { fromEnv: 'OLD_KEY', toEnv: 'NEW_KEY' })
 */
export async function rekeySnapshots(
  session: ProjectSession,
  o: { readonly fromEnv: string; readonly toEnv: string; readonly onSnapshot?: (id: string, outcome: 'rekeyed' | 'done before') => void },
): Promise<RekeyResult> {
  const from = snapshotKeyFrom(session.env, o.fromEnv);
  const to = snapshotKeyFrom(session.env, o.toEnv);
  if (from.id === to.id) throw new CutoverError('invalid_option', `${o.fromEnv} and ${o.toEnv} hold the same key (${from.id}): give the new key in ${o.toEnv}.`);
  // the store is locked first: no other command may read or collect a snapshot meanwhile
  const { db } = await session.store();
  const events = await readAuditLog(db);
  const underOld = checkAuditChain(events, from);
  const underNew = underOld && checkAuditChain(events, to);
  if (underOld && underNew) {
    throw new CutoverError('audit_altered', `The audit log does not hold under ${o.fromEnv} (${underOld.problem}), nor under ${o.toEnv}. Nothing was re-keyed: run "cutover audit verify" and find out what changed it first.`);
  }
  const chainDone = underOld !== undefined;
  const hashes = rechainedHashes(events, to);
  const snapshots: { id: string; outcome: 'rekeyed' | 'done before' }[] = [];
  for (const manifest of await listSnapshots(session.layout)) {
    const outcome = await rekeySnapshot(session.layout, manifest.id, from, to, (head) =>
      head.keyId === from.id ? { seq: head.seq, mac: hashes.get(head.seq) ?? head.mac, keyId: to.id } : head,
    );
    snapshots.push({ id: manifest.id, outcome });
    o.onSnapshot?.(manifest.id, outcome);
  }
  // erasure lists are sealed like snapshots, and switched one by one the same way
  const erasureLists: { id: string; outcome: 'rekeyed' | 'done before' }[] = [];
  for (const list of await listErasureLists(session.layout)) erasureLists.push({ id: list.id, outcome: await rekeyErasureList(session.layout, list.id, from, to) });
  let auditEvents = 0;
  if (!chainDone) {
    const renamed = await rechainAudit(db, from, to, async (tx) => {
      await appendAudit(tx, {
        at: session.clock(), actor: session.actor, action: 'snapshots.rekeyed', subject: 'snapshots',
        details: { from: from.id, to: to.id, snapshots: snapshots.map((s) => s.id), erasureLists: erasureLists.map((l) => l.id) },
      }, to);
    });
    auditEvents = renamed.size;
  }
  // proof, after the fact: everything opens under the new key
  for (const manifest of await listSnapshots(session.layout)) await verifySnapshot(session.layout, manifest, to);
  for (const list of await listErasureLists(session.layout)) await readErasureList(session.layout, list, to);
  const after = checkAuditChain(await readAuditLog(db), to);
  if (after) throw new CutoverError('audit_altered', `After the rekey the audit log does not hold under ${o.toEnv}: ${after.problem}. Run "cutover audit verify".`);
  return { from: from.id, to: to.id, snapshots, erasureLists, auditEvents };
}
