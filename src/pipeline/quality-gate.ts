import { CutoverError } from '../core/cutover-error.js';
import { gateProblems, type GateProblem, type GateSnapshot } from '../core/quality-gate.js';
import { hasAuditEvent, readAuditLog } from '../store/audit-log.js';
import { latestCheck } from '../store/check-records.js';
import { readQueries } from '../store/query-records.js';
import { readRunFacts } from '../store/run-records.js';
import { latestStandingSignOff } from '../store/signoff-records.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import { verifyManifest } from '../store/snapshot-verify.js';
import { readProjectSpec } from './project-files.js';
import type { ProjectSession } from './project-session.js';
import { readVerifiedSnapshot } from './verified-snapshot.js';

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
  // the dates and sources the gate compares are only as good as the manifests: both are proved first
  await verifyManifest(session.layout, snapshot, await session.key());
  const signedSnapshot = signOff === undefined ? undefined : await readVerifiedSnapshot(session, (await readRunFacts(db, signOff.runId)).snapshotId);
  const errorsOf = async (id: string) => (await latestCheck(db, id))?.errorKinds;
  return gateProblems({
    signOff,
    specHash: spec.hash,
    snapshot: gateSnapshot(snapshot),
    signedSnapshot: signedSnapshot && gateSnapshot(signedSnapshot),
    checkErrors: await errorsOf(snapshot.id),
    signedCheckErrors: signedSnapshot && (await errorsOf(signedSnapshot.id)),
    protocolWritten: signOff !== undefined && (await hasAuditEvent(db, 'protocol.written', `run ${signOff.runId}`)),
    openQueries: signOff === undefined ? [] : (await readQueries(db, { runId: signOff.runId })).filter((q) => q.state !== 'resolved').map((q) => ({ id: q.id, words: q.messages[0]?.text ?? '' })),
  });
}

/** The team's decision to load although the gate is shut: who, and why. */
export interface GateOverride {
  readonly by: string;
  readonly note: string;
}

/**
 * Lets a final run of `snapshot` into `env` through the gate, or refuses it, listing
 * every unmet condition with the command that meets it. An override lets it through
 * with the conditions it passed over recorded in the audit log.
 */
export async function passGate(session: ProjectSession, env: string, snapshot: SnapshotManifest, override?: GateOverride): Promise<void> {
  const problems = await weighGate(session, snapshot);
  if (problems.length === 0) return;
  if (override !== undefined) {
    await session.audit('gate.overridden', `environment ${env}`, { snapshot: snapshot.id, by: override.by, note: override.note, problems: problems.map((p) => p.message) });
    return;
  }
  throw new CutoverError(
    'gate_closed',
    `The final run into environment "${env}" cannot start: the quality gate is shut, and nothing was loaded.\n` +
      problems.map((p) => `- ${p.message} To do: ${p.command}.`).join('\n') +
      '\nOnly when the team decides to load anyway: add --override-gate --by NAME --note WHY (recorded in the audit log).',
  );
}

/** The times the team let a final run into `env` past a shut gate, in words, oldest first: every later report of the environment shows them. */
export async function gateOverrides(session: ProjectSession, env: string): Promise<string[]> {
  const events = await readAuditLog((await session.store()).db, { action: 'gate.overridden', subject: `environment ${env}` });
  return events.map((e) => {
    const d = e.details as { by?: string; note?: string; problems?: string[] };
    return `The quality gate was overridden for environment ${env} on ${e.at.slice(0, 16).replace('T', ' ')} UTC by ${d.by ?? e.actor} (${d.note ?? 'no reason given'}), although: ${(d.problems ?? []).join(' ')}`;
  });
}
