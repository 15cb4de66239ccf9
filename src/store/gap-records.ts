import { copyLine } from '../connectors/copy-text.js';
import { quoteQualified, type Database } from '../connectors/database.js';
import { requireKeyMap } from './key-map-collector.js';
import type { GapAction, GapBooks } from '../core/gap/gap-books.js';
import type { LedgerEntry } from '../core/ledger.js';
import { keptInStore, saveCheckpoint, type Bookkeeping } from './bookkeeping.js';

const changeColumns = ['run_id', 'entity', 'seq', 'action', 'source_key', 'line', 'target_id', 'reason', 'field', 'value', 'message', 'survivor_key'];

/** One change a gap migration dealt with, as its bookkeeping keeps it. */
export interface GapChange {
  readonly entity: string;
  /** its place in the entity's changes, in key order, from 1 */
  readonly seq: number;
  readonly action: GapAction;
  readonly sourceKey: string;
  /** the line in the later snapshot (in the earlier one for a deleted row) */
  readonly line: number;
  readonly targetId: number | null;
  readonly reason: string | null;
  readonly field: string | null;
  readonly value: string | null;
  readonly message: string | null;
  readonly survivorKey: string | null;
}

/**
 * Writes a batch of a gap's changes and the entity's checkpoint (`consumed`: changes of
 * the entity dealt with so far), inside the transaction that writes their target rows.
 */
export async function recordGapChanges(tx: Database, b: Bookkeeping, checkpoint: string, changes: readonly GapChange[], consumed: number, done: boolean, at: Date): Promise<void> {
  const text = changes.map((c) => copyLine([b.runId, c.entity, c.seq, c.action, c.sourceKey, c.line, c.targetId, c.reason, c.field, c.value, c.message, c.survivorKey])).join('');
  await tx.copyIn({ schema: b.schema, table: 'gap_change' }, changeColumns, text);
  await saveCheckpoint(tx, b, checkpoint, consumed, done, at);
}

/** Every change a gap run has recorded so far, per entity in order. */
export async function readGapChanges(db: Database, b: Pick<Bookkeeping, 'schema' | 'runId'>): Promise<GapChange[]> {
  const rows = await db.query<Record<string, string | null>>(
    `SELECT entity, seq, action, source_key, line, target_id, reason, field, value, message, survivor_key FROM ${table(b, 'gap_change')} WHERE run_id = $1 ORDER BY entity, seq`,
    [b.runId],
  );
  return rows.map((r) => ({
    entity: r['entity']!, seq: Number(r['seq']), action: r['action'] as GapAction, sourceKey: r['source_key']!, line: Number(r['line']),
    targetId: r['target_id'] === null ? null : Number(r['target_id']), reason: r['reason'] ?? null, field: r['field'] ?? null, value: r['value'] ?? null,
    message: r['message'] ?? null, survivorKey: r['survivor_key'] ?? null,
  }));
}

/** Copies a gap's changes from a server's bookkeeping into the store, replacing what the store held of them. */
export async function copyGapChangesToStore(b: Bookkeeping, store: Database): Promise<void> {
  if (keptInStore(b)) return;
  const changes = await readGapChanges(b.db, b);
  await store.transaction(async (tx) => {
    await tx.query('DELETE FROM cutover.gap_change WHERE run_id = $1', [b.runId]);
    for (let i = 0; i < changes.length; i += 5000) {
      const text = changes.slice(i, i + 5000).map((c) => copyLine([b.runId, c.entity, c.seq, c.action, c.sourceKey, c.line, c.targetId, c.reason, c.field, c.value, c.message, c.survivorKey])).join('');
      await tx.copyIn({ schema: 'cutover', table: 'gap_change' }, changeColumns, text);
    }
  });
}

/** Calls `page` with the key map of one entity of a run, a stored batch at a time: source keys, target ids and lines. */
export async function readKeyMapPages(
  store: Database,
  runId: number,
  entity: string,
  page: (keys: readonly string[], ids: readonly (number | null)[], lines: readonly number[]) => void,
): Promise<void> {
  await requireKeyMap(store, runId, 'carrying changes over from it');
  for (let after = -1; ;) {
    const rows = await store.query<{ first_line: string; lines: string; source_keys: string; target_ids: string }>(
      'SELECT first_line, lines, source_keys, target_ids FROM cutover.key_map_batch WHERE run_id = $1 AND entity = $2 AND first_line > $3 ORDER BY first_line LIMIT 50',
      [runId, entity, after],
    );
    for (const r of rows) page(JSON.parse(r.source_keys) as string[], JSON.parse(r.target_ids) as (number | null)[], JSON.parse(r.lines) as number[]);
    if (rows.length < 50) return;
    after = Number(rows.at(-1)!.first_line);
  }
}

/** One entity's ledger of a run, in line order. */
export async function readEntityLedger(store: Database, runId: number, entity: string): Promise<LedgerEntry[]> {
  const rows = await store.query<Record<string, string | null>>(
    'SELECT entity, file, line, source_key, outcome, reason, field, value, message, survivor_key FROM cutover.ledger_entry WHERE run_id = $1 AND entity = $2 ORDER BY line',
    [runId, entity],
  );
  return rows.map((r) => ({
    entity: r['entity']!, file: r['file']!, line: Number(r['line']), sourceKey: r['source_key'] ?? null, outcome: r['outcome'] as LedgerEntry['outcome'],
    reason: r['reason']!, field: r['field'] ?? null, value: r['value'] ?? null, message: r['message']!, survivorKey: r['survivor_key'] ?? null,
  }));
}

/** The latest run that loaded an environment and succeeded, full or gap: what the environment holds. */
export async function lastLoadingRun(store: Database, env: string): Promise<number | undefined> {
  const [row] = await store.query<{ id: string }>("SELECT id FROM cutover.run WHERE env = $1 AND status = 'succeeded' ORDER BY id DESC LIMIT 1", [env]);
  return row === undefined ? undefined : Number(row.id);
}

/** A gap of an environment from one snapshot to another that succeeded already, if any: its id. */
export async function appliedGap(store: Database, env: string, from: string, to: string): Promise<number | undefined> {
  const [row] = await store.query<{ id: string }>(
    "SELECT id FROM cutover.run WHERE env = $1 AND kind = 'gap' AND status = 'succeeded' AND from_snapshot_id = $2 AND snapshot_id = $3 ORDER BY id DESC LIMIT 1",
    [env, from, to],
  );
  return row === undefined ? undefined : Number(row.id);
}

/** Records a gap's own books for one entity; `position` is its place in load order. */
export async function saveGapBooks(store: Database, runId: number, position: number, books: GapBooks): Promise<void> {
  await store.query(
    `INSERT INTO cutover.gap_entity (run_id, entity, position, books) VALUES ($1, $2, $3, $4)
     ON CONFLICT (run_id, entity) DO UPDATE SET position = excluded.position, books = excluded.books`,
    [runId, books.entity, position, JSON.stringify(books)],
  );
}

/** A gap run's own books, in load order. */
export async function readGapBooks(store: Database, runId: number): Promise<GapBooks[]> {
  const rows = await store.query<{ books: string }>('SELECT books FROM cutover.gap_entity WHERE run_id = $1 ORDER BY position', [runId]);
  return rows.map((r) => JSON.parse(r.books) as GapBooks);
}

/**
 * Target ids of rows deleted in the legacy system and left in the new system (kept or
 * marked) by the gaps that brought an environment to `runId`, since its last full load.
 */
export async function keptTargetIds(store: Database, env: string, runId: number, entity: string): Promise<number[]> {
  const rows = await store.query<{ target_id: string }>(
    `SELECT g.target_id FROM cutover.gap_change g JOIN cutover.run r ON r.id = g.run_id
     WHERE r.env = $1 AND r.kind = 'gap' AND g.run_id <= $2 AND g.entity = $3 AND g.action IN ('kept', 'marked', 'orphaned') AND g.target_id IS NOT NULL
       AND (r.status = 'succeeded' OR r.id = $2)
       AND g.run_id > coalesce((SELECT max(id) FROM cutover.run WHERE env = $1 AND kind = 'full' AND status = 'succeeded' AND id <= $2), 0)`,
    [env, runId, entity],
  );
  return rows.map((r) => Number(r.target_id));
}

function table(b: Pick<Bookkeeping, 'schema'>, name: string): string {
  return quoteQualified({ schema: b.schema, table: name });
}
