import type { Database } from '../connectors/database.js';

/** A freeze window: from when the legacy system must not change, for which environment's final run, and who said so. */
export interface Freeze {
  readonly env: string;
  readonly since: string;
  readonly by: string;
  readonly note: string | null;
}

/** Starts a freeze of `env`; a freeze already on is kept as it was. Returns the freeze that is on. */
export async function startFreeze(db: Database, env: string, by: string, note: string | null, at: Date): Promise<Freeze> {
  await db.query(
    'INSERT INTO cutover.freeze (env, since, started_by, note) SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM cutover.freeze WHERE env = $1 AND ended_at IS NULL)',
    [env, at.toISOString(), by, note],
  );
  return (await currentFreezes(db)).find((f) => f.env === env)!;
}

/** Ends the freeze of `env`; false when none was on. */
export async function endFreeze(db: Database, env: string, by: string, at: Date): Promise<boolean> {
  const ended = await db.query<{ env: string }>('UPDATE cutover.freeze SET ended_at = $2, ended_by = $3 WHERE env = $1 AND ended_at IS NULL RETURNING env', [env, at.toISOString(), by]);
  return ended.length > 0;
}

/** The freezes that are on, oldest first. */
export async function currentFreezes(db: Database): Promise<Freeze[]> {
  const rows = await db.query<{ env: string; since: string; started_by: string; note: string | null }>(
    `SELECT env, to_char(since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS since, started_by, note FROM cutover.freeze WHERE ended_at IS NULL ORDER BY since`,
  );
  return rows.map((r) => ({ env: r.env, since: r.since, by: r.started_by, note: r.note }));
}
