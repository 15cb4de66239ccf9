import { openDatabase } from '../connectors/open-database.js';
import type { Database } from '../connectors/database.js';
import { CutoverError } from '../core/cutover-error.js';
import type { ProjectConfig } from '../core/project-config.js';
import type { ProjectStore } from '../store/project-store.js';

/** The facts of a run that reconciliation starts from. */
export interface RunFacts {
  readonly id: number;
  readonly env: string;
  /** the label of the database the run loaded */
  readonly target: string;
  readonly status: string;
  readonly snapshotId: string;
  readonly snapshotHash: string;
  readonly specFile: string;
  readonly specHash: string;
  readonly specFiles: readonly { readonly file: string; readonly text: string }[] | null;
}

/** Reads one run's facts from the store. */
export async function readRunFacts(store: ProjectStore, runId: number): Promise<RunFacts> {
  const [row] = await store.db.query<{ env: string; target: string; status: string; snapshot_id: string; snapshot_hash: string; spec_file: string; spec_hash: string; spec_files: string | null }>(
    'SELECT env, target, status, snapshot_id, snapshot_hash, spec_file, spec_hash, spec_files FROM cutover.run WHERE id = $1',
    [runId],
  );
  if (!row) throw new CutoverError('run_missing', `There is no run ${runId} in this project.`);
  return {
    id: runId, env: row.env, target: row.target, status: row.status, snapshotId: row.snapshot_id, snapshotHash: row.snapshot_hash,
    specFile: row.spec_file, specHash: row.spec_hash,
    specFiles: row.spec_files === null ? null : (JSON.parse(row.spec_files) as { file: string; text: string }[]),
  };
}

/**
 * Opens the database a run loaded, the way `run` chose it: `--target URL`, else the
 * environment's URL variable, else the project's embedded database. Refuses another
 * database than the run's, so a reconciliation never compares against the wrong one.
 */
export async function openRunTarget(store: ProjectStore, config: ProjectConfig, run: RunFacts, o: { targetUrl?: string; env: NodeJS.ProcessEnv }): Promise<Database> {
  let target: Database = store.db;
  if (o.targetUrl) {
    target = await openDatabase(o.targetUrl);
  } else {
    const url = config.environments[run.env]?.database_url_env;
    if (url !== undefined) {
      const value = o.env[url];
      if (!value) throw new CutoverError('env_unset', `Run ${run.id} loaded environment "${run.env}", whose database URL comes from the variable ${url}, which is not set. Set it, or name the database with --target postgres://…`);
      target = await openDatabase(value);
    }
  }
  if (target.label !== run.target) {
    if (target !== store.db) await target.close();
    throw new CutoverError(
      'target_mismatch',
      `Run ${run.id} loaded ${run.target}, but this would read ${target.label}. Name the database the run loaded with --target postgres://…`,
    );
  }
  return target;
}
