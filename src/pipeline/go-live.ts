import type { Target } from '../connectors/target.js';
import { CutoverError } from '../core/cutover-error.js';
import { bookkeepingFor, keptInStore } from '../store/bookkeeping.js';
import { markTargetLive, readEnvironmentLive, readTargetLive, recordEnvironmentLive } from '../store/environment-state.js';
import { findInterruptedRun, finishRun } from '../store/run-records.js';
import type { EnvironmentPlace } from './environment.js';
import type { ProjectSession } from './project-session.js';

/**
 * Refuses any run into a live environment, before anything is touched: live in this
 * project's store, or live by the mark in the target database itself (another copy of
 * the project may have made it so). A run of this project that went live in the target
 * and was stopped before the store heard of it is first recorded as it ended.
 */
export async function refuseLiveEnvironment(session: ProjectSession, place: EnvironmentPlace, target: Target): Promise<void> {
  const store = (await session.store()).db;
  const b = bookkeepingFor(target, place.env, 0);
  const inTarget = keptInStore(b) ? undefined : await readTargetLive(target.db, b.schema, place.env);
  let inStore = await readEnvironmentLive(store, place.env);
  if (!inStore && inTarget) {
    const interrupted = await findInterruptedRun(store, place.env);
    if (interrupted?.id === inTarget.runId && interrupted.target === target.label) {
      await recordLive(session, place, target, inTarget.runId, new Date(inTarget.at));
      inStore = inTarget;
    }
  }
  const mark = inStore ?? inTarget;
  if (!mark) return;
  const where = inStore ? 'in this project' : `in ${target.label} itself (schema ${b.schema}), by another copy of the project`;
  throw new CutoverError(
    'env_live',
    `Environment "${place.env}" is live: run ${mark.runId} loaded it in full on ${mark.at.slice(0, 16).replace('T', ' ')} UTC (recorded ${where}). ` +
      'A second full load, with or without --fresh, would create a duplicate of every single record in the new system, so Cutover refuses it and has touched nothing. ' +
      'Carry over what changed in the legacy system since then with a gap migration instead: collect a new snapshot and load only the new and changed records through the key map.',
  );
}

/**
 * Marks an environment live in the target itself, once a production run has loaded it
 * whole: first, so that however the run ends from here, no copy of the project loads it again.
 */
export async function markLiveInTarget(place: EnvironmentPlace, target: Target, runId: number, at: Date): Promise<void> {
  const b = bookkeepingFor(target, place.env, runId);
  if (!keptInStore(b)) await markTargetLive(target.db, b.schema, { env: place.env, runId, at });
}

/** Records in the store, in one transaction, that a production run succeeded and its environment is live. */
export async function recordLive(session: ProjectSession, place: EnvironmentPlace, target: Target, runId: number, at: Date): Promise<void> {
  await (await session.store()).db.transaction(async (tx) => {
    await finishRun(tx, runId, 'succeeded', null, session.clock());
    await recordEnvironmentLive(tx, { env: place.env, runId, at, target: target.label });
  });
  await session.audit('environment.live', `environment ${place.env}`, { run: runId, target: target.label, schema: place.schema });
}
