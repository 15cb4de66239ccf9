import { copyLine } from '../connectors/copy-text.js';
import { quoteIdent, quoteQualified, type Database, type QualifiedName } from '../connectors/database.js';
import type { Books, LedgerEntry } from '../core/ledger.js';
import { bookkeepingTablesSql } from '../store/bookkeeping-schema.js';
import type { MappedBatch } from './entity-mapper.js';

const ledgerColumns = ['run_id', 'entity', 'file', 'line', 'source_key', 'outcome', 'reason', 'field', 'value', 'message', 'survivor_key'];
const keyMapColumns = ['run_id', 'entity', 'file', 'first_line', 'lines', 'source_keys', 'target_ids'];

/** A run's bookkeeping: the database and schema where its ledger, key map and checkpoints are written. */
export interface Bookkeeping {
  readonly db: Database;
  readonly schema: string;
  readonly runId: number;
}

/**
 * Where a run keeps its bookkeeping: with the target rows, so that one transaction holds
 * both. That is the store itself for an embedded target; a real server gets a schema of
 * its own per environment, copied into the store when the run ends.
 */
export function bookkeepingFor(target: Database, store: Database, env: string, runId: number): Bookkeeping {
  return { db: target, schema: target === store ? 'cutover' : `cutover_env_${env}`, runId };
}

/** True when the bookkeeping lives in the store itself. */
export function keptInStore(b: Bookkeeping): boolean {
  return b.schema === 'cutover';
}

/**
 * Claims a freshly created environment for a run, inside the transaction that created
 * it: a server's bookkeeping schema is made anew, and every entity gets a checkpoint at
 * row 0, so a later attempt knows the environment is this run's.
 */
export async function startBookkeeping(tx: Database, b: Bookkeeping, entities: readonly string[], at: Date): Promise<void> {
  if (!keptInStore(b)) {
    const schema = quoteIdent(b.schema);
    await tx.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema};\n${bookkeepingTablesSql(b.schema)}`);
  }
  for (const entity of entities) await saveCheckpoint(tx, b, entity, 0, false, at);
}

/** A run's checkpoints per entity: how many source rows are loaded and accounted for. */
export async function readCheckpoints(b: Bookkeeping): Promise<Map<string, { rowsRead: number; done: boolean }>> {
  if (!(await hasBookkeeping(b))) return new Map();
  const rows = await b.db.query<{ entity: string; rows_read: string; done: boolean }>(
    `SELECT entity, rows_read, done FROM ${table(b, 'run_progress')} WHERE run_id = $1`,
    [b.runId],
  );
  return new Map(rows.map((r) => [r.entity, { rowsRead: Number(r.rows_read), done: r.done }]));
}

/** The source keys the target refused per entity, so a resumed run forgets them again. */
export async function readRefusedKeys(b: Bookkeeping): Promise<Map<string, string[]>> {
  const rows = await b.db.query<{ entity: string; source_key: string }>(
    `SELECT entity, source_key FROM ${table(b, 'ledger_entry')} WHERE run_id = $1 AND reason = 'target_constraint' AND source_key IS NOT NULL`,
    [b.runId],
  );
  const refused = new Map<string, string[]>();
  for (const r of rows) refused.set(r.entity, [...(refused.get(r.entity) ?? []), r.source_key]);
  return refused;
}

/** The ledger's counts for one entity of the run. */
export async function countLedger(b: Bookkeeping, entity: string): Promise<Omit<Books, 'source' | 'loaded'>> {
  const outcomes = await b.db.query<{ outcome: string; n: string }>(
    `SELECT outcome, count(*) AS n FROM ${table(b, 'ledger_entry')} WHERE run_id = $1 AND entity = $2 GROUP BY outcome`,
    [b.runId, entity],
  );
  const count = (o: string) => Number(outcomes.find((r) => r.outcome === o)?.n ?? 0);
  return { rejected: count('rejected'), excluded: count('excluded'), merged: count('merged') };
}

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
  try {
    // most batches go in whole, without the cost of a savepoint per batch
    return await t.bookkeeping.db.transaction((tx) => writeBatch(tx, t, batch, () => copyAll(tx, t, batch.rows)));
  } catch (error) {
    if (!isRowError(error)) throw error;
  }
  return t.bookkeeping.db.transaction((tx) => writeBatch(tx, t, batch, () => copyOneByOne(tx, t, batch.rows)));
}

/** Writes a batch's rows with `copy` (row index → why the target refused it), then its bookkeeping. */
async function writeBatch(tx: Database, t: BatchTarget, batch: MappedBatch, copy: () => Promise<Map<number, string>>): Promise<string[]> {
  const b = t.bookkeeping;
  const refused = await copy();
  const ledger: LedgerEntry[] = [...batch.ledger];
  const keys: string[] = [];
  const lines: number[] = [];
  const ids: (number | null)[] = [];
  batch.rowKeys.forEach((key, i) => {
    const why = refused.get(i);
    if (why === undefined) {
      keys.push(key);
      lines.push(batch.rowLines[i]!);
      ids.push(batch.rowIds[i]!);
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
  const ledgerText = ledger
    .map((e) => copyLine([b.runId, e.entity, e.file, e.line, e.sourceKey, e.outcome, e.reason, e.field, e.value, e.message, e.survivorKey]))
    .join('');
  await tx.copyIn({ schema: b.schema, table: 'ledger_entry' }, ledgerColumns, ledgerText);
  if (keys.length > 0) {
    const keyMapText = copyLine([b.runId, batch.entity, batch.file, lines.reduce((a, b) => Math.min(a, b)), JSON.stringify(lines), JSON.stringify(keys), JSON.stringify(ids)]);
    await tx.copyIn({ schema: b.schema, table: 'key_map_batch' }, keyMapColumns, keyMapText);
  }
  await saveCheckpoint(tx, b, batch.entity, batch.sourceRows, batch.done, t.at());
  return [...refused.keys()].map((i) => batch.rowKeys[i]!);
}

/** Records how far a run has got in an entity (the checkpoint when it is the bookkeeping's own). */
export async function saveCheckpoint(db: Database, b: Pick<Bookkeeping, 'schema' | 'runId'>, entity: string, rows: number, done: boolean, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO ${table(b, 'run_progress')} (run_id, entity, rows_read, done, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (run_id, entity) DO UPDATE SET rows_read = excluded.rows_read, done = excluded.done, updated_at = excluded.updated_at`,
    [b.runId, entity, rows, done, at.toISOString()],
  );
}

/**
 * Copies a run's ledger and key map from a server's bookkeeping into the store, replacing
 * what the store held of that run, in one store transaction, in pages.
 */
export async function copyBookkeepingToStore(b: Bookkeeping, store: Database): Promise<void> {
  if (keptInStore(b)) return;
  await store.transaction(async (tx) => {
    await copyRunTable(b, tx, 'ledger_entry', ledgerColumns, 'line', 10_000);
    // a key map row holds a whole batch's keys: fewer at a time
    await copyRunTable(b, tx, 'key_map_batch', keyMapColumns, 'first_line', 50);
  });
}

/** Replaces the run's rows of one bookkeeping table in the store with the server's, `page` rows at a time in (entity, `order`) order. */
async function copyRunTable(b: Bookkeeping, tx: Database, name: string, columns: readonly string[], order: string, page: number): Promise<void> {
  await tx.query(`DELETE FROM cutover.${quoteIdent(name)} WHERE run_id = $1`, [b.runId]);
  for (let after: [string, string] = ['', '-1']; ;) {
    const rows = await b.db.query<Record<string, string | null>>(
      `SELECT ${columns.map(quoteIdent).join(', ')} FROM ${table(b, name)}
       WHERE run_id = $1 AND (entity, ${quoteIdent(order)}) > ($2, $3::bigint) ORDER BY entity, ${quoteIdent(order)} LIMIT ${page}`,
      [b.runId, ...after],
    );
    await tx.copyIn({ schema: 'cutover', table: name }, columns, rows.map((r) => copyLine(columns.map((c) => r[c] ?? null))).join(''));
    if (rows.length < page) return;
    const last = rows.at(-1)!;
    after = [last['entity']!, last[order]!];
  }
}

async function hasBookkeeping(b: Bookkeeping): Promise<boolean> {
  const [row] = await b.db.query<{ found: boolean }>(
    "SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'run_progress') AS found",
    [b.schema],
  );
  return row?.found ?? false;
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

function table(b: Pick<Bookkeeping, 'schema'>, name: string): string {
  return quoteQualified({ schema: b.schema, table: name });
}
