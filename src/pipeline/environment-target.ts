import { openTarget, storeTarget, type Target } from '../connectors/target.js';
import { CutoverError } from '../core/cutover-error.js';
import type { RunFacts } from '../core/run-result.js';
import type { ProjectSession } from './project-session.js';

/**
 * Opens the target of an environment: `targetUrl` when given (`--target`), else the
 * server whose URL is in the variable the environment names, else the project's
 * embedded database. `unset` words the message for a variable that is not set; `known`
 * refuses an environment `cutover.yaml` does not name.
 */
async function openTargetOf(session: ProjectSession, env: string, targetUrl: string | undefined, unset: (variable: string) => string, known = true): Promise<Target> {
  if (targetUrl) return openTarget(targetUrl);
  const config = await session.config();
  const environment = config.environments[env];
  if (!environment && known) {
    throw new CutoverError('env_unknown', `cutover.yaml has no environment "${env}" (it has: ${Object.keys(config.environments).join(', ')}).`);
  }
  if (environment?.database_url_env) {
    const url = session.env[environment.database_url_env];
    if (!url) throw new CutoverError('env_unset', unset(environment.database_url_env));
    return openTarget(url);
  }
  return storeTarget((await session.store()).db);
}

/** Opens the target a run of environment `env` loads. */
export function openEnvironmentTarget(session: ProjectSession, env: string, targetUrl?: string): Promise<Target> {
  return openTargetOf(session, env, targetUrl, (variable) =>
    `Environment "${env}" takes its database URL from the variable ${variable}, which is not set. Set it, e.g. ${variable}=postgres://user@host:5432/db.`);
}

/**
 * Opens the database a run loaded, the way `run` chose it (an environment since removed
 * from `cutover.yaml` was embedded or is named by `--target`). Refuses another database
 * than the run's, so a reconciliation never compares against the wrong one.
 */
export async function openRunTarget(session: ProjectSession, run: RunFacts, targetUrl?: string): Promise<Target> {
  const target = await openTargetOf(session, run.env, targetUrl, (variable) =>
    `Run ${run.id} loaded environment "${run.env}", whose database URL comes from the variable ${variable}, which is not set. Set it, or name the database with --target postgres://…`, false);
  if (target.label !== run.target) {
    await target.close();
    throw new CutoverError(
      'target_mismatch',
      `Run ${run.id} loaded ${run.target}, but this would read ${target.label}. Name the database the run loaded with --target postgres://…`,
    );
  }
  return target;
}
