import { CutoverError } from '../core/cutover-error.js';
import { currentFreezes, endFreeze, startFreeze, type Freeze } from '../store/freeze-records.js';
import type { ProjectSession } from './project-session.js';

export type { Freeze } from '../store/freeze-records.js';

/**
 * Starts the freeze window before the final run into `env` (a production or preproduction
 * environment): from now the legacy system must not change, and every collect says so.
 * A freeze already on is kept as it was.
 */
export async function freeze(session: ProjectSession, o: { readonly env: string; readonly note?: string }): Promise<Freeze> {
  const config = await session.config();
  const environment = config.environments[o.env];
  if (!environment) throw new CutoverError('env_unknown', `cutover.yaml has no environment "${o.env}" (it has: ${Object.keys(config.environments).join(', ')}).`);
  if (environment.stage === 'test') {
    throw new CutoverError('invalid_option', `Environment "${o.env}" is a test environment, loaded again at will: a freeze is for the final run. Freeze the production environment, e.g. cutover freeze --env production.`);
  }
  const frozen = await startFreeze((await session.store()).db, o.env, session.actor, o.note ?? null, session.clock());
  await session.audit('environment.frozen', `environment ${o.env}`, { since: frozen.since, note: frozen.note });
  return frozen;
}

/** Ends the freeze of `env`: the legacy system may change again (after go-live, or when the final run is put off). */
export async function unfreeze(session: ProjectSession, env: string): Promise<void> {
  if (!(await endFreeze((await session.store()).db, env, session.actor, session.clock()))) {
    throw new CutoverError('invalid_option', `Environment "${env}" is not frozen, so there is no freeze to end.`);
  }
  await session.audit('environment.unfrozen', `environment ${env}`, {});
}

/** The freezes that are on. */
export async function freezes(session: ProjectSession): Promise<Freeze[]> {
  return currentFreezes((await session.store()).db);
}
