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
import { NotLoadedRows } from './not-loaded-rows.js';
import { SelfReferences } from './self-references.js';
import { quoteIdent, quoteQualified } from '../connectors/database.js';
import { survivingValues } from '../core/dedup/index.js';
import type { GapClusters } from './gap-clusters.js';
import { makeWrites, type GapTable, type GapWrite } from './gap-writes.js';

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
  /** the entity's target table: where references into the entity itself and surviving values are written */
  readonly table: GapTable;
  /** the entity's duplicate clusters in the later snapshot, when it has a dedup section */
  readonly clusters?: GapClusters | undefined;
}

/**
 * Writes the gap run's key map and ledger for one entity as a whole, by the lines of the
 * later snapshot: each row's target id, or why it has none, from the gap's own change
 * when it had one and else from what the environment held. So the gap run accounts for
 * every row of the later snapshot, as a full run of it would, and reconciliation, the
 * rejects and the next gap read it as they read a full run. One transaction.
 *
 * An entity that looks itself up gets a full run's second pass here: each new or changed
 * row's reference is filled in through the key map (a row it points at may have come
 * later in the diff), and a row pointing at one no longer loaded is an orphan, and so are
 * those pointing at it: taken out again when this gap inserted it, else left in place,
 * and not imported either way.
 *
 * A deduplicated entity gets its survivorship here: each cluster a change touched (a row
 * added, changed, or gone) has its target row written with the values the `survive:`
 * rules pick from all the cluster's rows of the later snapshot.
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
  const selfRefs = compiled.selfFields.length === 0 ? undefined : new SelfReferences(entity.name, file, compiled.selfFields.map((i) => entity.fields[i]!.name));
  const notLoaded = new NotLoadedRows();
  const touched = touchedClusters(r);
  const clusterValues = new Map<string, readonly (string | null)[]>();
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
    if (sourceKey !== null && outcome !== 'merged') notLoaded.note(sourceKey, line, message);
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
    const place = r.clusters?.placeOf(key);
    if (place !== undefined && touched.has(place.cluster)) {
      const outcome = compiled.map(values, r.context);
      if (outcome.kind === 'mapped') clusterValues.set(key, outcome.values);
    }
    const change = byKey.get(key);
    if (change !== undefined) {
      if (change.action === 'inserted' || change.action === 'updated') {
        map(line, key, change.targetId, true);
        // written in the gap: its references are filled in (again) once every row is known
        if (selfRefs !== undefined) {
          const outcome = compiled.map(values, r.context);
          if (outcome.kind === 'mapped' && outcome.selfRefs !== undefined) selfRefs.add(key, line, outcome.selfRefs, outcome.selfRefs.map(() => false));
        }
      } else if (change.action === 'merged') {
        note(line, key, 'merged', 'merged', change.message ?? '', change.field, change.value, change.survivorKey);
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
    const outcome = r.recheck || selfRefs !== undefined ? compiled.map(values, r.context) : undefined;
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
    // loaded before: its references went in then
    if (outcome?.kind === 'mapped' && outcome.selfRefs !== undefined) selfRefs?.add(key, line, outcome.selfRefs, outcome.selfRefs.map(() => true));
  }
  for (const c of orphaned) {
    keys.ids.delete(c.sourceKey);
    keys.gone.add(c.sourceKey);
  }
  const self = selfRefs?.resolve(keys.ids, notLoaded);
  const inserted = new Set<number>();
  if (self !== undefined && self.ledger.length > 0) {
    const byOrphan = new Map(self.ledger.map((e, i) => [e.sourceKey!, { entry: e, id: self.resolution.orphans.ids[i]! }]));
    for (const b of [...batches, batch]) {
      for (let i = b.keys.length - 1; i >= 0; i--) {
        if (!byOrphan.has(b.keys[i]!)) continue;
        b.keys.splice(i, 1);
        b.lines.splice(i, 1);
        b.ids.splice(i, 1);
        books.loaded--;
      }
    }
    for (const { entry, id } of byOrphan.values()) {
      batch.ledger.push(entry);
      books.rejected++;
      const taken = byKey.get(entry.sourceKey!)?.action === 'inserted';
      if (taken) inserted.add(id);
      keys.gone.add(entry.sourceKey!);
      orphaned.push({
        entity: entity.name, seq: r.changesSeen + orphaned.length + 1, action: 'orphaned', sourceKey: entry.sourceKey!, line: entry.line, targetId: taken ? null : id,
        reason: entry.reason, field: entry.field, value: entry.value, message: taken ? `${entry.message}; taken out of the new system again` : entry.message, survivorKey: null,
      });
    }
  }
  cut();
  if (r.alreadyDone) return books;
  keys.changes.push(...orphaned);
  const survivals = survivalWrites(r, touched, clusterValues);
  await r.bookkeeping.db.transaction(async (tx) => {
    // the same values again if this transaction is ever repeated
    if (survivals.length > 0) await makeWrites(tx, r.table, survivals, false);
    if (self !== undefined) {
      // idempotent writes: the same values again if this transaction is ever repeated
      const table = quoteQualified(r.table.table);
      for (const [f, field] of self.resolution.fields.entries()) {
        const { ids, refs } = self.resolution.updates[f]!;
        if (ids.length === 0) continue;
        await tx.query(
          `UPDATE ${table} AS t SET ${quoteIdent(field)} = u.ref FROM unnest($1::bigint[], $2::bigint[]) AS u(id, ref) WHERE t.id = u.id`,
          [`{${ids.join(',')}}`, `{${refs.join(',')}}`],
        );
      }
      // rows this gap inserted point at each other at most: they go in one statement
      if (inserted.size > 0) await tx.query(`DELETE FROM ${table} WHERE id = ANY($1::bigint[])`, [`{${[...inserted].join(',')}}`]);
    }
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

/** The clusters of the later snapshot that a change of this gap touched: a row of theirs added, changed, merged or gone. */
function touchedClusters(r: CarryRequest): Set<string> {
  const touched = new Set<string>();
  if (r.clusters === undefined) return touched;
  for (const c of r.keys.changes) {
    const own = r.clusters.placeOf(c.sourceKey)?.cluster;
    if (own !== undefined) touched.add(own);
    // a merged row gone from the legacy system leaves its survivor's cluster
    const survivor = r.keys.ledger.get(c.sourceKey)?.survivorKey;
    const held = survivor == null ? undefined : r.clusters.placeOf(survivor)?.cluster;
    if (held !== undefined) touched.add(held);
  }
  return touched;
}

/** Per touched cluster, its target row written with the values the survive rules pick, its own row's first. */
function survivalWrites(r: CarryRequest, touched: ReadonlySet<string>, values: ReadonlyMap<string, readonly (string | null)[]>): GapWrite[] {
  const writes: GapWrite[] = [];
  const fieldNames = r.entity.fields.map((f) => f.name);
  for (const cluster of touched) {
    const anchor = r.clusters!.anchor(cluster, r.keys);
    const own = anchor === undefined ? undefined : values.get(anchor.key);
    if (anchor === undefined || anchor.id === null || own === undefined) continue;
    const others = r.clusters!.membersOf(cluster).filter((m) => m !== anchor.key && values.has(m)).map((m) => values.get(m)!);
    writes.push({ kind: 'update', id: anchor.id, values: survivingValues(r.entity.dedup?.survive ?? [], fieldNames, [own, ...others]) });
  }
  return writes;
}
