import type { Database } from '../connectors/database.js';
import { CutoverError } from '../core/cutover-error.js';
import type { EntityBooks, RunFacts, RunStatus } from '../core/run-result.js';

/** What a run starts with: where it loads, what it reads and applies. */
export interface NewRun {
  readonly env: string;
  readonly target: string;
  readonly snapshotId: string;
  readonly snapshotHash: string;
  readonly specFile: string;
  readonly specHash: string;
  readonly specFiles: readonly { readonly file: string; readonly text: string }[];
  readonly at: Date;
  /** a gap migration, and the snapshot it carries over from */
  readonly gapFrom?: string;
}

/** Records a new run as running and returns its number, one more than the last. */
export async function startRun(db: Database, run: NewRun): Promise<number> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO cutover.run (id, env, target, snapshot_id, snapshot_hash, spec_file, spec_hash, spec_files, started_at, status, kind, from_snapshot_id)
     SELECT coalesce(max(id), 0) + 1, $1, $2, $3, $4, $5, $6, $7, $8, 'running', $9, $10 FROM cutover.run RETURNING id`,
    [
      run.env, run.target, run.snapshotId, run.snapshotHash, run.specFile, run.specHash, JSON.stringify(run.specFiles), run.at.toISOString(),
      run.gapFrom === undefined ? 'full' : 'gap', run.gapFrom ?? null,
    ],
  );
  return Number(row!.id);
}

/** Records how a run ended. */
export async function finishRun(db: Database, runId: number, status: RunStatus, error: string | null, at: Date): Promise<void> {
  await db.query('UPDATE cutover.run SET status = $2, error = $3, finished_at = $4 WHERE id = $1', [runId, status, error, at.toISOString()]);
}

/** The environment's run still marked running: with the project locked, one that was killed. */
export async function findInterruptedRun(db: Database, env: string): Promise<RunFacts | undefined> {
  const [row] = await db.query<{ id: string }>("SELECT id FROM cutover.run WHERE env = $1 AND status = 'running' ORDER BY id DESC LIMIT 1", [env]);
  return row === undefined ? undefined : readRunFacts(db, Number(row.id));
}

/** Reads one run's facts. */
export async function readRunFacts(db: Database, runId: number): Promise<RunFacts> {
  const [row] = await db.query<{
    env: string; target: string; status: RunFacts['status']; snapshot_id: string; snapshot_hash: string; spec_file: string; spec_hash: string; spec_files: string | null;
    kind: 'full' | 'gap'; from_snapshot_id: string | null;
  }>(
    'SELECT env, target, status, snapshot_id, snapshot_hash, spec_file, spec_hash, spec_files, kind, from_snapshot_id FROM cutover.run WHERE id = $1',
    [runId],
  );
  if (!row) throw new CutoverError('run_missing', `There is no run ${runId} in this project.`);
  return {
    id: runId, env: row.env, target: row.target, status: row.status, snapshotId: row.snapshot_id, snapshotHash: row.snapshot_hash,
    specFile: row.spec_file, specHash: row.spec_hash,
    specFiles: row.spec_files === null ? null : (JSON.parse(row.spec_files) as { file: string; text: string }[]),
    kind: row.kind, fromSnapshotId: row.from_snapshot_id,
  };
}

/** The run a command means: the one named, or the latest. */
export async function resolveRunId(db: Database, run?: string): Promise<number> {
  if (run !== undefined) {
    const id = Number(run);
    const [row] = Number.isInteger(id) ? await db.query<{ id: string }>('SELECT id FROM cutover.run WHERE id = $1', [id]) : [];
    if (!row) throw new CutoverError('run_missing', `There is no run ${run} in this project. Run "cutover audit" to see the runs there were.`);
    return id;
  }
  const [latest] = await db.query<{ id: string | null }>('SELECT max(id) AS id FROM cutover.run');
  if (!latest?.id) throw new CutoverError('run_missing', 'This project has no run yet. Run "cutover run --env test" first.');
  return Number(latest.id);
}

/** Forgets a run's books per entity, before a resumed attempt writes them again. */
export async function clearEntityBooks(db: Database, runId: number): Promise<void> {
  await db.query('DELETE FROM cutover.run_entity WHERE run_id = $1', [runId]);
}

/** Records one entity's line of a run's books; `position` is its place in load order. */
export async function saveEntityBooks(db: Database, runId: number, position: number, line: EntityBooks): Promise<void> {
  await db.query(
    `INSERT INTO cutover.run_entity (run_id, entity, position, source_file, target_table, source, loaded, rejected, excluded, merged, seconds)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [runId, line.entity, position, line.file, line.table, line.source, line.loaded, line.rejected, line.excluded, line.merged, line.seconds.toFixed(3)],
  );
}

/** The entities a run loaded, in load order. */
export async function runEntityNames(db: Database, runId: number): Promise<string[]> {
  const rows = await db.query<{ entity: string }>('SELECT entity FROM cutover.run_entity WHERE run_id = $1 ORDER BY position', [runId]);
  return rows.map((r) => r.entity);
}

/** An environment's latest run: its number, how it ended (or that it is still running), and when. */
export interface LatestRun {
  readonly env: string;
  readonly id: number;
  readonly status: 'running' | RunStatus;
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

/** The latest run of every environment that has had one. */
export async function latestRuns(db: Database): Promise<LatestRun[]> {
  const rows = await db.query<{ env: string; id: string; status: LatestRun['status']; started_at: string; finished_at: string | null }>(
    `SELECT DISTINCT ON (env) env, id, status,
            to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS started_at,
            to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS finished_at
       FROM cutover.run ORDER BY env, id DESC`,
  );
  return rows.map((r) => ({ env: r.env, id: Number(r.id), status: r.status, startedAt: r.started_at, finishedAt: r.finished_at }));
}

/** Why a run failed, as recorded when it ended; null for a run that did not fail. */
export async function runFailure(db: Database, runId: number): Promise<string | null> {
  const [row] = await db.query<{ status: string; error: string | null }>('SELECT status, error FROM cutover.run WHERE id = $1', [runId]);
  return row?.status === 'failed' ? (row.error ?? 'no reason was recorded') : null;
}

/**
 * The first run after `run` that loaded the same environment and database anew (it got as
 * far as a checkpoint); undefined when there is none.
 */
export async function laterRunInto(db: Database, run: Pick<RunFacts, 'id' | 'env' | 'target'>): Promise<number | undefined> {
  const [row] = await db.query<{ id: string }>(
    `SELECT r.id FROM cutover.run r WHERE r.env = $1 AND r.target = $2 AND r.id > $3
       AND EXISTS (SELECT 1 FROM cutover.run_progress p WHERE p.run_id = r.id) ORDER BY r.id LIMIT 1`,
    [run.env, run.target, run.id],
  );
  return row === undefined ? undefined : Number(row.id);
}

/** When a run started. */
export async function runStartedAt(db: Database, runId: number): Promise<Date> {
  const [row] = await db.query<{ ms: number }>('SELECT extract(epoch FROM started_at)::float8 * 1000 AS ms FROM cutover.run WHERE id = $1', [runId]);
  return new Date(Number(row?.ms ?? 0));
}
