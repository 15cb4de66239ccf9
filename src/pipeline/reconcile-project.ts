import type { Reconciliation } from '../core/reconcile/index.js';
import { readRunFacts, resolveRunId } from '../store/run-records.js';
import { openRunTarget } from './environment-target.js';
import type { ProjectSession } from './project-session.js';
import { gateOverrides } from './quality-gate.js';
import { reconcileRun } from './reconcile.js';
import { gapNotices } from './gap-notices.js';

/** Which run to reconcile (the latest by default), where its target is, and the sample. */
export interface ReconcileOptions {
  readonly run?: string;
  /** the database the run loaded, when it is not the environment's own (`--target`) */
  readonly targetUrl?: string;
  readonly seed?: number;
  readonly sampleSize?: number;
}

/** Reconciles a run of the project: finds the run, opens the database it loaded, and closes it again. */
export async function reconcile(session: ProjectSession, o: ReconcileOptions = {}): Promise<Reconciliation> {
  const { db } = await session.store();
  const runId = await resolveRunId(db, o.run);
  const target = await openRunTarget(session, await readRunFacts(db, runId), o.targetUrl);
  try {
    const reconciled = await reconcileRun(session, {
      runId, target,
      ...(o.seed === undefined ? {} : { seed: o.seed }),
      ...(o.sampleSize === undefined ? {} : { sampleSize: o.sampleSize }),
    });
    return { ...reconciled, notices: [...(await gateOverrides(session, reconciled.env)), ...(await gapNotices(session, runId))] };
  } finally {
    await target.close();
  }
}
