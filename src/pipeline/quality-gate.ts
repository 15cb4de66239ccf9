import { gateProblems, type GateProblem, type GateSnapshot } from '../core/quality-gate.js';
import { hasAuditEvent } from '../store/audit-log.js';
import { latestCheck } from '../store/check-records.js';
import { readRunFacts } from '../store/run-records.js';
import { latestStandingSignOff } from '../store/signoff-records.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import { readSnapshot } from '../store/snapshot-store.js';
import { readProjectSpec } from './project-files.js';
import type { ProjectSession } from './project-session.js';

export type { GateProblem } from '../core/quality-gate.js';

const gateSnapshot = (m: SnapshotManifest): GateSnapshot => ({ id: m.id, collectedAt: m.collectedAt, sources: m.sources.map((s) => ({ name: s.name, kind: s.kind })) });

/**
 * Weighs the quality gate before a final run of `snapshot`: the standing sign-off, the
 * spec as it is today, the two snapshots and their intake checks, the signed run's
 * protocol. Returns every unmet condition; none opens the gate.
 */
export async function weighGate(session: ProjectSession, snapshot: SnapshotManifest): Promise<GateProblem[]> {
  const { db } = await session.store();
  const { spec } = await readProjectSpec(session.layout, await session.config());
  const signOff = await latestStandingSignOff(db);
  const signedSnapshot = signOff === undefined ? undefined : await readSnapshot(session.layout, (await readRunFacts(db, signOff.runId)).snapshotId);
  const errorsOf = async (id: string) => (await latestCheck(db, id))?.errorKinds;
  return gateProblems({
    signOff,
    specHash: spec.hash,
    snapshot: gateSnapshot(snapshot),
    signedSnapshot: signedSnapshot && gateSnapshot(signedSnapshot),
    checkErrors: await errorsOf(snapshot.id),
    signedCheckErrors: signedSnapshot && (await errorsOf(signedSnapshot.id)),
    protocolWritten: signOff !== undefined && (await hasAuditEvent(db, 'protocol.written', `run ${signOff.runId}`)),
  });
}
