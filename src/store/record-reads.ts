import type { Database } from '../connectors/database.js';
import { requireKeyMap } from './key-map-collector.js';

/** What the ledger says of one source line of a run, when it was not loaded as itself. */
export interface LedgerAtLine {
  readonly outcome: 'rejected' | 'excluded' | 'merged';
  readonly reason: string;
  readonly message: string;
  readonly survivorKey: string | null;
}

/** The ledger's entry for a source line of a run's entity, if it has one. */
export async function ledgerAtLine(db: Database, runId: number, entity: string, line: number): Promise<LedgerAtLine | undefined> {
  const [row] = await db.query<{ outcome: LedgerAtLine['outcome']; reason: string; message: string; survivor_key: string | null }>(
    'SELECT outcome, reason, message, survivor_key FROM cutover.ledger_entry WHERE run_id = $1 AND entity = $2 AND line = $3 LIMIT 1',
    [runId, entity, line],
  );
  return row && { outcome: row.outcome, reason: row.reason, message: row.message, survivorKey: row.survivor_key };
}

/**
 * The target id a run gave a source line (or the row it was merged into): read from the one
 * key map batch that covers the line, not the whole key map.
 */
export async function targetIdAtLine(db: Database, runId: number, entity: string, line: number): Promise<string | null | undefined> {
  const [batch] = await db.query<{ lines: string; target_ids: string }>(
    'SELECT lines, target_ids FROM cutover.key_map_batch WHERE run_id = $1 AND entity = $2 AND first_line <= $3 ORDER BY first_line DESC LIMIT 1',
    [runId, entity, line],
  );
  if (!batch) {
    await requireKeyMap(db, runId, 'finding its records in the new system');
    return undefined;
  }
  const lines = JSON.parse(batch.lines) as number[];
  const at = lines.indexOf(line);
  if (at < 0) return undefined;
  const id = (JSON.parse(batch.target_ids) as (number | string | null)[])[at];
  return id === null || id === undefined ? null : String(id);
}

/** The source file an entity of a run was read from, as the run's books name it. */
export async function entitySourceFile(db: Database, runId: number, entity: string): Promise<string | undefined> {
  const [row] = await db.query<{ source_file: string }>('SELECT source_file FROM cutover.run_entity WHERE run_id = $1 AND entity = $2', [runId, entity]);
  return row?.source_file;
}
