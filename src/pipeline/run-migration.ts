import { countWords } from '../core/count-words.js';
import { readFile } from 'node:fs/promises';
import { quoteQualified, type Database, type QualifiedName } from '../connectors/database.js';
import type { Target } from '../connectors/target.js';
import { CutoverError, isCutoverError } from '../core/cutover-error.js';
import { booksBalance, booksDifference, type Books } from '../core/ledger.js';
import type { EntityBooks, MoneyLine, RejectAttention, RunFacts, RunProgress, RunResult, RunStatus } from '../core/run-result.js';
import type { KeyRuling } from '../core/dedup/index.js';
import { compileEntity } from '../core/mapping/index.js';
import { loadOrder, SpecError, type EntitySpec, type Spec } from '../core/spec/index.js';
import {
  bookkeepingFor, copyBookkeepingToStore, countEntityLedger, earlierLoadingRun, readCheckpoints, readRefusedKeys, readTableStarts, saveProgressInStore,
  saveTableStarts, startBookkeeping, type TableStart,
} from '../store/bookkeeping.js';
import { readDedupRulings } from '../store/dedup-records.js';
import { dropSupersededKeyMaps } from '../store/key-map-collector.js';
import { diskReserve, ensureDiskRoom } from '../store/disk-room.js';
import { saveMoneyLines } from '../store/money-records.js';
import type { ProjectStore } from '../store/project-store.js';
import { clearEntityBooks, findInterruptedRun, finishRun, saveEntityBooks, startRun } from '../store/run-records.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import type { SnapshotKey } from '../store/sealed/index.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import { verifyManifest } from '../store/snapshot-verify.js';
import { environmentPlace, recreateEnvironment, refuseLoadedEnvironment, type EnvironmentPlace } from './environment.js';
import { markLiveInTarget, recordLive, refuseLiveEnvironment } from './go-live.js';
import { passGate, type GateOverride } from './quality-gate.js';
import { reserveIds } from './id-reservation.js';
import { checkSystemTables } from './system-tables.js';
import { loadBatch } from './batch-loader.js';
import type { MappedBatch } from './entity-mapper.js';
import { startMappingThread, type MappingThread } from './mapping-thread.js';
import { privacyRules } from './erasure.js';
import type { PrivacyRules } from '../core/privacy/index.js';
import { checkMoney } from './money-check.js';
import { fingerprintKinds } from '../connectors/row-fingerprint-sql.js';
import type { FingerprintKind } from '../core/reconcile/row-fingerprint.js';
import type { ProjectSession } from './project-session.js';
import { projectFilePath } from './project-file-path.js';
import { entitiesPastRejectLimits } from './reject-limits.js';

/** Everything a run needs, already opened and validated. */
export interface RunRequest {
  readonly snapshot: SnapshotManifest;
  readonly spec: Spec;
  /** the spec's files as read, kept with the run */
  readonly specFiles: readonly { readonly file: string; readonly text: string }[];
  readonly env: string;
  /** wipe an environment that already holds data; without it such a run is refused */
  readonly fresh: boolean;
  /** carry on an interrupted run of this environment with the same snapshot, spec and target, instead of starting afresh */
  readonly resume: boolean;
  /** where the target tables live */
  readonly target: Target;
  /** lets a final run past a shut quality gate: the team's decision, recorded */
  readonly overrideGate?: GateOverride;
  readonly onProgress?: (event: RunProgress) => void;
  /** source rows per loaded batch (and checkpoint) */
  readonly batchRows?: number;
}

/**
 * Runs a snapshot through a spec into a test environment: wipes it, loads every entity
 * parents first, writes the ledger, checks the books and the money. A run whose books
 * do not balance is recorded as failed. Mapping runs on a thread of its own while this
 * one loads; each batch is loaded with its ledger and checkpoint in one transaction, so
 * a run killed at any moment resumes where it stopped when started again (`resume`).
 */
export async function runMigration(session: ProjectSession, req: RunRequest): Promise<RunResult> {
  const { snapshot, spec, env, target } = req;
  const store = await session.store();
  const key = await session.key();
  const clock = session.clock;
  const schemaFile = (await session.config()).target.schema;
  const place = environmentPlace(await session.config(), env);
  // a live environment is refused before anything is read, wiped or recorded
  await refuseLiveEnvironment(session, place, target);
  if (place.systemOwned && req.fresh) {
    throw new CutoverError(
      'env_owned',
      `Environment "${env}" loads schema ${place.schema}, the new system's own database, which Cutover never wipes, so --fresh is refused. Run without --fresh: an interrupted run carries on where it stopped.`,
    );
  }
  // a final run loads only what the customer signed off, unless the team decides otherwise, on the record
  if (place.stage === 'production') await passGate(session, env, snapshot, req.overrideGate);
  // a table missing or sealed under another key is refused before anything is wiped or loaded
  await verifyManifest(session.layout, snapshot, key, spec.entities.map((e) => e.source));
  // every imported erasure list applies, and retention counts from the day the snapshot was collected
  const privacy = await privacyRules(session, key, req.snapshot);
  const entitySpecs = checkSpecFitsSnapshot(session, req, key, privacy);
  const schemaSql = await readTargetSchema(await projectFilePath(session.layout.root, schemaFile, 'target.schema'), schemaFile);

  const interrupted = await findInterruptedRun(store.db, env);
  const resumed = interrupted !== undefined && req.resume && sameWork(interrupted, req);
  // before an interrupted run is given up, so it can still be carried on
  if (!resumed && place.systemOwned) await refuseSecondLoad(target, place);
  if (interrupted !== undefined && !resumed) await abandon(session, store, interrupted.id);
  if (!resumed && !req.fresh && !place.systemOwned) await refuseLoadedEnvironment(target.db, env);
  const runId = resumed
    ? interrupted.id
    : await startRun(store.db, {
      env, target: target.label, snapshotId: snapshot.id, snapshotHash: snapshot.hash, specFile: spec.file, specHash: spec.hash, specFiles: req.specFiles, at: clock(),
    });
  await session.audit(resumed ? 'run.resumed' : 'run.started', `run ${runId}`, {
    env, target: target.label, snapshot: snapshot.id, snapshotHash: snapshot.hash, spec: spec.file, specHash: spec.hash,
  });
  const bookkeeping = bookkeepingFor(target, env, runId);
  const entities: EntityBooks[] = [];
  let money: MoneyLine[] = [];
  let error: string | null = null;
  let attention: RejectAttention[] = [];
  let thread: MappingThread | undefined;
  try {
    const checkpoints = resumed ? await readCheckpoints(bookkeeping) : new Map<string, { rowsRead: number; done: boolean }>();
    if (checkpoints.size === 0 && place.systemOwned) {
      // the new system's own tables: checked, never created; ids reserved in its sequences
      await target.db.transaction(async (tx) => {
        const sequenced = await checkSystemTables(tx, place, spec.entities);
        const rowsOf = (e: EntitySpec) => snapshot.tables.find((t) => t.name === e.source)?.rows ?? 0;
        const starts = await reserveIds(tx, place, entitySpecs, sequenced, rowsOf);
        await startBookkeeping(tx, bookkeeping, entitySpecs.map((e) => e.name), clock(), true);
        await saveTableStarts(tx, bookkeeping, starts);
      });
    } else if (checkpoints.size === 0) {
      // nothing of this run is in the environment yet: start it afresh
      await recreateEnvironment(target.db, env, schemaSql, schemaFile, spec.entities, (tx) =>
        startBookkeeping(tx, bookkeeping, entitySpecs.map((e) => e.name), clock()));
    }
    const starts = await readTableStarts(bookkeeping);
    const firstIds = Object.fromEntries([...starts.values()].flatMap((t) => (t.firstId === null ? [] : [[t.table, t.firstId]])));
    const refused = resumed ? await readRefusedKeys(bookkeeping) : new Map<string, string[]>();
    await clearEntityBooks(store.db, runId);
    thread = startMappingThread({
      layout: session.layout, snapshot, key: key.forThread(), specFiles: req.specFiles,
      checkpoints: Object.fromEntries(checkpoints), refused: Object.fromEntries(refused),
      ...(req.batchRows === undefined ? {} : { batchRows: req.batchRows }),
      firstIds,
      dedupRulings: await dedupRulingsOf(store.db, entitySpecs),
      privacy,
      fingerprintKinds: await fingerprintKindsOf(target.db, place.schema, entitySpecs),
    });
    const idRanges = new Map<string, { firstId: number | null; lastId: number | null }>();
    // a batch and its checkpoint commit together, so a lost commit is redone on resume, never half-kept
    if (target.capabilities.lazyCommit) await target.db.exec('SET synchronous_commit TO off');
    let progressSaved = 0;
    for (const [position, entity] of entitySpecs.entries()) {
      const started = performance.now();
      const table = { schema: place.schema, table: entity.table };
      const columns = [...(entity.generateId ? ['id'] : []), ...entity.fields.map((f) => f.name)];
      const total = snapshot.tables.find((t) => t.name === entity.source)?.rows ?? 0;
      req.onProgress?.({ entity: entity.name, rows: checkpoints.get(entity.name)?.rowsRead ?? 0, total, done: false });
      let batch: MappedBatch;
      do {
        batch = await thread.nextBatch();
        if (batch.entity !== entity.name) throw new Error(`the mapping thread sent ${batch.entity} where ${entity.name} was expected`);
        thread.loaded(entity.name, await loadBatch({ bookkeeping, table, columns, at: clock }, batch));
        req.onProgress?.({ entity: entity.name, rows: batch.sourceRows, total, done: batch.done });
        const stopping = session.signal?.aborted === true && !batch.done;
        // the server holds the checkpoints; the store's copy is for people to look at: once a second is plenty
        if (target.capabilities.bookkeeping === 'own-schema' && (batch.done || stopping || performance.now() - progressSaved >= 1000)) {
          await saveProgressInStore(store.db, runId, entity.name, batch.sourceRows, batch.done, clock());
          progressSaved = performance.now();
        }
        if (stopping) throw new CutoverError('cancelled', 'The run was stopped before it finished; run the same command again to carry on where it stopped.');
        // the embedded database never recovers from a full disk: stop at a checkpoint before it
        await ensureDiskRoom(session.layout.databaseDir, diskReserve(session.env), 'the run');
      } while (!batch.done);
      idRanges.set(entity.name, { firstId: batch.firstId, lastId: batch.lastId });
      // rows are counted in the target itself, less those of earlier entities loading the same table
      const earlier = entities.filter((e) => e.table === entity.table).reduce((sum, e) => sum + e.loaded, 0);
      const books: Books = { source: batch.sourceRows, loaded: (await countRows(target.db, table, entity, starts.get(entity.table))) - earlier, ...(await countEntityLedger(bookkeeping, entity.name)) };
      const line: EntityBooks = {
        entity: entity.name, file: batch.file, table: entity.table, ...books,
        balanced: booksBalance(books), seconds: (performance.now() - started) / 1000,
      };
      entities.push(line);
      await saveEntityBooks(store.db, runId, position, line);
    }
    if (target.capabilities.lazyCommit) await target.db.exec('RESET synchronous_commit');
    await copyBookkeepingToStore(bookkeeping, store.db);
    const sums = (await thread.finished()).money;
    money = await checkMoney({ target: target.db, schema: place.schema, entities: entitySpecs, idRanges, source: sums });
    await saveMoneyLines(store.db, runId, money);
    const unbalanced = entities.filter((e) => !e.balanced);
    const moneyOff = money.filter((m) => !m.balanced);
    if (unbalanced.length > 0) {
      error = `The books do not balance for ${unbalanced.map((e) => `${e.entity} (${countWords(booksDifference(e), 'row')} unaccounted for)`).join(', ')}.`;
    } else if (moneyOff.length > 0) {
      error = `The money does not add up for ${moneyOff.map((m) => `${m.entity}.${m.field} ${m.group}`).join(', ')}.`;
    }
    // loaded and balanced, but a run that rejected more than its spec allows is not a success
    if (error === null) attention = await entitiesPastRejectLimits(store.db, runId, entitySpecs, entities);
  } catch (cause) {
    if (resumable.some((code) => isCutoverError(cause, code))) {
      // stopped on purpose, or by the machine: left as running, so the same command carries on from the last checkpoint
      await session.audit('run.interrupted', `run ${runId}`, { env });
      throw cause;
    }
    error = cause instanceof CutoverError ? cause.message : `The run stopped: ${(cause as Error).message}`;
    // what was loaded stays accounted for in the store, even for a run that failed
    await copyBookkeepingToStore(bookkeeping, store.db).catch(() => {});
    await finish(session, store, req, runId, 'failed', error, entities, money);
    throw cause;
  } finally {
    await thread?.stop();
  }
  if (error === null && place.stage === 'production') {
    // the target first: a run stopped between the two is recorded by the next attempt (see refuseLiveEnvironment)
    await markLiveInTarget(place, target, runId, clock());
    await recordLive(session, place, target, runId, clock());
  }
  const status = error !== null ? 'failed' : attention.length > 0 ? 'needs_attention' : 'succeeded';
  return finish(session, store, req, runId, status, error, entities, money, attention);
}

/** Per entity with ids of its own, how its target columns are fingerprinted, from the target's catalog. */
async function fingerprintKindsOf(db: Database, schema: string, entities: readonly EntitySpec[]): Promise<Record<string, FingerprintKind[]>> {
  const kinds: Record<string, FingerprintKind[]> = {};
  for (const e of entities) {
    if (e.generateId) kinds[e.name] = await fingerprintKinds(db, { schema, table: e.table }, e.fields.map((f) => f.name));
  }
  return kinds;
}

// why a run may stop without failing: the same command carries on once the cause is gone
const resumable = ['cancelled', 'disk_full', 'connection_lost'] as const;

/** Compiles every entity against the snapshot's columns, so a spec that does not fit fails before anything loads. */
function checkSpecFitsSnapshot(session: ProjectSession, req: RunRequest, key: SnapshotKey, privacy: PrivacyRules): EntitySpec[] {
  const { snapshot, spec } = req;
  const problems: SpecError[] = [];
  const entities = loadOrder(spec);
  for (const entity of entities) {
    if (!snapshot.tables.some((t) => t.name === entity.source)) {
      throw new CutoverError(
        'source_missing',
        `${entity.where.file} line ${entity.where.line}: entity ${entity.name} reads ${entity.source}, which is not in snapshot ${snapshot.id} (it holds: ${snapshot.tables.map((t) => t.name).join(', ')}).`,
      );
    }
    const source = snapshotTableSource(session.layout, snapshot, entity.source, key);
    try {
      compileEntity(entity, source.columns, source.name, { privacy });
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      problems.push(error);
    }
  }
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new SpecError(problems.flatMap((p) => p.problems));
  return entities;
}

/** A run carries on only with the same snapshot, spec and target it started with; an interrupted gap migration is carried on by a gap. */
function sameWork(run: RunFacts, req: RunRequest): boolean {
  return run.kind !== 'gap' && run.snapshotHash === req.snapshot.hash && run.specHash === req.spec.hash && run.target === req.target.label;
}

async function abandon(session: ProjectSession, store: ProjectStore, runId: number): Promise<void> {
  const error = 'This run was interrupted and not carried on: the next run asked for a fresh start, or for another snapshot, spec or target.';
  await finishRun(store.db, runId, 'failed', error, session.clock());
  await session.audit('run.abandoned', `run ${runId}`, { error });
}

async function readTargetSchema(path: string, file: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    throw new CutoverError('target_schema', `The target's schema script ${file} could not be read (${(cause as Error).message}).`, { cause });
  }
}

async function finish(
  session: ProjectSession,
  store: ProjectStore,
  req: RunRequest,
  runId: number,
  status: RunStatus,
  error: string | null,
  entities: readonly EntityBooks[],
  money: readonly MoneyLine[],
  attention: readonly RejectAttention[] = [],
): Promise<RunResult> {
  await finishRun(store.db, runId, status, error, session.clock());
  // a run that loaded its environment supersedes the earlier ones: their key maps go, their books stay
  const freed = status === 'failed' ? undefined : await dropSupersededKeyMaps(store.db, session.clock(), req.env);
  await session.audit('run.finished', `run ${runId}`, {
    status, error, snapshotHash: req.snapshot.hash, specHash: req.spec.hash,
    books: Object.fromEntries(entities.map((e) => [e.entity, { source: e.source, loaded: e.loaded, rejected: e.rejected, excluded: e.excluded, merged: e.merged }])),
    ...(attention.length === 0 ? {} : { pastRejectLimits: attention.map((a) => a.entity) }),
    ...(freed === undefined || freed.runs.length === 0 ? {} : { keyMapsDropped: freed.runs }),
  });
  return {
    runId, env: req.env, target: req.target.label, status, error, entities, money, ...(attention.length === 0 ? {} : { attention }),
    ...(freed === undefined || freed.runs.length === 0 ? {} : { keyMapsFreed: freed }),
  };
}

/**
 * The rows of a table this run loaded: all of them in a schema of the run's own; in the
 * new system's, those in the run's block of ids, or what is there beyond the rows it held.
 */
async function countRows(target: Database, table: QualifiedName, entity: EntitySpec, start: TableStart | undefined): Promise<number> {
  const inBlock = start !== undefined && start.firstId !== null && entity.generateId;
  const [row] = await target.query<{ n: string }>(
    `SELECT count(*) AS n FROM ${quoteQualified(table)}${inBlock ? ' WHERE id BETWEEN $1 AND $2' : ''}`,
    inBlock ? [start.firstId, start.firstId! + start.ids - 1] : [],
  );
  return Number(row?.n ?? 0) - (start === undefined || inBlock ? 0 : start.rowsBefore);
}

/**
 * Refuses a second load into the new system's own schema: the rows an earlier run loaded
 * are there for good, and loading again would duplicate them.
 */
async function refuseSecondLoad(target: Target, place: EnvironmentPlace): Promise<void> {
  // no run of this attempt yet: every run that loaded rows is an earlier one
  const earlier = await earlierLoadingRun(bookkeepingFor(target, place.env, -1), place.env);
  if (earlier === undefined) return;
  throw new CutoverError(
    'env_loaded',
    `Environment "${place.env}" (schema ${place.schema} of ${target.label}, the new system's own) already holds the rows run ${earlier} loaded, and Cutover never wipes it: ` +
      'loading again would duplicate them. If that run was stopped part-way, carry it on with the snapshot and spec it started with; otherwise have its rows removed from the new system first.',
  );
}

/** The rulings made in review on each deduplicated entity, for the mapping thread to cluster with. */
async function dedupRulingsOf(db: Database, entities: readonly EntitySpec[]): Promise<Record<string, KeyRuling[]>> {
  const out: Record<string, KeyRuling[]> = {};
  for (const e of entities) {
    if (e.dedup !== undefined) out[e.name] = (await readDedupRulings(db, e.name)).map((r) => ({ a: r.a, b: r.b, ruling: r.ruling }));
  }
  return out;
}
