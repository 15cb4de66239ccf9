import { quoteQualified, type Database } from '../connectors/database.js';
import type { EntitySpec } from '../core/spec/index.js';
import type { TableStart } from '../store/bookkeeping.js';
import type { EnvironmentPlace } from './environment.js';
import type { SequencedTable } from './system-tables.js';

/**
 * Notes where each table of the new system stands as a run begins, and reserves its ids:
 * per table, one block from the table's own sequence as large as the source rows that may
 * become its rows, past every id already there. One block per run, not per batch, because
 * the mapping thread numbers rows (and points children at parents) ahead of the loader,
 * and a block recorded with the bookkeeping gives a resumed run the very same ids.
 * Runs inside the transaction that claims the environment.
 */
export async function reserveIds(
  tx: Database,
  place: EnvironmentPlace,
  entities: readonly EntitySpec[],
  sequenced: readonly SequencedTable[],
  sourceRows: (entity: EntitySpec) => number,
): Promise<TableStart[]> {
  const starts: TableStart[] = [];
  for (const table of new Set(entities.map((e) => e.table))) {
    const q = quoteQualified({ schema: place.schema, table });
    // the new system's own writers wait while its rows are counted and its ids taken
    await tx.exec(`LOCK TABLE ${q} IN SHARE ROW EXCLUSIVE MODE`);
    const [counted] = await tx.query<{ n: string }>(`SELECT count(*) AS n FROM ${q}`);
    const rowsBefore = Number(counted?.n ?? 0);
    const sequence = sequenced.find((s) => s.table === table)?.sequence;
    if (sequence === undefined) {
      starts.push({ table, rowsBefore, firstId: null, ids: 0 });
      continue;
    }
    const ids = entities.filter((e) => e.table === table && e.generateId).reduce((sum, e) => sum + sourceRows(e), 0);
    // past the sequence and past any id written by hand, so nothing already there collides
    const [next] = await tx.query<{ first: string }>(
      `SELECT greatest(nextval($1::regclass), coalesce((SELECT max(id) FROM ${q}), 0) + 1) AS first`,
      [sequence],
    );
    const firstId = Number(next!.first);
    if (ids > 0) await tx.query('SELECT setval($1::regclass, $2)', [sequence, firstId + ids - 1]);
    starts.push({ table, rowsBefore, firstId, ids });
  }
  return starts;
}
