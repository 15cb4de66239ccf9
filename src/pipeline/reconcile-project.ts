import type { ProjectConfig } from '../core/project-config.js';
import type { Reconciliation } from '../core/reconcile/index.js';
import type { ProjectStore } from '../store/project-store.js';
import { snapshotKeyFrom } from '../store/sealed/index.js';
import { reconcileRun } from './reconcile.js';
import { openRunTarget, readRunFacts } from './reconcile-target.js';
import { resolveRunId } from './rejects.js';

/** Which run to reconcile (the latest by default) and where its target is. */
export interface ProjectReconcileOptions {
  readonly run?: string;
  readonly targetUrl?: string;
  /** where the snapshot key and database URLs are read from */
  readonly env: NodeJS.ProcessEnv;
  readonly seed?: number;
  readonly sampleSize?: number;
  readonly signal?: AbortSignal;
}

/** Reconciles a run of the project: finds the run, opens the database it loaded, and closes it again. */
export async function reconcileProjectRun(store: ProjectStore, config: ProjectConfig, o: ProjectReconcileOptions): Promise<Reconciliation> {
  const runId = await resolveRunId(store.db, o.run);
  const facts = await readRunFacts(store, runId);
  const key = snapshotKeyFrom(o.env, config.snapshot_key_env);
  const target = await openRunTarget(store, config, facts, { env: o.env, ...(o.targetUrl ? { targetUrl: o.targetUrl } : {}) });
  try {
    return await reconcileRun({
      store, config, key, runId, target,
      ...(o.seed === undefined ? {} : { seed: o.seed }),
      ...(o.sampleSize === undefined ? {} : { sampleSize: o.sampleSize }),
      ...(o.signal ? { signal: o.signal } : {}),
    });
  } finally {
    if (target !== store.db) await target.close();
  }
}
