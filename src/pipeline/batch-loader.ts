import { quoteIdent, quoteQualified, type Database, type QualifiedName } from '../connectors/database.js';
import type { LedgerEntry } from '../core/ledger.js';
import { noFingerprint } from '../core/reconcile/row-fingerprint.js';
import { forgetKeyMapRows, recordBatch, type Bookkeeping } from '../store/bookkeeping.js';
import type { MappedBatch } from './entity-mapper.js';

/** Where loading a batch goes. */
export interface BatchTarget {
  readonly bookkeeping: Bookkeeping;
  readonly table: QualifiedName;
  readonly columns: readonly string[];
  readonly at: () => Date;
}

/**
 * Loads one mapped batch and its bookkeeping in one transaction: the target rows by COPY
 * (a batch the target refuses is retried row by row, so one bad row is rejected, not the
 * batch), the ledger, the key map and the entity's checkpoint. Returns the source keys
 * of the rows the target refused.
 */
export async function loadBatch(t: BatchTarget, batch: MappedBatch): Promise<string[]> {
  if (batch.resolve !== undefined) return inTransaction(t, batch, (tx) => writeResolution(tx, t, batch));
  try {
    // most batches go in whole, without the cost of a savepoint per batch
    return await inTransaction(t, batch, (tx) => writeBatch(tx, t, batch, () => copyAll(tx, t, batch.rows)));
  } catch (error) {
    if (!isRowError(error)) throw error;
  }
  return inTransaction(t, batch, (tx) => writeBatch(tx, t, batch, () => copyOneByOne(tx, t, batch.rows)));
}

/**
 * One batch's transaction. An entity's last batch commits durably even where the run lets
 * batches commit lazily (see `lazyCommit`): it flushes every batch before it, so an entity
 * is on disk before the run counts it and goes on.
 */
function inTransaction(t: BatchTarget, batch: MappedBatch, work: (tx: Database) => Promise<string[]>): Promise<string[]> {
  return t.bookkeeping.db.transaction(async (tx) => {
    if (batch.done) await tx.exec('SET LOCAL synchronous_commit TO on');
    return work(tx);
  });
}

/** Writes a batch's rows with `copy` (row index → why the target refused it), then its bookkeeping. */
async function writeBatch(tx: Database, t: BatchTarget, batch: MappedBatch, copy: () => Promise<Map<number, string>>): Promise<string[]> {
  const refused = await copy();
  const ledger: LedgerEntry[] = [...batch.ledger];
  const keys: string[] = [];
  const lines: number[] = [];
  const ids: (number | null)[] = [];
  const prints: string[] = [];
  batch.rowKeys.forEach((key, i) => {
    const why = refused.get(i);
    if (why === undefined) {
      keys.push(key);
      lines.push(batch.rowLines[i]!);
      ids.push(batch.rowIds[i]!);
      prints.push(batch.rowPrints?.[i] ?? noFingerprint);
      return;
    }
    ledger.push({
      entity: batch.entity, file: batch.file, line: batch.rowLines[i]!, sourceKey: key, outcome: 'rejected', reason: 'target_constraint',
      field: null, value: null, message: `the new system refused this row: ${why}`, survivorKey: null,
    });
  });
  keys.push(...batch.merged.keys);
  lines.push(...batch.merged.lines);
  ids.push(...batch.merged.ids);
  // a merged row is loaded as its survivor: it has no values of its own to fingerprint
  prints.push(...batch.merged.keys.map(() => noFingerprint));
  await recordBatch(tx, t.bookkeeping, {
    entity: batch.entity, file: batch.file, ledger, keys, lines, ids, ...(batch.rowPrints === undefined ? {} : { prints }), sourceRows: batch.sourceRows, done: batch.done, at: t.at(),
  });
  return [...refused.keys()].map((i) => batch.rowKeys[i]!);
}

/** Rows per statement of the second pass. */
const resolveChunk = 100_000;

/**
 * The second pass of an entity that looks itself up, in one transaction with its ledger and
 * its last checkpoint, so a run killed during it does it again whole: takes the orphans out
 * of the target and the key map, then fills in every reference. Returns the orphans' keys.
 */
async function writeResolution(tx: Database, t: BatchTarget, batch: MappedBatch): Promise<string[]> {
  const r = batch.resolve!;
  const table = quoteQualified(t.table);
  for (let from = 0; from < r.orphans.ids.length; from += resolveChunk) {
    await tx.query(`DELETE FROM ${table} WHERE id = ANY($1::bigint[])`, [pgArray(r.orphans.ids.slice(from, from + resolveChunk))]);
  }
  await forgetKeyMapRows(tx, t.bookkeeping, batch.entity, r.orphans.keys);
  for (const [i, field] of r.fields.entries()) {
    const { ids, refs } = r.updates[i]!;
    for (let from = 0; from < ids.length; from += resolveChunk) {
      await tx.query(
        `UPDATE ${table} AS t SET ${quoteIdent(field)} = v.ref FROM unnest($1::bigint[], $2::bigint[]) AS v (id, ref) WHERE t.id = v.id`,
        [pgArray(ids.slice(from, from + resolveChunk)), pgArray(refs.slice(from, from + resolveChunk))],
      );
    }
  }
  await recordBatch(tx, t.bookkeeping, { entity: batch.entity, file: batch.file, ledger: batch.ledger, keys: [], lines: [], ids: [], sourceRows: batch.sourceRows, done: batch.done, at: t.at() });
  return [...r.orphans.keys];
}

/** Whole numbers as a PostgreSQL array literal, one parameter however many. */
function pgArray(values: readonly number[]): string {
  return `{${values.join(',')}}`;
}

/** COPYs every row at once: the target refuses none, or the whole transaction fails. */
async function copyAll(tx: Database, t: BatchTarget, rows: string): Promise<Map<number, string>> {
  await tx.copyIn(t.table, t.columns, rows);
  return new Map();
}

/** COPYs the rows one by one, each in a savepoint, to find the ones the target refuses. Returns row index → why. */
async function copyOneByOne(tx: Database, t: BatchTarget, rows: string): Promise<Map<number, string>> {
  const refused = new Map<number, string>();
  const lines = rows.split('\n');
  lines.pop();
  for (const [i, line] of lines.entries()) {
    const why = await refusedByTarget(tx, () => tx.copyIn(t.table, t.columns, `${line}\n`));
    if (why !== undefined) refused.set(i, why);
  }
  return refused;
}

/** Runs `write` inside a savepoint; a data or integrity error is rolled back to it and returned as the reason. */
async function refusedByTarget(tx: Database, write: () => Promise<void>): Promise<string | undefined> {
  await tx.exec('SAVEPOINT cutover_rows');
  try {
    await write();
  } catch (error) {
    if (!isRowError(error)) throw error;
    await tx.exec('ROLLBACK TO SAVEPOINT cutover_rows');
    return (error as Error).message;
  }
  await tx.exec('RELEASE SAVEPOINT cutover_rows');
  return undefined;
}

/** A data or integrity error (SQLSTATE class 22 or 23) is the row's fault, not the run's. */
function isRowError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

