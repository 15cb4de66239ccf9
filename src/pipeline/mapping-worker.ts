import { parentPort, workerData } from 'node:worker_threads';
import { CutoverError } from '../core/cutover-error.js';
import { clusterPlaces, findDuplicates, type ClusterPlace } from '../core/dedup/index.js';
import { compileEntity, type MappingContext } from '../core/mapping/index.js';
import { SourceMoneyTally } from '../core/reconcile/index.js';
import { loadOrder, parentLinks, parseSpecFiles } from '../core/spec/index.js';
import { SnapshotKey } from '../store/sealed/index.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import { BatchMoney } from './batch-money.js';
import { collectDedupRows } from './dedup-rows.js';
import { forgetKeys, IdAllocator, mapEntity, type KeyMaps } from './entity-mapper.js';
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
  const ids = new IdAllocator(init.firstIds ?? {});
  const lookedUp = new Set(spec.entities.flatMap((e) => parentLinks(e.fields).map((link) => link.parent)));
  const context: MappingContext = {
    lookup(parent, sourceKey) {
      const id = keyMaps.get(parent)?.get(sourceKey);
      return id === undefined || id === null ? undefined : String(id);
    },
  };
  // per blob, how many times it was opened: each mapped table once, nothing else
  const reads: Record<string, number> = {};
  const opened = (blob: string) => (reads[blob] = (reads[blob] ?? 0) + 1);
  const money: BatchMoney[] = [];
  let entityMoney: BatchMoney | undefined;
  let inFlight = 0;
  const loaded = async () => {
    const message = await receive();
    if (message.type !== 'loaded') throw new Error(`the loader answered ${message.type} where a loaded batch was expected`);
    forgetKeys(keyMaps, message.entity, message.refused);
    entityMoney?.loaded(message.refused);
    inFlight--;
  };
  for (const entity of loadOrder(spec)) {
    const source = snapshotTableSource(init.layout, init.snapshot, entity.source, key, opened);
    const compiled = compileEntity(entity, source.columns, source.name);
    const refusedBefore = init.refused[entity.name] ?? [];
    entityMoney = entity.reconcile.money.length === 0 ? undefined : new BatchMoney(new SourceMoneyTally(compiled), context, new Set(refusedBefore));
    if (entityMoney) money.push(entityMoney);
    const checkpoint = init.checkpoints[entity.name];
    const total = init.snapshot.tables.find((t) => t.name === entity.source)?.rows ?? 0;
    const alreadyLoaded = checkpoint === undefined ? 0 : checkpoint.done ? total : checkpoint.rowsRead;
    // duplicates are found before mapping: a survivor's values and id depend on rows further on
    const clusters = entity.dedup === undefined ? undefined : await findClusters(entity);
    const batches = mapEntity({
      compiled, file: source.name, width: source.columns.length, rows: source.rowChunks(), keyMaps, ids, alreadyLoaded,
      ...(clusters === undefined ? {} : { clusters }),
      ...(entityMoney ? { money: entityMoney } : {}),
      ...(init.batchRows === undefined ? {} : { batchRows: init.batchRows }),
    });
    for await (const batch of batches) {
      send({ type: 'batch', batch });
      inFlight++;
      if (inFlight >= maxInFlight) await loaded();
    }
    // children look up this entity's keys: first hear every row the target refused
    while (inFlight > 0) await loaded();
    forgetKeys(keyMaps, entity.name, refusedBefore);
    // keys no rule looks up would only hold memory until the end
    if (!lookedUp.has(entity.name)) keyMaps.delete(entity.name);
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

main().catch((error: unknown) => {
  const e = error instanceof Error ? error : new Error(String(error));
  send({ type: 'failed', code: error instanceof CutoverError ? error.code : null, message: e.message, stack: e.stack });
});
