import { hostname } from 'node:os';
import type { RunProgress, RunResult } from '../core/run-result.js';
import type { Spec } from '../core/spec/index.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import { readSnapshot } from '../store/snapshot-store.js';
import { environmentPlace } from './environment.js';
import { openEnvironmentTarget } from './environment-target.js';
import { liveProgressWriter } from './live-progress-writer.js';
import { readProjectSpec } from './project-files.js';
import type { GateOverride } from './quality-gate.js';
import type { ProjectSession } from './project-session.js';
import { runMigration } from './run-migration.js';
import { writeRunSummary } from './run-summary.js';

/** What to run: which environment, optionally which snapshot and an explicit target URL. */
export interface MigrateOptions {
  readonly environment: string;
  /** wipe the environment when it already holds data */
  readonly fresh: boolean;
  /** carry on an interrupted run with the same snapshot, spec and target rather than start afresh */
  readonly resume: boolean;
  readonly snapshotId?: string;
  /** a postgres:// URL that replaces the environment's own target */
  readonly targetUrl?: string;
  /** lets a final run past a shut quality gate: the team's decision, recorded */
  readonly overrideGate?: GateOverride;
  readonly onProgress?: (event: RunProgress) => void;
  /** source rows per loaded batch and checkpoint (5,000 by default) */
  readonly batchRows?: number;
}

/** A finished migration run with the path of its summary page. */
export interface Migration {
  readonly run: RunResult;
  readonly snapshot: SnapshotManifest;
  readonly spec: Spec;
  readonly summary: string;
}

/** Runs the project's spec over a snapshot (the latest by default) into an environment, and writes the run's summary page. */
export async function migrate(session: ProjectSession, o: MigrateOptions): Promise<Migration> {
  const { spec, files: specFiles } = await readProjectSpec(session.layout, await session.config());
  const snapshot = await readSnapshot(session.layout, o.snapshotId ?? 'latest');
  const target = await openEnvironmentTarget(session, o.environment, o.targetUrl);
  const live = liveProgressWriter(session, o.environment);
  try {
    // held in the target itself for the whole run: another copy of the project is refused
    const { schema } = environmentPlace(await session.config(), o.environment);
    await target.claim(o.environment, schema, `cutover run --env ${o.environment} by ${session.actor} on ${hostname()}`);
    const run = await runMigration(session, {
      snapshot, spec, specFiles, env: o.environment, fresh: o.fresh, resume: o.resume, target,
      onProgress: (event) => {
        live.onProgress(event);
        o.onProgress?.(event);
      },
      ...(o.overrideGate ? { overrideGate: o.overrideGate } : {}),
      ...(o.batchRows === undefined ? {} : { batchRows: o.batchRows }),
    });
    const summary = await writeRunSummary(session, run, snapshot, spec);
    return { run, snapshot, spec, summary };
  } finally {
    live.finish();
    await target.close();
  }
}
