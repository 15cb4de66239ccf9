import type { Database } from '../connectors/database.js';
import { CutoverError } from '../core/cutover-error.js';
import type { KeyMapsFreed } from '../core/run-result.js';


/**
 * Drops the key maps of full runs that a later successful full run of the same
 * environment superseded, and marks those runs, in one transaction; then lets the store
 * reuse the space. Kept: the latest successful run of each environment and every run
 * after it, every run with a standing sign-off, and every run of an environment that is live (its gap
 * runs go through them). The ledger and books of every run stay. `env` limits it to one
 * environment.
 */
export async function dropSupersededKeyMaps(db: Database, at: Date, env?: string): Promise<KeyMapsFreed> {
  const freed = await db.transaction(async (tx) => {
    const dropped = await tx.query<{ run_id: string; bytes: string }>(
      `WITH latest AS (
         SELECT env, max(id) AS id FROM cutover.run WHERE kind = 'full' AND status IN ('succeeded', 'needs_attention') GROUP BY env
       ), superseded AS (
         SELECT r.id FROM cutover.run r JOIN latest l ON l.env = r.env AND r.id < l.id
         WHERE r.kind = 'full' AND ($1::text IS NULL OR r.env = $1)
           AND NOT EXISTS (SELECT 1 FROM cutover.signoff s WHERE s.run_id = r.id AND s.revoked_at IS NULL)
           AND NOT EXISTS (SELECT 1 FROM cutover.environment_state e WHERE e.env = r.env AND e.live_run_id IS NOT NULL)
       ), gone AS (
         DELETE FROM cutover.key_map_batch b USING superseded s WHERE b.run_id = s.id
         RETURNING b.run_id, octet_length(b.lines) + octet_length(b.source_keys) + octet_length(b.target_ids) + coalesce(octet_length(b.fingerprints), 0) AS bytes
       )
       SELECT run_id::text, sum(bytes)::text AS bytes FROM gone GROUP BY run_id ORDER BY run_id`,
      [env ?? null],
    );
    const runs = dropped.map((d) => Number(d.run_id));
    if (runs.length > 0) {
      await tx.query('UPDATE cutover.run SET key_map_dropped_at = $2 WHERE id = ANY($1::bigint[])', [`{${runs.join(',')}}`, at.toISOString()]);
    }
    return { runs, bytes: dropped.reduce((sum, d) => sum + Number(d.bytes), 0) };
  });
  // the space of the rows dropped is reused by the next runs' key maps, so the store stops growing
  if (freed.runs.length > 0) await db.exec('VACUUM cutover.key_map_batch');
  return freed;
}

/** Refuses, in words, to read the key map of a run whose key map was dropped. */
export async function requireKeyMap(db: Database, runId: number, purpose: string): Promise<void> {
  const [row] = await db.query<{ env: string; dropped: string | null; later: string | null }>(
    `SELECT r.env, to_char(r.key_map_dropped_at, 'YYYY-MM-DD HH24:MI') AS dropped,
            (SELECT max(l.id)::text FROM cutover.run l WHERE l.env = r.env AND l.kind = 'full' AND l.status IN ('succeeded', 'needs_attention')) AS later
       FROM cutover.run r WHERE r.id = $1`,
    [runId],
  );
  if (row?.dropped == null) return;
  throw new CutoverError(
    'key_map_dropped',
    `Run ${runId} no longer has its key map (which source row became which record), so ${purpose} cannot be done for it: it was dropped on ${row.dropped} UTC, ` +
      `when run ${row.later ?? 'a later run'} of environment "${row.env}" succeeded. Its ledger and books are kept. Use run ${row.later ?? 'the latest run'} instead, or run the migration again.`,
  );
}
