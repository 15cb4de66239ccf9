import { copyLine } from '../connectors/copy-text.js';
import { quoteIdent, quoteQualified, type Database, type QualifiedName } from '../connectors/database.js';
import { CutoverError } from '../core/cutover-error.js';
import type { Books, LedgerEntry, RejectReason } from '../core/ledger.js';
import { displayKey, type CompiledEntity, type MappingContext } from '../core/mapping/index.js';
import type { EntitySpec } from '../core/spec/index.js';
import type { SourceRow } from '../core/source-row.js';
import type { LedgerWriter } from './ledger-writer.js';

/** Source keys to new target ids, per entity: how children find their parents. */
export type KeyMaps = Map<string, Map<string, number>>;

/** Hands out target ids per table in source order, so a re-run gives the same ids. */
export class IdAllocator {
  private readonly next = new Map<string, number>();

  /** The next id for `table`. */
  take(table: string): number {
    const id = this.next.get(table) ?? 1;
    this.next.set(table, id + 1);
    return id;
  }
}

/** What loading one entity needs. */
export interface EntityLoad {
  readonly entity: EntitySpec;
  readonly compiled: CompiledEntity;
  readonly file: string;
  readonly width: number;
  readonly rows: AsyncIterable<SourceRow>;
  readonly target: Database;
  readonly table: QualifiedName;
  readonly ledger: LedgerWriter;
  readonly keyMaps: KeyMaps;
  readonly ids: IdAllocator;
  readonly batchRows?: number;
  readonly signal?: AbortSignal;
  readonly onBatch?: (rowsRead: number) => void | Promise<void>;
}

/** The books of one entity as counted while loading, and the ids its rows took. */
export interface EntityLoadResult {
  readonly books: Books;
  readonly firstId: number | null;
  readonly lastId: number | null;
}

interface PendingRow {
  readonly key: string;
  readonly line: number;
  readonly id: number | null;
  readonly values: readonly (string | null)[];
}

/**
 * Streams one entity's source rows through its rules into the target, batch by batch,
 * and writes every row that is not loaded to the ledger with its reason. A batch the
 * target refuses is retried row by row, so one bad row is rejected, not the batch.
 */
export async function loadEntity(load: EntityLoad): Promise<EntityLoadResult> {
  const { entity, compiled, file, width, ledger } = load;
  const batchRows = load.batchRows ?? 5000;
  const keyMap = new Map<string, number>();
  load.keyMaps.set(entity.name, keyMap);
  const seen = new Map<string, number>();
  const survivors = new Map<string, { id: number | null; key: string }>();
  const mergeIndexes = (entity.merge?.on ?? []).map((name) => entity.fields.findIndex((f) => f.name === name));
  const columns = [...(entity.generateId ? ['id'] : []), ...entity.fields.map((f) => f.name)];
  const context: MappingContext = {
    lookup(parent, key) {
      const id = load.keyMaps.get(parent)?.get(key);
      return id === undefined ? undefined : String(id);
    },
  };
  const counts = { source: 0, loaded: 0, rejected: 0, excluded: 0, merged: 0 };
  let firstId: number | null = null;
  let lastId: number | null = null;
  let batch: PendingRow[] = [];

  const record = (e: Omit<LedgerEntry, 'entity' | 'file'>): void => {
    counts[e.outcome]++;
    ledger.entry({ entity: entity.name, file, ...e });
  };
  const reject = (line: number, key: string | null, reason: RejectReason, message: string, field: string | null = null, value: string | null = null): void =>
    record({ line, sourceKey: key, outcome: 'rejected', reason, field, value, message, survivorKey: null });

  const flush = async (): Promise<void> => {
    const rows = batch;
    batch = [];
    if (rows.length > 0) {
      const refused = await writeBatch(load.target, load.table, columns, rows);
      for (const row of rows) {
        const why = refused.get(row);
        if (why === undefined) {
          counts.loaded++;
          ledger.mapped(entity.name, row.key, row.id, file, row.line);
        } else {
          keyMap.delete(row.key);
          reject(row.line, row.key, 'target_constraint', `the new system refused this row: ${why}`);
        }
      }
    }
    await ledger.flush();
    await load.onBatch?.(counts.source);
    if (load.signal?.aborted) throw new CutoverError('cancelled', 'The run was stopped before it finished.');
  };

  for await (const row of load.rows) {
    counts.source++;
    const { values, line } = row;
    if (values.length !== width) {
      reject(line, null, 'ragged_row', `this row has ${values.length} values but ${file} has ${width} columns`);
      continue;
    }
    const key = compiled.sourceKey(values);
    if (key === null) {
      reject(line, null, 'blank_key', `the reference (${entity.key.join(', ')}) is blank`);
      continue;
    }
    const firstLine = seen.get(key);
    if (firstLine !== undefined) {
      reject(line, key, 'duplicate_key', `the reference ${displayKey(key)} was already used on line ${firstLine}`);
      continue;
    }
    seen.set(key, line);
    const outcome = compiled.map(values, context);
    if (outcome.kind === 'excluded') {
      record({ line, sourceKey: key, outcome: 'excluded', reason: outcome.rule, field: null, value: null, message: outcome.message, survivorKey: null });
      continue;
    }
    if (outcome.kind === 'rejected') {
      reject(line, key, outcome.code, outcome.message, outcome.field, outcome.value);
      continue;
    }
    const mergeKey = mergeIndexes.length > 0 ? mergeKeyOf(outcome.values, mergeIndexes) : null;
    const survivor = mergeKey === null ? undefined : survivors.get(mergeKey);
    if (survivor) {
      if (survivor.id !== null) keyMap.set(key, survivor.id);
      ledger.mapped(entity.name, key, survivor.id, file, line);
      record({
        line,
        sourceKey: key,
        outcome: 'merged',
        reason: 'merged',
        field: null,
        value: null,
        message: `merged into ${displayKey(survivor.key)}: ${entity.merge?.reason ?? 'same record'}`,
        survivorKey: survivor.key,
      });
      continue;
    }
    const id = entity.generateId ? load.ids.take(entity.table) : null;
    if (id !== null) {
      keyMap.set(key, id);
      firstId ??= id;
      lastId = id;
    }
    if (mergeKey !== null) survivors.set(mergeKey, { id, key });
    batch.push({ key, line, id, values: outcome.values });
    if (batch.length >= batchRows || ledger.pending >= batchRows) await flush();
  }
  await flush();
  return { books: counts, firstId, lastId };
}

function mergeKeyOf(values: readonly (string | null)[], indexes: readonly number[]): string | null {
  const parts: string[] = [];
  for (const i of indexes) {
    const v = values[i];
    if (v === null || v === undefined) return null;
    parts.push(v);
  }
  return parts.join('\u001f');
}

/** Loads a batch by COPY; when the target refuses it, finds the rows it refuses one by one. */
async function writeBatch(
  target: Database,
  table: QualifiedName,
  columns: readonly string[],
  rows: readonly PendingRow[],
): Promise<Map<PendingRow, string>> {
  const lineOf = (r: PendingRow) => copyLine(r.id === null ? r.values : [r.id, ...r.values]);
  try {
    await target.copyIn(table, columns, rows.map(lineOf).join(''));
    return new Map();
  } catch (error) {
    if (!isRowError(error)) throw error;
  }
  const refused = new Map<PendingRow, string>();
  const insert = `INSERT INTO ${quoteQualified(table)} (${columns.map(quoteIdent).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`;
  for (const row of rows) {
    try {
      await target.query(insert, row.id === null ? row.values : [row.id, ...row.values]);
    } catch (error) {
      if (!isRowError(error)) throw error;
      refused.set(row, (error as Error).message);
    }
  }
  return refused;
}

/** A data or integrity error (SQLSTATE class 22 or 23) is the row's fault, not the run's. */
function isRowError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}
