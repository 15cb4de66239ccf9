import type { RunStatus } from '../core/run-result.js';
import type { Database } from '../connectors/database.js';

/** How far a run has got in each entity, as its checkpoints say. */
export interface ProgressRow {
  readonly entity: string;
  readonly rowsRead: number;
  readonly done: boolean;
  /** when the checkpoint was last written, in milliseconds since the epoch */
  readonly updatedAt: number;
}

/** A run's checkpoints, and when it started and ended. */
export async function readRunProgress(db: Database, runId: number): Promise<{ startedAt: number; finishedAt: number | null; status: string; rows: ProgressRow[] } | undefined> {
  const [run] = await db.query<{ started: string; finished: string | null; status: string }>(
    'SELECT extract(epoch FROM started_at)::float8 * 1000 AS started, extract(epoch FROM finished_at)::float8 * 1000 AS finished, status FROM cutover.run WHERE id = $1',
    [runId],
  );
  if (!run) return undefined;
  const rows = await db.query<{ entity: string; rows_read: string; done: boolean; updated: string }>(
    'SELECT entity, rows_read, done, extract(epoch FROM updated_at)::float8 * 1000 AS updated FROM cutover.run_progress WHERE run_id = $1',
    [runId],
  );
  return {
    startedAt: Number(run.started), finishedAt: run.finished === null ? null : Number(run.finished), status: run.status,
    rows: rows.map((r) => ({ entity: r.entity, rowsRead: Number(r.rows_read), done: r.done, updatedAt: Number(r.updated) })),
  };
}

/** Every run of the project, newest first: its environment, how it ended, and when. */
export async function readRuns(db: Database): Promise<{ id: number; env: string; status: 'running' | RunStatus; startedAt: string; finishedAt: string | null; snapshotHash: string; specHash: string }[]> {
  const rows = await db.query<{ id: string; env: string; status: 'running' | RunStatus; started_at: string; finished_at: string | null; snapshot_hash: string; spec_hash: string }>(
    `SELECT id, env, status, to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS started_at,
            to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS finished_at, snapshot_hash, spec_hash
       FROM cutover.run ORDER BY id DESC`,
  );
  return rows.map((r) => ({ id: Number(r.id), env: r.env, status: r.status, startedAt: r.started_at, finishedAt: r.finished_at, snapshotHash: r.snapshot_hash, specHash: r.spec_hash }));
}
