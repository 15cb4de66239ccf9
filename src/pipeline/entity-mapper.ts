import { countWords } from '../core/count-words.js';
import { copyLine } from '../connectors/copy-text.js';
import { CutoverError } from '../core/cutover-error.js';
import { survivingValues, type ClusterPlace } from '../core/dedup/index.js';
import type { LedgerEntry, RejectReason } from '../core/ledger.js';
import { displayKey, mergeKeyOf, type CompiledEntity, type MappingContext } from '../core/mapping/index.js';
import type { SourceRow } from '../core/source-row.js';
import type { BatchMoney } from './batch-money.js';
import { KeyTable } from '../core/key-table.js';
import type { NotLoadedRows } from './not-loaded-rows.js';
import type { TakenValues } from './taken-values.js';
import type { SelfReferences, SelfResolution } from './self-references.js';
import { SurvivorTable, type Survivor } from './survivor-table.js';

/** Source keys to new target ids, per entity: how children find their parents. */
export type KeyMaps = Map<string, KeyTable>;

/**
 * Hands out target ids per table in source order, so a re-run gives the same ids: from 1,
 * or from the first id of the block reserved in a table that holds rows already.
 */
export class IdAllocator {
  private readonly next = new Map<string, number>();

  constructor(private readonly firsts: Readonly<Record<string, number>> = {}) {}

  /** The next id for `table`. */
  take(table: string): number {
    const id = this.next.get(table) ?? this.firsts[table] ?? 1;
    this.next.set(table, id + 1);
    return id;
  }
}

/**
 * One batch of an entity, mapped and ready to load: the target rows as COPY text, the
 * ledger entries and key map of the same source rows, and how far into the source it
 * reaches. Loading a batch and recording `sourceRows` is one transaction: the checkpoint.
 */
export interface MappedBatch {
  readonly entity: string;
  readonly file: string;
  /** target rows in COPY text, one line each, in source order */
  readonly rows: string;
  /** per target row, in the same order: its source key, line and new id */
  readonly rowKeys: readonly string[];
  readonly rowLines: readonly number[];
  readonly rowIds: readonly (number | null)[];
  /** per target row, the fingerprint of its values (`rowFingerprint`); absent for an entity not fingerprinted */
  readonly rowPrints?: readonly string[];
  /** source rows merged into a survivor: key, line and the survivor's id */
  readonly merged: { readonly keys: readonly string[]; readonly lines: readonly number[]; readonly ids: readonly (number | null)[] };
  readonly ledger: readonly LedgerEntry[];
  /** source rows read so far in this entity, this batch included */
  readonly sourceRows: number;
  /** the entity's last batch: every row loaded and every reference into the entity itself filled in */
  readonly done: boolean;
  /** the second pass of an entity that looks itself up: no rows, only references filled in and orphans taken out */
  readonly resolve?: SelfResolution;
  /** ids the entity's loaded rows took (set on the last batch of rows, and on the second pass) */
  readonly firstId: number | null;
  readonly lastId: number | null;
}

/** What mapping one entity needs. */
export interface EntityMapping {
  readonly compiled: CompiledEntity;
  readonly file: string;
  readonly width: number;
  /** the source rows, a chunk at a time */
  readonly rows: AsyncIterable<readonly SourceRow[]>;
  readonly keyMaps: KeyMaps;
  /** false for an entity no rule looks up, not even its own: its keys would only hold memory while it is mapped */
  readonly keepKeys?: boolean;
  readonly ids: IdAllocator;
  /**
   * Source rows already loaded by an earlier, interrupted attempt: they are mapped again
   * to rebuild keys, merges and ids, but not sent again.
   */
  readonly alreadyLoaded?: number;
  readonly batchRows?: number;
  /** the entity's money, added up as each row is met (replayed rows too) */
  readonly money?: BatchMoney;
  /** for an entity that looks itself up: where its rows' references are kept for the second pass */
  readonly selfRefs?: SelfReferences;
  /** the second pass was done by the interrupted attempt: the last batch is the entity's last */
  readonly resolved?: boolean;
  /** the rows with a key that are not loaded, with why, for the rows that point at them */
  readonly notLoaded?: NotLoadedRows;
  /** what lookups may ask of the run besides a parent's id: why a parent is missing, a parent's field, reference data */
  readonly lookups?: Omit<MappingContext, 'lookup'>;
  /** the fields of this entity some rule of a child takes: their values, kept per key */
  readonly keep?: readonly { readonly index: number; readonly values: TakenValues }[];
  /**
   * The entity's duplicate clusters, by member source key (see `clusterPlaces`): each
   * cluster becomes one target row, its survivor's, with the values the dedup section's
   * `survive:` rules pick, and the other members are merged into it.
   */
  readonly clusters?: ReadonlyMap<string, ClusterPlace>;
  /** the fingerprint of a row's mapped values as loaded, kept with its key so reconcile can compare rows in SQL */
  readonly fingerprint?: (values: readonly (string | null)[]) => string;
}

/** A clustered row met and mapped, waiting for the rest of its cluster. */
interface ClusterRow {
  readonly key: string;
  readonly line: number;
  readonly values: readonly (string | null)[];
  readonly selfRefs: readonly (string | null)[] | undefined;
  readonly score: number;
}

/**
 * Maps one entity's source rows through its rules, in source order, into batches: every
 * row becomes a target row, a merge into an earlier row, or a ledger entry with its
 * reason. Pure of any database; the caller loads the batches and reports back the rows
 * the target refused (see `forgetKeys`).
 */
export async function* mapEntity(m: EntityMapping): AsyncGenerator<MappedBatch> {
  const { compiled, file, width, money } = m;
  const entity = compiled.entity;
  const batchRows = m.batchRows ?? 5000;
  const alreadyLoaded = m.alreadyLoaded ?? 0;
  const keyMap = m.keepKeys === false ? undefined : new KeyTable();
  if (keyMap !== undefined) m.keyMaps.set(entity.name, keyMap);
  // the line each key was first seen on, to name it when the key comes again
  const seen = new KeyTable();
  const survivors = new SurvivorTable();
  const mergeIndexes = (entity.merge?.on ?? []).map((name) => entity.fields.findIndex((f) => f.name === name));
  const context: MappingContext = {
    lookup(parent, key) {
      const id = m.keyMaps.get(parent)?.get(key);
      return id === undefined || id === null ? undefined : String(id);
    },
    ...m.lookups,
  };
  let firstId: number | null = null;
  let lastId: number | null = null;
  let sourceRows = 0;
  let batch = emptyBatch();
  // clusters with rows still to come, by survivor key; a cluster is written once its last row is met
  const waiting = new Map<string, { rows: ClusterRow[]; left: number }>();
  const fieldNames = entity.fields.map((f) => f.name);
  const survive = entity.dedup?.survive ?? [];

  const record = (e: Omit<LedgerEntry, 'entity' | 'file'>): void => {
    if (sourceRows > alreadyLoaded) batch.ledger.push({ entity: entity.name, file, ...e });
  };
  const reject = (line: number, key: string | null, reason: RejectReason, message: string, field: string | null = null, value: string | null = null): void =>
    record({ line, sourceKey: key, outcome: 'rejected', reason, field, value, message, survivorKey: null });
  const cut = (last: boolean): MappedBatch => {
    // an entity that looks itself up is done after its second pass, unless that was done already
    const done = last && (m.selfRefs === undefined || m.resolved === true);
    const out: MappedBatch = {
      entity: entity.name, file, rows: batch.rows.join(''), rowKeys: batch.rowKeys, rowLines: batch.rowLines, rowIds: batch.rowIds,
      ...(m.fingerprint === undefined ? {} : { rowPrints: batch.rowPrints }),
      merged: batch.merged, ledger: batch.ledger, sourceRows, done, firstId: last ? firstId : null, lastId: last ? lastId : null,
    };
    batch = emptyBatch();
    money?.cut();
    return out;
  };

  /** Writes one mapped row, or merges it into an earlier row with the same merge key; returns the row it became. */
  function write(key: string, line: number, values: readonly (string | null)[], selfRefs?: readonly (string | null)[]): Survivor {
    const replay = sourceRows <= alreadyLoaded;
    const mergeKey = mergeKeyOf(values, mergeIndexes);
    const survivor = mergeKey === null ? undefined : survivors.get(mergeKey);
    if (survivor) {
      money?.merged(values);
      keyMap?.set(key, survivor.id);
      // a merged row's reference finds the survivor's record, so its values are the survivor's
      for (const k of m.keep ?? []) k.values.set(key, k.values.get(survivor.key) ?? null);
      if (!replay) {
        batch.merged.keys.push(key);
        batch.merged.lines.push(line);
        batch.merged.ids.push(survivor.id);
      }
      record({
        line, sourceKey: key, outcome: 'merged', reason: 'merged', field: null, value: null,
        message: `merged into ${displayKey(survivor.key)}: ${entity.merge?.reason ?? 'same record'}`, survivorKey: survivor.key,
      });
      return survivor;
    }
    const id = entity.generateId ? m.ids.take(entity.table) : null;
    keyMap?.set(key, id);
    if (id !== null) {
      firstId ??= id;
      lastId = id;
    }
    if (mergeKey !== null) survivors.set(mergeKey, { id, key });
    money?.mapped(key, values, replay);
    if (selfRefs !== undefined) m.selfRefs?.add(key, line, selfRefs, compiled.selfFields.map((f) => values[f] !== null));
    for (const k of m.keep ?? []) k.values.set(key, values[k.index] ?? null);
    if (!replay) {
      // the id goes in front without copying the row's values into a new array
      batch.rows.push(id === null ? copyLine(values) : values.length === 0 ? `${id}\n` : `${id}\t${copyLine(values)}`);
      batch.rowKeys.push(key);
      batch.rowLines.push(line);
      batch.rowIds.push(id);
      if (m.fingerprint !== undefined) batch.rowPrints.push(m.fingerprint(values));
    }
    return { id, key };
  }

  /** Counts a clustered row as met; returns the cluster's mapped rows once its last row is met. */
  function arrive(place: ClusterPlace, row: ClusterRow | undefined): ClusterRow[] | undefined {
    let cluster = waiting.get(place.survivor);
    if (cluster === undefined) {
      cluster = { rows: [], left: place.size };
      waiting.set(place.survivor, cluster);
    }
    if (row !== undefined) cluster.rows.push(row);
    cluster.left -= 1;
    if (cluster.left > 0) return undefined;
    waiting.delete(place.survivor);
    return cluster.rows;
  }

  /**
   * Writes a cluster as one row: the survivor's (or, if the mapping rejected it, the
   * cluster's first mapped row), with the values the survive rules pick from all its rows;
   * the other rows are merged into it, with their score, and their keys lead to its id.
   */
  function writeCluster(rows: readonly ClusterRow[]): void {
    if (rows.length === 0) return;
    const designated = rows.find((r) => m.clusters?.get(r.key)?.survivor === r.key) ?? rows[0]!;
    const ordered = [designated, ...rows.filter((r) => r !== designated)];
    const target = write(designated.key, designated.line, survivingValues(survive, fieldNames, ordered.map((r) => r.values)), designated.selfRefs);
    const replay = sourceRows <= alreadyLoaded;
    for (const r of ordered.slice(1)) {
      money?.merged(r.values);
      keyMap?.set(r.key, target.id);
      for (const k of m.keep ?? []) k.values.set(r.key, k.values.get(target.key) ?? null);
      if (!replay) {
        batch.merged.keys.push(r.key);
        batch.merged.lines.push(r.line);
        batch.merged.ids.push(target.id);
      }
      const score = String(Math.round(r.score * 10_000) / 10_000);
      record({
        line: r.line, sourceKey: r.key, outcome: 'merged', reason: 'merged', field: null, value: score,
        message: `merged into ${displayKey(target.key)}: the same person typed in again (score ${score})`, survivorKey: target.key,
      });
    }
  }

  for await (const chunk of m.rows) {
    for (const row of chunk) {
      // cut before the next row, so a batch always ends on a whole number of source rows
      if (batch.rows.length >= batchRows || batch.ledger.length >= batchRows) yield cut(false);
      sourceRows++;
      const { values, line } = row;
      if (values.length !== width) {
        money?.ragged();
        reject(line, null, 'ragged_row', `this row has ${countWords(values.length, 'value')} but ${file} has ${countWords(width, 'column')}`);
        continue;
      }
      const key = compiled.sourceKey(values);
      // a person erased on request is kept out, never listed among rejects (a blank or repeated key) with their values
      const kept = compiled.keptOut(values);
      if (kept !== undefined) {
        money?.notMapped(values);
        if (key !== null && !seen.has(key)) {
          seen.set(key, line);
          m.notLoaded?.note(key, line, kept.cause, kept);
        }
        record({ line, sourceKey: key, outcome: 'excluded', reason: kept.rule, field: null, value: null, message: kept.cause, survivorKey: null });
        // a clustered row kept out still counts as met, so its cluster is written at its last row
        const place = key === null ? undefined : m.clusters?.get(key);
        const cluster = place === undefined ? undefined : arrive(place, undefined);
        if (cluster !== undefined) writeCluster(cluster);
        continue;
      }
      if (key === null) {
        money?.notMapped(values);
        reject(line, null, 'blank_key', `the reference (${entity.key.join(', ')}) is blank`);
        continue;
      }
      const firstLine = seen.setFirst(key, line);
      if (firstLine !== undefined) {
        money?.notMapped(values);
        reject(line, key, 'duplicate_key', `the reference ${displayKey(key)} was already used on line ${firstLine}`);
        continue;
      }
      const outcome = compiled.map(values, context);
      if (outcome.kind !== 'mapped') money?.notMapped(values);
      if (outcome.kind !== 'mapped') m.notLoaded?.note(key, line, outcome.message, outcome.kind === 'excluded' && outcome.cause !== undefined ? { rule: outcome.rule, cause: outcome.cause } : undefined);
      const place = m.clusters?.get(key);
      if (place !== undefined) {
        // a clustered row that is left out or rejected still counts as met
        const mapped = outcome.kind === 'mapped' ? { key, line, values: outcome.values, selfRefs: outcome.selfRefs, score: place.score } : undefined;
        const cluster = arrive(place, mapped);
        if (cluster !== undefined) writeCluster(cluster);
        if (mapped !== undefined) continue;
      }
      if (outcome.kind === 'excluded') {
        record({ line, sourceKey: key, outcome: 'excluded', reason: outcome.rule, field: null, value: null, message: outcome.message, survivorKey: null });
        continue;
      }
      if (outcome.kind === 'rejected') {
        reject(line, key, outcome.code, outcome.message, outcome.field, outcome.value);
        continue;
      }
      write(key, line, outcome.values, outcome.selfRefs);
    }
  }
  // clusters some of whose rows never came as mapped rows (ragged ones)
  for (const cluster of waiting.values()) writeCluster(cluster.rows);
  if (sourceRows < alreadyLoaded) {
    throw new CutoverError('resume_mismatch', `${file} has ${sourceRows} rows, but the interrupted run had already loaded ${alreadyLoaded} of them: start again with --fresh.`);
  }
  yield cut(true);
}

/** Forgets the keys of rows the target refused, so no child is pointed at them; `notLoaded` notes why. */
export function forgetKeys(keyMaps: KeyMaps, entity: string, keys: readonly string[], notLoaded?: NotLoadedRows): void {
  const keyMap = keyMaps.get(entity);
  for (const key of keys) {
    // a key already taken out by the second pass keeps the reason it noted
    if (keyMap?.delete(key) === true) notLoaded?.note(key, -1, 'the new system refused it');
  }
}

function emptyBatch() {
  return {
    rows: [] as string[],
    rowKeys: [] as string[],
    rowLines: [] as number[],
    rowIds: [] as (number | null)[],
    rowPrints: [] as string[],
    merged: { keys: [] as string[], lines: [] as number[], ids: [] as (number | null)[] },
    ledger: [] as LedgerEntry[],
  };
}
