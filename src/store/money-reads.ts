import { Decimal } from 'decimal.js';
import type { Database } from '../connectors/database.js';
import type { MoneyLine } from '../core/run-result.js';

/** The money lines a run checked when it ended, per entity, field and group, as exact decimals in text. */
export async function readMoneyLines(db: Database, runId: number): Promise<MoneyLine[]> {
  const rows = await db.query<{ entity: string; field: string; grp: string; source_rows: string; source_total: string; not_loaded_total: string; target_total: string; unreadable_rows: string }>(
    'SELECT entity, field, grp, source_rows, source_total::text, not_loaded_total::text, target_total::text, unreadable_rows FROM cutover.money_check WHERE run_id = $1 ORDER BY entity, field, grp',
    [runId],
  );
  return rows.map((r) => {
    const difference = new Decimal(r.source_total).minus(r.not_loaded_total).minus(r.target_total);
    return {
      entity: r.entity, field: r.field, group: r.grp, sourceRows: Number(r.source_rows),
      sourceTotal: new Decimal(r.source_total).toFixed(2), notLoadedTotal: new Decimal(r.not_loaded_total).toFixed(2), targetTotal: new Decimal(r.target_total).toFixed(2),
      difference: difference.toFixed(2), unreadableRows: Number(r.unreadable_rows), balanced: difference.isZero(),
    };
  });
}

/** The source lines of a run's entity the ledger accounts for (not loaded as themselves). */
export async function ledgerLines(db: Database, runId: number, entity: string): Promise<Set<number>> {
  const rows = await db.query<{ line: string }>('SELECT line FROM cutover.ledger_entry WHERE run_id = $1 AND entity = $2', [runId, entity]);
  return new Set(rows.map((r) => Number(r.line)));
}
