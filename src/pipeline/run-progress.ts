import { progressRates, type EntityProgress } from '../core/review/progress-rate.js';
import { loadOrder } from '../core/spec/index.js';
import type { RunStatus } from '../core/run-result.js';
import { heldByAnother, readLiveProgress } from '../store/live-progress.js';
import { readRunProgress, readRuns } from '../store/progress-reads.js';
import type { ProjectSession } from './project-session.js';
import { runInputs } from './run-inputs.js';

export type { EntityProgress } from '../core/review/progress-rate.js';

/** A run as it goes: per entity in load order, rows done of the total, rows a second and seconds left. */
export interface RunProgressView {
  readonly runId: number;
  readonly status: 'running' | RunStatus;
  readonly entities: readonly EntityProgress[];
}

/**
 * How far a run (the latest by default) has got. While another process is loading it, the
 * store is locked, so this reads the progress file that run keeps (entities it has not
 * reached yet are not listed); otherwise the checkpoints in the store. Null when the
 * project has no run, or another command holds it and no run has reported progress yet.
 */
export async function runProgress(session: ProjectSession, o: { readonly runId?: number } = {}): Promise<RunProgressView | null> {
  const live = readLiveProgress(session.layout);
  if (live !== undefined && (o.runId === undefined || o.runId === live.runId)) {
    const entities = live.entities.map((e) => ({ entity: e.entity, total: e.total, rowsRead: e.rows, done: e.done, updatedAt: e.updatedAt }));
    return { runId: live.runId, status: 'running', entities: progressRates(entities, live.startedAt, session.clock().getTime()) };
  }
  if (heldByAnother(session.layout)) return null;
  const { db } = await session.store();
  const runId = o.runId ?? (await readRuns(db))[0]?.id;
  if (runId === undefined) return null;
  const { run, spec, snapshot } = await runInputs(session, runId);
  const progress = await readRunProgress(db, run.id);
  if (!progress) return null;
  const at = new Map(progress.rows.map((r) => [r.entity, r]));
  const now = progress.finishedAt ?? session.clock().getTime();
  const entities = loadOrder(spec).map((e) => {
    const p = at.get(e.name);
    const total = snapshot.tables.find((t) => t.name === e.source)?.rows ?? 0;
    return { entity: e.name, total, rowsRead: p?.rowsRead ?? 0, done: p?.done ?? false, updatedAt: p?.updatedAt ?? null };
  });
  return { runId: run.id, status: run.status, entities: progressRates(entities, progress.startedAt, now) };
}
