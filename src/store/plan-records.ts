import type { RunStatus } from '../core/run-result.js';
import type { Database } from '../connectors/database.js';

/** A task after go-live marked done: by whom, when, and what they noted. */
export interface TaskDone {
  readonly task: string;
  readonly title: string;
  readonly at: string;
  readonly by: string;
  readonly note: string | null;
}

const utc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Marks a task done; a task done already keeps its first record. Returns the record that stands. */
export async function markTaskDone(db: Database, t: { readonly task: string; readonly title: string; readonly at: Date; readonly by: string; readonly note: string | null }): Promise<{ readonly done: TaskDone; readonly already: boolean }> {
  const inserted = await db.query<{ task: string }>(
    'INSERT INTO cutover.plan_task_done (task, title, done_at, done_by, note) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (task) DO NOTHING RETURNING task',
    [t.task, t.title, t.at.toISOString(), t.by, t.note],
  );
  const done = (await readTasksDone(db)).find((d) => d.task === t.task)!;
  return { done, already: inserted.length === 0 };
}

/** Every task marked done, oldest first. */
export async function readTasksDone(db: Database): Promise<TaskDone[]> {
  const rows = await db.query<{ task: string; title: string; done_at: string; done_by: string; note: string | null }>(
    `SELECT task, title, ${utc('done_at')} AS done_at, done_by, note FROM cutover.plan_task_done ORDER BY done_at, task`,
  );
  return rows.map((r) => ({ task: r.task, title: r.title, at: r.done_at, by: r.done_by, note: r.note }));
}

/** What the store holds that completes a plan's milestones: intake checks, runs that ended, sign-offs that stand, live marks, freezes. */
export interface StoredPlanFacts {
  readonly checks: readonly { readonly snapshotId: string; readonly at: string; readonly errors: number }[];
  readonly runs: readonly { readonly id: number; readonly env: string; readonly kind: 'full' | 'gap'; readonly status: 'running' | RunStatus; readonly finishedAt: string | null }[];
  readonly signOffs: readonly { readonly runId: number; readonly env: string; readonly at: string }[];
  readonly live: readonly { readonly env: string; readonly runId: number; readonly at: string }[];
  readonly freezes: readonly { readonly env: string; readonly since: string }[];
}

/** Reads the facts a plan is weighed against, each list oldest first. */
export async function readPlanFacts(db: Database): Promise<StoredPlanFacts> {
  const checks = await db.query<{ snapshot_id: string; at: string; errors: string }>(
    `SELECT snapshot_id, ${utc('checked_at')} AS at, errors FROM cutover.intake_check ORDER BY checked_at`,
  );
  // a run's kind is read from its record as a whole: a store made before gap runs has no such column, and every run there is a full one
  const runs = await db.query<{ id: string; env: string; kind: string | null; status: 'running' | RunStatus; finished_at: string | null }>(
    `SELECT r.id, r.env, to_jsonb(r) ->> 'kind' AS kind, r.status, ${utc('r.finished_at')} AS finished_at FROM cutover.run r ORDER BY r.id`,
  );
  const signOffs = await db.query<{ run_id: string; env: string; at: string }>(
    `SELECT s.run_id, r.env, ${utc('s.signed_at')} AS at FROM cutover.signoff s JOIN cutover.run r ON r.id = s.run_id WHERE s.revoked_at IS NULL ORDER BY s.signed_at`,
  );
  const live = await db.query<{ env: string; live_run_id: string; at: string }>(
    `SELECT env, live_run_id, ${utc('live_at')} AS at FROM cutover.environment_state WHERE live_run_id IS NOT NULL ORDER BY live_at`,
  );
  const freezes = await db.query<{ env: string; since: string }>(`SELECT env, ${utc('since')} AS since FROM cutover.freeze ORDER BY since`);
  return {
    checks: checks.map((c) => ({ snapshotId: c.snapshot_id, at: c.at, errors: Number(c.errors) })),
    runs: runs.map((r) => ({ id: Number(r.id), env: r.env, kind: r.kind === 'gap' ? 'gap' : 'full', status: r.status, finishedAt: r.finished_at })),
    signOffs: signOffs.map((s) => ({ runId: Number(s.run_id), env: s.env, at: s.at })),
    live: live.map((l) => ({ env: l.env, runId: Number(l.live_run_id), at: l.at })),
    freezes,
  };
}
