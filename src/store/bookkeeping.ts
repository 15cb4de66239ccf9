import { copyLine } from '../connectors/copy-text.js';
import { quoteIdent, quoteQualified, type Database } from '../connectors/database.js';
import type { Target } from '../connectors/target.js';
import type { Books, LedgerEntry } from '../core/ledger.js';
import { bookkeepingTablesSql } from './bookkeeping-schema.js';

const ledgerColumns = ['run_id', 'entity', 'file', 'line', 'source_key', 'outcome', 'reason', 'field', 'value', 'message', 'survivor_key'];
const keyMapColumns = ['run_id', 'entity', 'file', 'first_line', 'lines', 'source_keys', 'target_ids', 'fingerprints'];

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
export function bookkeepingFor(target: Target, env: string, runId: number): Bookkeeping {
  return { db: target.db, schema: target.capabilities.bookkeeping === 'store' ? 'cutover' : `cutover_env_${env}`, runId };
}

/** True when the bookkeeping lives in the store itself. */
export function keptInStore(b: Bookkeeping): boolean {
  return b.schema === 'cutover';
}

/**
 * Claims a freshly created environment for a run, inside the transaction that created
 * it: a server's bookkeeping schema is made anew (or, with `keep`, beside what earlier
 * runs left there), and every entity gets a checkpoint at row 0, so a later attempt
 * knows the environment is this run's.
 */
export async function startBookkeeping(tx: Database, b: Bookkeeping, entities: readonly string[], at: Date, keep = false): Promise<void> {
  if (!keptInStore(b)) {
    const schema = quoteIdent(b.schema);
    await tx.exec(`${keep ? '' : `DROP SCHEMA IF EXISTS ${schema} CASCADE; `}CREATE SCHEMA IF NOT EXISTS ${schema};\n${bookkeepingTablesSql(b.schema)}`);
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

/** Where a table stood when a run into the new system's own schema began: its rows then, and the ids reserved for the run. */
export interface TableStart {
  readonly table: string;
  readonly rowsBefore: number;
  /** the first of `ids` ids reserved from the table's sequence; null for a table Cutover gives no ids */
  readonly firstId: number | null;
  readonly ids: number;
}

/** Records where the run's tables stood, inside the transaction that claims the environment. */
export async function saveTableStarts(tx: Database, b: Bookkeeping, starts: readonly TableStart[]): Promise<void> {
  for (const t of starts) {
    await tx.query(`INSERT INTO ${table(b, 'table_start')} (run_id, table_name, rows_before, first_id, ids) VALUES ($1, $2, $3, $4, $5)`, [
      b.runId, t.table, t.rowsBefore, t.firstId, t.ids,
    ]);
  }
}

/** Where the run's tables stood when it began, by table (none for a run that loads a schema of its own). */
export async function readTableStarts(b: Bookkeeping): Promise<Map<string, TableStart>> {
  // bookkeeping begun by an older Cutover has no such table: its run started no table
  const [found] = await b.db.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [table(b, 'table_start')]);
  if (!found?.present) return new Map();
  const rows = await b.db.query<{ table_name: string; rows_before: string; first_id: string | null; ids: string }>(
    `SELECT table_name, rows_before, first_id, ids FROM ${table(b, 'table_start')} WHERE run_id = $1`,
    [b.runId],
  );
  return new Map(rows.map((r) => [r.table_name, { table: r.table_name, rowsBefore: Number(r.rows_before), firstId: r.first_id === null ? null : Number(r.first_id), ids: Number(r.ids) }]));
}

/** An earlier run of `env` that loaded rows through this bookkeeping, if any: its id. */
export async function earlierLoadingRun(b: Bookkeeping, env: string): Promise<number | undefined> {
  if (!(await hasBookkeeping(b))) return undefined;
  // the store's bookkeeping serves every environment of the project: its runs say whose is whose
  const [row] = await b.db.query<{ run_id: string }>(
    keptInStore(b)
      ? `SELECT p.run_id FROM cutover.run_progress p JOIN cutover.run r ON r.id = p.run_id WHERE p.run_id <> $1 AND p.rows_read > 0 AND r.env = $2 ORDER BY p.run_id DESC LIMIT 1`
      : `SELECT run_id FROM ${table(b, 'run_progress')} WHERE run_id <> $1 AND rows_read > 0 AND $2::text IS NOT NULL ORDER BY run_id DESC LIMIT 1`,
    [b.runId, env],
  );
  return row === undefined ? undefined : Number(row.run_id);
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
export async function countEntityLedger(b: Bookkeeping, entity: string): Promise<Omit<Books, 'source' | 'loaded'>> {
  const outcomes = await b.db.query<{ outcome: string; n: string }>(
    `SELECT outcome, count(*) AS n FROM ${table(b, 'ledger_entry')} WHERE run_id = $1 AND entity = $2 GROUP BY outcome`,
    [b.runId, entity],
  );
  const count = (o: string) => Number(outcomes.find((r) => r.outcome === o)?.n ?? 0);
  return { rejected: count('rejected'), excluded: count('excluded'), merged: count('merged') };
}

/** A batch's bookkeeping: the source rows it did not load, and the target rows (or survivors) the rest became. */
export interface BatchRecord {
  readonly entity: string;
  readonly file: string;
  readonly ledger: readonly LedgerEntry[];
  /** per source row that has a target row: its key, line and the target row's id */
  readonly keys: readonly string[];
  readonly lines: readonly number[];
  readonly ids: readonly (number | null)[];
  /** per key, the fingerprint of the values its row was loaded with (`rowFingerprint`); none for an entity not fingerprinted */
  readonly prints?: readonly string[];
  /** the entity's checkpoint: source rows read so far, and whether that is all of them */
  readonly sourceRows: number;
  readonly done: boolean;
  readonly at: Date;
}

/** Writes a batch's ledger, key map and checkpoint, inside the transaction that loads its rows. */
export async function recordBatch(tx: Database, b: Bookkeeping, r: BatchRecord): Promise<void> {
  const ledgerText = r.ledger
    .map((e) => copyLine([b.runId, e.entity, e.file, e.line, e.sourceKey, e.outcome, e.reason, e.field, e.value, e.message, e.survivorKey]))
    .join('');
  await tx.copyIn({ schema: b.schema, table: 'ledger_entry' }, ledgerColumns, ledgerText);
  if (r.keys.length > 0) {
    const keyMapText = copyLine([b.runId, r.entity, r.file, r.lines.reduce((a, c) => Math.min(a, c)), JSON.stringify(r.lines), JSON.stringify(r.keys), JSON.stringify(r.ids), r.prints === undefined ? null : r.prints.join('')]);
    await tx.copyIn({ schema: b.schema, table: 'key_map_batch' }, keyMapColumns, keyMapText);
  }
  await saveCheckpoint(tx, b, r.entity, r.sourceRows, r.done, r.at);
}

/**
 * Takes rows out of an entity's key map again (orphans found once the entity was loaded):
 * each batch row holding one of the keys is written again without them, or deleted when
 * none of its keys is left.
 */
export async function forgetKeyMapRows(tx: Database, b: Bookkeeping, entity: string, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  const gone = new Set(keys);
  const rows = await tx.query<{ file: string; first_line: string; lines: string; source_keys: string; target_ids: string }>(
    `SELECT file, first_line, lines, source_keys, target_ids FROM ${table(b, 'key_map_batch')} b
     WHERE run_id = $1 AND entity = $2 AND EXISTS (SELECT 1 FROM json_array_elements_text(b.source_keys::json) k WHERE k IN (SELECT json_array_elements_text($3::json)))`,
    [b.runId, entity, JSON.stringify(keys)],
  );
  for (const row of rows) {
    await tx.query(`DELETE FROM ${table(b, 'key_map_batch')} WHERE run_id = $1 AND entity = $2 AND first_line = $3`, [b.runId, entity, row.first_line]);
    const sourceKeys = JSON.parse(row.source_keys) as string[];
    const lines = JSON.parse(row.lines) as number[];
    const ids = JSON.parse(row.target_ids) as (number | null)[];
    const kept = sourceKeys.flatMap((key, i) => (gone.has(key) ? [] : [i]));
    if (kept.length === 0) continue;
    const keptLines = kept.map((i) => lines[i]!);
    await tx.copyIn({ schema: b.schema, table: 'key_map_batch' }, keyMapColumns, copyLine([
      b.runId, entity, row.file, keptLines.reduce((a, c) => Math.min(a, c)), JSON.stringify(keptLines), JSON.stringify(kept.map((i) => sourceKeys[i]!)), JSON.stringify(kept.map((i) => ids[i] ?? null)),
      // only entities that look themselves up lose rows here, and they are not fingerprinted
      null,
    ]));
  }
}

/** Records how far a run has got in an entity (the checkpoint when it is the bookkeeping's own). */
export async function saveCheckpoint(db: Database, b: Pick<Bookkeeping, 'schema' | 'runId'>, entity: string, rows: number, done: boolean, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO ${table(b, 'run_progress')} (run_id, entity, rows_read, done, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (run_id, entity) DO UPDATE SET rows_read = excluded.rows_read, done = excluded.done, updated_at = excluded.updated_at`,
    [b.runId, entity, rows, done, at.toISOString()],
  );
}

/** Shows in the store how far a run into a server has got, while its checkpoints are kept on the server. */
export async function saveProgressInStore(store: Database, runId: number, entity: string, rows: number, done: boolean, at: Date): Promise<void> {
  await saveCheckpoint(store, { schema: 'cutover', runId }, entity, rows, done, at);
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

function table(b: Pick<Bookkeeping, 'schema'>, name: string): string {
  return quoteQualified({ schema: b.schema, table: name });
}
