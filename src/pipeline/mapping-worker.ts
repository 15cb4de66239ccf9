import { parentPort, workerData } from 'node:worker_threads';
import { CutoverError } from '../core/cutover-error.js';
import { clusterPlaces, findDuplicates, type ClusterPlace } from '../core/dedup/index.js';
import { compileEntity, type MappingContext } from '../core/mapping/index.js';
import { SourceMoneyTally } from '../core/reconcile/index.js';
import { rowFingerprint } from '../core/reconcile/row-fingerprint.js';
import { loadOrder, parentLinks, parseSpecFiles } from '../core/spec/index.js';
import { SnapshotKey } from '../store/sealed/index.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import { BatchMoney } from './batch-money.js';
import { collectDedupRows } from './dedup-rows.js';
import { forgetKeys, IdAllocator, mapEntity, type KeyMaps, type MappedBatch } from './entity-mapper.js';
import { missingParentWords, NotLoadedRows } from './not-loaded-rows.js';
import { ReferenceData } from './reference-data.js';
import { SelfReferences } from './self-references.js';
import type { KeyTable } from '../core/key-table.js';
import type { LoaderMessage, MappingInit, MappingMessage } from './mapping-messages.js';

// The mapping thread: reads each mapped table of the snapshot once, verifying it as it
// goes, and maps it batch by batch while the main thread loads the batches before, adding
// up the money on the way. Its own core, so mapping and loading overlap.

/** Batches sent and not yet loaded; more would only wait in memory. */
const maxInFlight = 3;

const port = parentPort!;
const init = workerData as MappingInit;
const inbox: LoaderMessage[] = [];
let wake: (() => void) | undefined;
port.on('message', (message: LoaderMessage) => {
  inbox.push(message);
  wake?.();
});

async function receive(): Promise<LoaderMessage> {
  while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
  wake = undefined;
  return inbox.shift()!;
}

const send = (message: MappingMessage) => port.postMessage(message);

async function main(): Promise<void> {
  const key = new SnapshotKey(init.key.bytes, init.key.variable);
  const spec = parseSpecFiles(init.specFiles);
  const keyMaps: KeyMaps = new Map();
  // per entity, its rows with a key that were not loaded, for the rows that point at them
  const notLoaded = new Map<string, NotLoadedRows>();
  const sourceOf = new Map(spec.entities.map((e) => [e.name, e.source]));
  const missing = (parent: string, sourceKey: string) => missingParentWords(parent, sourceOf.get(parent) ?? parent, sourceKey, notLoaded.get(parent));
  const ids = new IdAllocator(init.firstIds ?? {});
  // a lookup into the entity itself needs its keys only until its second pass
  const lookedUp = new Set(spec.entities.flatMap((e) => parentLinks(e.fields).flatMap((link) => (link.parent === e.name ? [] : [link.parent]))));

  // per blob, how many times it was opened: each mapped table once, nothing else
  const reads: Record<string, number> = {};
  const opened = (blob: string) => (reads[blob] = (reads[blob] ?? 0) + 1);
  const reference = await ReferenceData.load(spec, { layout: init.layout, snapshot: init.snapshot, key, keyMaps, opened });
  // a row naming one kept out for privacy goes with it, rather than being rejected as an orphan
  const keptOut = (parent: string, sourceKey: string) => notLoaded.get(parent)?.keptOut(sourceKey);
  const lookups = { missing, keptOut, ...reference.context() };
  // the money check evaluates a row's fields again: the same lookups as the mapper's
  const context: MappingContext = {
    lookup(parent, sourceKey) {
      const id = keyMaps.get(parent)?.get(sourceKey);
      return id === undefined || id === null ? undefined : String(id);
    },
    ...lookups,
  };
  const money: BatchMoney[] = [];
  let entityMoney: BatchMoney | undefined;
  let inFlight = 0;
  const loaded = async () => {
    const message = await receive();
    if (message.type !== 'loaded') throw new Error(`the loader answered ${message.type} where a loaded batch was expected`);
    forgetKeys(keyMaps, message.entity, message.refused, notLoaded.get(message.entity));
    entityMoney?.loaded(message.refused);
    inFlight--;
  };
  for (const entity of loadOrder(spec)) {
    const source = snapshotTableSource(init.layout, init.snapshot, entity.source, key, opened);
    const compiled = compileEntity(entity, source.columns, source.name, { deferSelf: true, ...(init.privacy === undefined ? {} : { privacy: init.privacy }) });
    const refusedBefore = init.refused[entity.name] ?? [];
    const selfRefs = compiled.selfFields.length === 0 ? undefined : new SelfReferences(entity.name, source.name, compiled.selfFields.map((i) => entity.fields[i]!.name));
    const notes = new NotLoadedRows();
    notLoaded.set(entity.name, notes);
    entityMoney = entity.reconcile.money.length === 0 ? undefined : new BatchMoney(new SourceMoneyTally(compiled), context, new Set(refusedBefore), selfRefs !== undefined);
    if (entityMoney) money.push(entityMoney);
    const checkpoint = init.checkpoints[entity.name];
    const total = init.snapshot.tables.find((t) => t.name === entity.source)?.rows ?? 0;
    const alreadyLoaded = checkpoint === undefined ? 0 : checkpoint.done ? total : checkpoint.rowsRead;
    // duplicates are found before mapping: a survivor's values and id depend on rows further on
    const clusters = entity.dedup === undefined ? undefined : await findClusters(entity);
    // an entity that looks itself up fills some fields in after loading: its rows are compared field by field
    const kinds = compiled.selfFields.length === 0 ? init.fingerprintKinds?.[entity.name] : undefined;
    const batches = mapEntity({
      compiled, file: source.name, width: source.columns.length, rows: source.rowChunks(), keyMaps, ids, alreadyLoaded, notLoaded: notes, lookups, keep: reference.keepFor(entity),
      keepKeys: lookedUp.has(entity.name) || selfRefs !== undefined,
      ...(selfRefs === undefined ? {} : { selfRefs, resolved: checkpoint?.done === true }),
      ...(clusters === undefined ? {} : { clusters }),
      ...(entityMoney ? { money: entityMoney } : {}),
      ...(init.batchRows === undefined ? {} : { batchRows: init.batchRows }),
      ...(kinds === undefined ? {} : { fingerprint: (values: readonly (string | null)[]) => rowFingerprint(kinds, values) }),
    });
    let last: MappedBatch | undefined;
    for await (const batch of batches) {
      last = batch;
      send({ type: 'batch', batch });
      inFlight++;
      if (inFlight >= maxInFlight) await loaded();
    }
    // children look up this entity's keys: first hear every row the target refused
    while (inFlight > 0) await loaded();
    forgetKeys(keyMaps, entity.name, refusedBefore, notes);
    if (selfRefs !== undefined && last !== undefined) {
      if (!last.done) await resolveSelfReferences(selfRefs, last, keyMaps.get(entity.name)!, notes, entityMoney);
      // done by the interrupted attempt: worked out again from the same rows, so children find the same orphans
      else entityMoney?.resolved(selfRefs.resolve(keyMaps.get(entity.name)!, notes).resolution.orphans.keys);
    }
    // keys no rule looks up would only hold memory until the end
    if (!lookedUp.has(entity.name)) {
      keyMaps.delete(entity.name);
      notLoaded.delete(entity.name);
    }
  }
  send({ type: 'finished', money: money.flatMap((m) => m.sums()), reads });

  /**
   * The entity's clusters, as "cutover dedup" finds them with the rulings made in review.
   * A first pass over the table, holding only each row's key and the values compared: a
   * survivor's values come from all its cluster's rows, and the table is sealed and
   * streamed, so the clusters must be known before the mapping pass reaches the survivor.
   * A deduplicated table is therefore opened twice; every other table once.
   */
  async function findClusters(entity: (typeof spec.entities)[number]): Promise<Map<string, ClusterPlace>> {
    const dedup = entity.dedup!;
    const rows = await collectDedupRows(snapshotTableSource(init.layout, init.snapshot, entity.source, key, opened), entity, dedup);
    return clusterPlaces(findDuplicates(dedup, rows, entity.name, init.dedupRulings?.[entity.name] ?? []));
  }
}

/**
 * The second pass of an entity that looks itself up, once the loader has answered for every
 * batch of its rows: fills in the references through the key map, and takes the orphans out.
 */
async function resolveSelfReferences(selfRefs: SelfReferences, last: MappedBatch, keyMap: KeyTable, notes: NotLoadedRows, money: BatchMoney | undefined): Promise<void> {
  const { resolution, ledger } = selfRefs.resolve(keyMap, notes);
  const empty = { keys: [], lines: [], ids: [] };
  send({
    type: 'batch',
    batch: {
      entity: last.entity, file: last.file, rows: '', rowKeys: [], rowLines: [], rowIds: [], merged: empty, ledger,
      sourceRows: last.sourceRows, done: true, resolve: resolution, firstId: last.firstId, lastId: last.lastId,
    },
  });
  const message = await receive();
  if (message.type !== 'loaded') throw new Error(`the loader answered ${message.type} where the second pass was expected`);
  money?.resolved(resolution.orphans.keys);
}

main().catch((error: unknown) => {
  const e = error instanceof Error ? error : new Error(String(error));
  send({ type: 'failed', code: error instanceof CutoverError ? error.code : null, message: e.message, stack: e.stack });
});
