import type { Books, LedgerEntry } from '../core/ledger.js';
import { displayKey, type CompiledEntity, type MappingContext } from '../core/mapping/index.js';
import { recordGapChanges } from '../store/gap-records.js';
import type { EntitySpec } from '../core/spec/index.js';
import { recordBatch, type Bookkeeping } from '../store/bookkeeping.js';
import type { GapChange } from '../store/gap-records.js';
import type { ProjectLayout } from '../store/project-layout.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import type { SnapshotKey } from '../store/sealed/index.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import type { EntityKeys } from './gap-keys.js';
import { KeyTable } from '../core/key-table.js';

/** What carrying one entity over to the later snapshot needs. */
export interface CarryRequest {
  readonly layout: ProjectLayout;
  readonly snapshot: SnapshotManifest;
  readonly key: SnapshotKey;
  readonly bookkeeping: Bookkeeping;
  readonly entity: EntitySpec;
  readonly compiled: CompiledEntity;
  readonly keys: EntityKeys;
  /** the entity was carried by an interrupted attempt already: only count it again */
  readonly alreadyDone: boolean;
  /** lookups as the later snapshot has the parents */
  readonly context: MappingContext;
  /** a parent lost rows: map the unchanged rows again, to find those whose parent is gone */
  readonly recheck: boolean;
  /** the entity's changes in the diff: rows found orphaned are numbered after them */
  readonly changesSeen: number;
  readonly at: () => Date;
  readonly batchRows?: number;
}

/**
 * Writes the gap run's key map and ledger for one entity as a whole, by the lines of the
 * later snapshot: each row's target id, or why it has none, from the gap's own change
 * when it had one and else from what the environment held. So the gap run accounts for
 * every row of the later snapshot, as a full run of it would, and reconciliation, the
 * rejects and the next gap read it as they read a full run. One transaction.
 */
export async function carryEntity(r: CarryRequest): Promise<Books> {
  const { entity, compiled, keys } = r;
  const source = snapshotTableSource(r.layout, r.snapshot, entity.source, r.key);
  const file = source.name;
  const width = source.columns.length;
  const byKey = new Map<string, GapChange>();
  for (const c of keys.changes) if (c.action !== 'deleted' && c.action !== 'kept' && c.action !== 'marked' && c.action !== 'absent') byKey.set(c.sourceKey, c);
  const orphaned: GapChange[] = [];
  const seen = new KeyTable();
  const books = { source: 0, loaded: 0, rejected: 0, excluded: 0, merged: 0 };
  const batchRows = r.batchRows ?? 5000;
  let batch = empty();
  const batches: ReturnType<typeof empty>[] = [];
  const cut = () => {
    batches.push(batch);
    batch = empty();
  };
  const note = (line: number, sourceKey: string | null, outcome: LedgerEntry['outcome'], reason: string, message: string, field: string | null = null, value: string | null = null, survivorKey: string | null = null) => {
    batch.ledger.push({ entity: entity.name, file, line, sourceKey, outcome, reason, field, value, message, survivorKey });
    books[outcome === 'rejected' ? 'rejected' : outcome === 'excluded' ? 'excluded' : 'merged']++;
  };
  const map = (line: number, key: string, id: number | null, own: boolean) => {
    batch.keys.push(key);
    batch.lines.push(line);
    batch.ids.push(id);
    if (own) books.loaded++;
  };
  for await (const row of source.rows()) {
    if (batch.keys.length + batch.ledger.length >= batchRows) cut();
    books.source++;
    const { values, line } = row;
    // the same words a full run gives these rows (src/pipeline/entity-mapper.ts)
    if (values.length !== width) {
      note(line, null, 'rejected', 'ragged_row', `this row has ${values.length} values but ${file} has ${width} columns`);
      continue;
    }
    const key = compiled.sourceKey(values);
    if (key === null) {
      note(line, null, 'rejected', 'blank_key', `the reference (${entity.key.join(', ')}) is blank`);
      continue;
    }
    const first = seen.get(key);
    if (first !== undefined) {
      note(line, key, 'rejected', 'duplicate_key', `the reference ${displayKey(key)} was already used on line ${first}`);
      continue;
    }
    seen.set(key, line);
    const change = byKey.get(key);
    if (change !== undefined) {
      if (change.action === 'inserted' || change.action === 'updated') map(line, key, change.targetId, true);
      else if (change.action === 'merged') {
        note(line, key, 'merged', 'merged', change.message ?? '', null, null, change.survivorKey);
        map(line, key, change.targetId, false);
      } else note(line, key, change.action === 'excluded' ? 'excluded' : 'rejected', change.reason ?? change.action, change.message ?? '', change.field, change.value);
      continue;
    }
    const held = keys.ledger.get(key);
    if (held !== undefined) {
      note(line, key, held.outcome, held.reason, held.message, held.field, held.value, held.survivorKey);
      if (held.outcome === 'merged') map(line, key, keys.ids.get(key) ?? null, false);
      continue;
    }
    // a row the environment holds, unchanged; one it does not know is left unaccounted for, and the books say so
    if (!keys.ids.has(key)) continue;
    const id = keys.ids.get(key) ?? null;
    const outcome = r.recheck ? compiled.map(values, r.context) : undefined;
    if (outcome?.kind === 'rejected') {
      // a full run of the later snapshot would not load it: not imported, though left in the new system
      note(line, key, 'rejected', outcome.code, outcome.message, outcome.field, outcome.value);
      orphaned.push({
        entity: entity.name, seq: r.changesSeen + orphaned.length + 1, action: 'orphaned', sourceKey: key, line, targetId: id,
        reason: outcome.code, field: outcome.field, value: outcome.value, message: outcome.message, survivorKey: null,
      });
      continue;
    }
    map(line, key, id, true);
  }
  cut();
  for (const c of orphaned) {
    keys.ids.delete(c.sourceKey);
    keys.gone.add(c.sourceKey);
  }
  if (r.alreadyDone) return books;
  keys.changes.push(...orphaned);
  await r.bookkeeping.db.transaction(async (tx) => {
    if (orphaned.length > 0) await recordGapChanges(tx, r.bookkeeping, `gap:${entity.name}`, orphaned, r.changesSeen, true, r.at());
    for (const [i, b] of batches.entries()) {
      const last = i === batches.length - 1;
      await recordBatch(tx, r.bookkeeping, { entity: entity.name, file, ledger: b.ledger, keys: b.keys, lines: b.lines, ids: b.ids, sourceRows: last ? books.source : 0, done: last, at: r.at() });
    }
  });
  return books;
}

function empty() {
  return { keys: [] as string[], lines: [] as number[], ids: (([] as (number | null)[])), ledger: [] as LedgerEntry[] };
}
