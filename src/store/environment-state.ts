import { quoteIdent, type Database } from '../connectors/database.js';

/** An environment a production run made live: which run, when, and into which database. */
export interface LiveMark {
  readonly env: string;
  readonly runId: number;
  readonly at: string;
  readonly target: string;
}

/** Records in the store that an environment is live, loaded by `runId`. */
export async function recordEnvironmentLive(store: Database, mark: Omit<LiveMark, 'at'> & { readonly at: Date }): Promise<void> {
  await store.query(
    `INSERT INTO cutover.environment_state (env, live_run_id, live_at, target) VALUES ($1, $2, $3, $4)
     ON CONFLICT (env) DO UPDATE SET live_run_id = excluded.live_run_id, live_at = excluded.live_at, target = excluded.target`,
    [mark.env, mark.runId, mark.at.toISOString(), mark.target],
  );
}

/** The store's record that an environment is live, if it is. */
export async function readEnvironmentLive(store: Database, env: string): Promise<LiveMark | undefined> {
  const [row] = await store.query<{ live_run_id: string; live_at: Date | string; target: string }>(
    'SELECT live_run_id, live_at, target FROM cutover.environment_state WHERE env = $1 AND live_run_id IS NOT NULL',
    [env],
  );
  return row && { env, runId: Number(row.live_run_id), at: new Date(row.live_at).toISOString(), target: row.target };
}

/**
 * Marks the target database itself as live, in the environment's bookkeeping schema on
 * it, so any copy of the project that loads this database sees it. Kept there for good:
 * a run's bookkeeping never drops it once the environment is live.
 */
export async function markTargetLive(target: Database, schema: string, mark: Omit<LiveMark, 'at' | 'target'> & { readonly at: Date }): Promise<void> {
  const s = quoteIdent(schema);
  await target.transaction(async (tx) => {
    await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.live (env text PRIMARY KEY, run_id bigint NOT NULL, live_at timestamptz NOT NULL)`);
    await tx.query(`INSERT INTO ${s}.live (env, run_id, live_at) VALUES ($1, $2, $3) ON CONFLICT (env) DO NOTHING`, [mark.env, mark.runId, mark.at.toISOString()]);
  });
}

/** The target's own mark that an environment is live, if it has one. */
export async function readTargetLive(target: Database, schema: string, env: string): Promise<LiveMark | undefined> {
  const [found] = await target.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [`${quoteIdent(schema)}.live`]);
  if (!found?.present) return undefined;
  const [row] = await target.query<{ run_id: string; live_at: Date | string }>(`SELECT run_id, live_at FROM ${quoteIdent(schema)}.live WHERE env = $1`, [env]);
  return row && { env, runId: Number(row.run_id), at: new Date(row.live_at).toISOString(), target: target.label };
}
