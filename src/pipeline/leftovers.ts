import { CutoverError } from '../core/cutover-error.js';
import { specLeftovers } from '../core/mapping/index.js';
import { parseSpecFiles } from '../core/spec/index.js';
import { readRunFacts, resolveRunId } from '../store/run-records.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import type { ProjectSession } from './project-session.js';
import { readVerifiedSnapshot } from './verified-snapshot.js';

/** What a run did not carry over at all: the customer's list of tasks after go-live. */
export interface Leftovers {
  readonly runId: number;
  readonly snapshot: string;
  /** tables no entity reads, with their rows */
  readonly tables: readonly { readonly table: string; readonly rows: number }[];
  /** per column no rule reads, how many rows hold a value in it (blank and empty left out) */
  readonly columns: readonly { readonly table: string; readonly column: string; readonly rows: number; readonly filled: number }[];
}

/**
 * Lists what the spec of a run (the latest by default) does not carry over from its
 * snapshot: whole tables, and columns no rule reads with how many rows hold a value,
 * read in one pass over each table that has such a column.
 */
export async function leftovers(session: ProjectSession, run?: string): Promise<Leftovers> {
  const { db } = await session.store();
  const runId = await resolveRunId(db, run);
  const facts = await readRunFacts(db, runId);
  if (!facts.specFiles) {
    throw new CutoverError('protocol_unavailable', `Run ${runId} was made before runs kept their spec, so what it left behind cannot be listed. Run the migration again.`);
  }
  const snapshot = await readVerifiedSnapshot(session, facts.snapshotId);
  const found = specLeftovers(parseSpecFiles(facts.specFiles), snapshot.tables);
  const key = await session.key();
  const columns: Leftovers['columns'][number][] = [];
  for (const t of found.columns) {
    const source = snapshotTableSource(session.layout, snapshot, t.table, key);
    const indexes = t.columns.map((c) => source.columns.indexOf(c));
    const filled = t.columns.map(() => 0);
    for await (const row of source.rows(session.signal)) {
      indexes.forEach((index, i) => {
        if ((row.values[index] ?? '').trim() !== '') filled[i]!++;
      });
    }
    t.columns.forEach((column, i) => columns.push({ table: t.table, column, rows: t.rows, filled: filled[i]! }));
  }
  return { runId, snapshot: snapshot.id, tables: found.tables.map((t) => ({ table: t.name, rows: t.rows })), columns };
}
