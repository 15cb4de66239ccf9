import { openDatabase } from '../connectors/open-database.js';
import type { Database } from '../connectors/database.js';
import { CutoverError } from '../core/cutover-error.js';
import type { ProjectConfig } from '../core/project-config.js';
import type { Spec } from '../core/spec/index.js';
import type { ProjectStore } from '../store/project-store.js';
import { listSnapshots, readSnapshot, type SnapshotManifest } from '../store/snapshot-store.js';
import { readProjectSpec } from './project-files.js';
import { runMigration, type RunResult } from './run-migration.js';
import { writeRunSummary } from './run-summary.js';

/** What to run: which environment, optionally which snapshot and an explicit target URL. */
export interface TestMigrationOptions {
  readonly store: ProjectStore;
  readonly config: ProjectConfig;
  readonly env: string;
  readonly snapshotId?: string;
  /** a postgres:// URL that replaces the environment's own target */
  readonly targetUrl?: string;
  readonly actor: string;
  readonly clock: () => Date;
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: { entity: string; rows: number; done: boolean }) => void;
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
  const spec = await readProjectSpec(store.layout, config);
  const snapshot = o.snapshotId ? await readSnapshot(store.layout, o.snapshotId) : await latestSnapshot(o.store);
  const target = await openTarget(o);
  try {
    const run = await runMigration({
      store, config, snapshot, spec, env: o.env, target, actor: o.actor, clock: o.clock,
      ...(o.signal ? { signal: o.signal } : {}),
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    });
    const summary = await writeRunSummary(store.layout, store.db, config.customer, run, snapshot, spec, o.clock());
    return { run, snapshot, spec, summary };
  } finally {
    if (target !== store.db) await target.close();
  }
}

async function latestSnapshot(store: ProjectStore): Promise<SnapshotManifest> {
  const all = await listSnapshots(store.layout);
  const last = all.at(-1);
  if (!last) throw new CutoverError('snapshot_missing', 'This project has no snapshot yet. Run "cutover collect" first.');
  return last;
}

async function openTarget(o: TestMigrationOptions): Promise<Database> {
  if (o.targetUrl) return openDatabase(o.targetUrl);
  const env = o.config.environments[o.env];
  if (!env) {
    throw new CutoverError('env_unknown', `cutover.yaml has no environment "${o.env}" (it has: ${Object.keys(o.config.environments).join(', ')}).`);
  }
  if (env.database_url_env) {
    const url = process.env[env.database_url_env];
    if (!url) {
      throw new CutoverError('env_unset', `Environment "${o.env}" takes its database URL from the variable ${env.database_url_env}, which is not set. Set it, e.g. ${env.database_url_env}=postgres://user@host:5432/db.`);
    }
    return openDatabase(url);
  }
  return o.store.db;
}
