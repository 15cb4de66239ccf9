import { copyLine } from '../connectors/copy-text.js';
import type { Database } from '../connectors/database.js';
import type { MoneyLine } from '../core/run-result.js';

const columns = ['run_id', 'entity', 'field', 'grp', 'source_rows', 'source_total', 'not_loaded_total', 'target_total', 'unreadable_rows'];

/** Replaces a run's money lines: a run resumed after its money was checked checks it again. */
export async function saveMoneyLines(db: Database, runId: number, lines: readonly MoneyLine[]): Promise<void> {
  const text = lines
    .map((m) => copyLine([runId, m.entity, m.field, m.group, m.sourceRows, m.sourceTotal, m.notLoadedTotal, m.targetTotal, m.unreadableRows]))
    .join('');
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM cutover.money_check WHERE run_id = $1', [runId]);
    await tx.copyIn({ schema: 'cutover', table: 'money_check' }, columns, text);
  });
}
