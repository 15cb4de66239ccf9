import { openDatabase } from '../connectors/open-database.js';
import type { Database } from '../connectors/database.js';
import { CutoverError } from '../core/cutover-error.js';
import type { ProjectConfig } from '../core/project-config.js';
import type { Spec } from '../core/spec/index.js';
import type { ProjectStore } from '../store/project-store.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import { readSnapshot } from '../store/snapshot-store.js';
import { snapshotKeyFrom } from '../store/sealed/index.js';
import { readProjectSpec } from './project-files.js';
import { runMigration, type RunProgress, type RunResult } from './run-migration.js';
import { writeRunSummary } from './run-summary.js';

/** What to run: which environment, optionally which snapshot and an explicit target URL. */
export interface TestMigrationOptions {
  readonly store: ProjectStore;
  readonly config: ProjectConfig;
  readonly environment: string;
  /** wipe the environment when it already holds data */
  readonly fresh: boolean;
  /** carry on an interrupted run with the same snapshot, spec and target rather than start afresh */
  readonly resume: boolean;
  readonly snapshotId?: string;
  /** a postgres:// URL that replaces the environment's own target */
  readonly targetUrl?: string;
  /** where the snapshot key and database URLs are read from */
  readonly env: NodeJS.ProcessEnv;
  readonly actor: string;
  readonly clock: () => Date;
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: RunProgress) => void;
  /** source rows per loaded batch and checkpoint (5,000 by default) */
  readonly batchRows?: number;
}

/** A finished test migration with the path of its summary page. */
export interface TestMigration {
  readonly run: RunResult;
  readonly snapshot: SnapshotManifest;
  readonly spec: Spec;
  readonly summary: string;
}

/** Runs the project's spec over a snapshot (the latest by default) into a test environment. */
export async function runTestMigration(o: TestMigrationOptions): Promise<TestMigration> {
  const { store, config } = o;
  const { spec, files: specFiles } = await readProjectSpec(store.layout, config);
  const snapshot = await readSnapshot(store.layout, o.snapshotId ?? 'latest');
  const key = snapshotKeyFrom(o.env, config.snapshot_key_env);
  const target = await openTarget(o);
  try {
    const run = await runMigration({
      store, config, snapshot, key, spec, specFiles, env: o.environment, fresh: o.fresh, resume: o.resume, target, actor: o.actor, clock: o.clock,
      ...(o.signal ? { signal: o.signal } : {}),
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
      ...(o.batchRows === undefined ? {} : { batchRows: o.batchRows }),
    });
    const summary = await writeRunSummary(store.layout, store.db, config.customer, run, snapshot, spec, o.clock());
    return { run, snapshot, spec, summary };
  } finally {
    if (target !== store.db) await target.close();
  }
}

async function openTarget(o: TestMigrationOptions): Promise<Database> {
  if (o.targetUrl) return openDatabase(o.targetUrl);
  const env = o.config.environments[o.environment];
  if (!env) {
    throw new CutoverError('env_unknown', `cutover.yaml has no environment "${o.environment}" (it has: ${Object.keys(o.config.environments).join(', ')}).`);
  }
  if (env.database_url_env) {
    const url = o.env[env.database_url_env];
    if (!url) {
      throw new CutoverError('env_unset', `Environment "${o.environment}" takes its database URL from the variable ${env.database_url_env}, which is not set. Set it, e.g. ${env.database_url_env}=postgres://user@host:5432/db.`);
    }
    return openDatabase(url);
  }
  return o.store.db;
}
