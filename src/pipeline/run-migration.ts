import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { quoteQualified, type Database, type QualifiedName } from '../connectors/database.js';
import { CutoverError, isCutoverError } from '../core/cutover-error.js';
import { booksBalance, booksDifference, type Books } from '../core/ledger.js';
import { compileEntity } from '../core/mapping/index.js';
import { loadOrder, SpecError, type EntitySpec, type Spec } from '../core/spec/index.js';
import type { ProjectConfig } from '../core/project-config.js';
import { appendAudit } from '../store/audit-log.js';
import type { ProjectStore } from '../store/project-store.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import type { SnapshotKey } from '../store/sealed/index.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import { verifyManifest } from '../store/snapshot-verify.js';
import { environmentSchema, recreateEnvironment, refuseLoadedEnvironment } from './environment.js';
import {
  bookkeepingFor, copyBookkeepingToStore, countLedger, keptInStore, loadBatch, readCheckpoints, readRefusedKeys, saveCheckpoint, startBookkeeping,
} from './bookkeeping.js';
import type { MappedBatch } from './entity-mapper.js';
import { startMappingThread, type MappingThread } from './mapping-thread.js';
import { checkMoney, type MoneyLine } from './money-check.js';

/** One entity's line in a run's books. */
export interface EntityBooks extends Books {
  readonly entity: string;
  readonly file: string;
  readonly table: string;
  readonly balanced: boolean;
  readonly seconds: number;
}

/** What a run did: its books per entity and its money, and whether it passed. */
export interface RunResult {
  readonly runId: number;
  readonly env: string;
  readonly target: string;
  readonly status: 'succeeded' | 'failed';
  readonly error: string | null;
  readonly entities: readonly EntityBooks[];
  readonly money: readonly MoneyLine[];
}

/** Where a run has got to in one entity; `total` is the source's row count from the snapshot. */
export interface RunProgress {
  readonly entity: string;
  readonly rows: number;
  readonly total: number;
  readonly done: boolean;
}

/** Everything a run needs, already opened and validated. */
export interface RunRequest {
  readonly store: ProjectStore;
  readonly config: ProjectConfig;
  readonly snapshot: SnapshotManifest;
  readonly key: SnapshotKey;
  readonly spec: Spec;
  /** the spec's files as read, kept with the run */
  readonly specFiles: readonly { readonly file: string; readonly text: string }[];
  readonly env: string;
  /** wipe an environment that already holds data; without it such a run is refused */
  readonly fresh: boolean;
  /** carry on an interrupted run of this environment with the same snapshot, spec and target, instead of starting afresh */
  readonly resume: boolean;
  /** where the target tables live: the store's own database for an embedded environment */
  readonly target: Database;
  readonly actor: string;
  readonly clock: () => Date;
  readonly signal?: AbortSignal;
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
export async function runMigration(req: RunRequest): Promise<RunResult> {
  const { store, snapshot, spec, env, target } = req;
  const schemaFile = req.config.target.schema;
  await verifyManifest(store.layout, snapshot, req.key);
  const entitySpecs = await checkSpecFitsSnapshot(req);
  const schemaSql = await readTargetSchema(join(store.layout.root, schemaFile), schemaFile);

  const interrupted = await findInterruptedRun(store.db, env);
  const resumed = interrupted !== undefined && req.resume && sameWork(interrupted, req);
  if (interrupted !== undefined && !resumed) await abandonRun(req, interrupted.id);
  if (!resumed && !req.fresh) await refuseLoadedEnvironment(target, env);
  const runId = resumed ? interrupted.id : await startRun(req);
  await appendAudit(store.db, {
    at: req.clock(), actor: req.actor, action: resumed ? 'run.resumed' : 'run.started', subject: `run ${runId}`,
    details: { env, target: target.label, snapshot: snapshot.id, snapshotHash: snapshot.hash, spec: spec.file, specHash: spec.hash },
  });
  const bookkeeping = bookkeepingFor(target, store.db, env, runId);
  const entities: EntityBooks[] = [];
  let money: MoneyLine[] = [];
  let error: string | null = null;
  let thread: MappingThread | undefined;
  try {
    const checkpoints = resumed ? await readCheckpoints(bookkeeping) : new Map<string, { rowsRead: number; done: boolean }>();
    if (checkpoints.size === 0) {
      // nothing of this run is in the environment yet: start it afresh
      await recreateEnvironment(target, env, schemaSql, schemaFile, spec.entities, (tx) =>
        startBookkeeping(tx, bookkeeping, entitySpecs.map((e) => e.name), req.clock()));
    }
    const refused = resumed ? await readRefusedKeys(bookkeeping) : new Map<string, string[]>();
    await store.db.query('DELETE FROM cutover.run_entity WHERE run_id = $1', [runId]);
    thread = startMappingThread({
      layout: store.layout, snapshot, key: req.key.forThread(), specFiles: req.specFiles,
      checkpoints: Object.fromEntries(checkpoints), refused: Object.fromEntries(refused),
      ...(req.batchRows === undefined ? {} : { batchRows: req.batchRows }),
    });
    const idRanges = new Map<string, { firstId: number | null; lastId: number | null }>();
    for (const [position, entity] of entitySpecs.entries()) {
      const started = performance.now();
      const table = { schema: environmentSchema(env), table: entity.table };
      const columns = [...(entity.generateId ? ['id'] : []), ...entity.fields.map((f) => f.name)];
      const total = snapshot.tables.find((t) => t.name === entity.source)?.rows ?? 0;
      req.onProgress?.({ entity: entity.name, rows: checkpoints.get(entity.name)?.rowsRead ?? 0, total, done: false });
      let batch: MappedBatch;
      do {
        batch = await thread.nextBatch();
        if (batch.entity !== entity.name) throw new Error(`the mapping thread sent ${batch.entity} where ${entity.name} was expected`);
        thread.loaded(entity.name, await loadBatch({ bookkeeping, table, columns, at: req.clock }, batch));
        if (!keptInStore(bookkeeping)) await saveCheckpoint(store.db, { schema: 'cutover', runId }, entity.name, batch.sourceRows, batch.done, req.clock());
        req.onProgress?.({ entity: entity.name, rows: batch.sourceRows, total, done: batch.done });
        if (req.signal?.aborted && !batch.done) throw new CutoverError('cancelled', 'The run was stopped before it finished; run the same command again to carry on where it stopped.');
      } while (!batch.done);
      idRanges.set(entity.name, { firstId: batch.firstId, lastId: batch.lastId });
      // rows are counted in the target itself, less those of earlier entities loading the same table
      const earlier = entities.filter((e) => e.table === entity.table).reduce((sum, e) => sum + e.loaded, 0);
      const books: Books = { source: batch.sourceRows, loaded: (await countRows(target, table)) - earlier, ...(await countLedger(bookkeeping, entity.name)) };
      const line: EntityBooks = {
        entity: entity.name, file: batch.file, table: entity.table, ...books,
        balanced: booksBalance(books), seconds: (performance.now() - started) / 1000,
      };
      entities.push(line);
      await store.db.query(
        `INSERT INTO cutover.run_entity (run_id, entity, position, source_file, target_table, source, loaded, rejected, excluded, merged, seconds)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [runId, line.entity, position, line.file, line.table, line.source, line.loaded, line.rejected, line.excluded, line.merged, line.seconds.toFixed(3)],
      );
    }
    await copyBookkeepingToStore(bookkeeping, store.db);
    const sums = (await thread.finished()).money;
    money = await checkMoney({ store: store.db, target, runId, env, entities: entitySpecs, idRanges, source: sums });
    const unbalanced = entities.filter((e) => !e.balanced);
    const moneyOff = money.filter((m) => !m.balanced);
    if (unbalanced.length > 0) {
      error = `The books do not balance for ${unbalanced.map((e) => `${e.entity} (${booksDifference(e)} rows unaccounted for)`).join(', ')}.`;
    } else if (moneyOff.length > 0) {
      error = `The money does not add up for ${moneyOff.map((m) => `${m.entity}.${m.field} ${m.group}`).join(', ')}.`;
    }
  } catch (cause) {
    if (isCutoverError(cause, 'cancelled')) {
      // stopped on purpose: left as running, so the same command carries on from the last checkpoint
      await appendAudit(store.db, { at: req.clock(), actor: req.actor, action: 'run.interrupted', subject: `run ${runId}`, details: { env } });
      throw cause;
    }
    error = cause instanceof CutoverError ? cause.message : `The run stopped: ${(cause as Error).message}`;
    // what was loaded stays accounted for in the store, even for a run that failed
    await copyBookkeepingToStore(bookkeeping, store.db).catch(() => {});
    await finishRun(req, runId, 'failed', error, entities, money);
    throw cause;
  } finally {
    await thread?.stop();
  }
  return finishRun(req, runId, error === null ? 'succeeded' : 'failed', error, entities, money);
}

/** Compiles every entity against the snapshot's columns, so a spec that does not fit fails before anything loads. */
async function checkSpecFitsSnapshot(req: RunRequest): Promise<EntitySpec[]> {
  const { store, snapshot, spec } = req;
  const problems: SpecError[] = [];
  const entities = loadOrder(spec);
  for (const entity of entities) {
    if (!snapshot.tables.some((t) => t.name === entity.source)) {
      throw new CutoverError(
        'source_missing',
        `${entity.where.file} line ${entity.where.line}: entity ${entity.name} reads ${entity.source}, which is not in snapshot ${snapshot.id} (it holds: ${snapshot.tables.map((t) => t.name).join(', ')}).`,
      );
    }
    const source = snapshotTableSource(store.layout, snapshot, entity.source, req.key);
    try {
      compileEntity(entity, source.columns, source.name);
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      problems.push(error);
    }
  }
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new SpecError(problems.flatMap((p) => p.problems));
  return entities;
}

interface InterruptedRun {
  readonly id: number;
  readonly target: string;
  readonly snapshot_hash: string;
  readonly spec_hash: string;
}

/** The environment's run still marked running: with the project locked, one that was killed. */
async function findInterruptedRun(store: Database, env: string): Promise<InterruptedRun | undefined> {
  const [row] = await store.query<{ id: string; target: string; snapshot_hash: string; spec_hash: string }>(
    "SELECT id, target, snapshot_hash, spec_hash FROM cutover.run WHERE env = $1 AND status = 'running' ORDER BY id DESC LIMIT 1",
    [env],
  );
  return row === undefined ? undefined : { ...row, id: Number(row.id) };
}

/** A run carries on only with the same snapshot, spec and target it started with. */
function sameWork(run: InterruptedRun, req: RunRequest): boolean {
  return run.snapshot_hash === req.snapshot.hash && run.spec_hash === req.spec.hash && run.target === req.target.label;
}

async function abandonRun(req: RunRequest, runId: number): Promise<void> {
  const error = 'This run was interrupted and not carried on: the next run asked for a fresh start, or for another snapshot, spec or target.';
  await req.store.db.query("UPDATE cutover.run SET status = 'failed', error = $2, finished_at = $3 WHERE id = $1", [runId, error, req.clock().toISOString()]);
  await appendAudit(req.store.db, { at: req.clock(), actor: req.actor, action: 'run.abandoned', subject: `run ${runId}`, details: { error } });
}

async function readTargetSchema(path: string, file: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    throw new CutoverError('target_schema', `The target's schema script ${file} could not be read (${(cause as Error).message}).`, { cause });
  }
}

async function startRun(req: RunRequest): Promise<number> {
  const [row] = await req.store.db.query<{ id: string }>(
    `INSERT INTO cutover.run (id, env, target, snapshot_id, snapshot_hash, spec_file, spec_hash, spec_files, started_at, status)
     SELECT coalesce(max(id), 0) + 1, $1, $2, $3, $4, $5, $6, $7, $8, 'running' FROM cutover.run RETURNING id`,
    [req.env, req.target.label, req.snapshot.id, req.snapshot.hash, req.spec.file, req.spec.hash, JSON.stringify(req.specFiles), req.clock().toISOString()],
  );
  return Number(row!.id);
}

async function finishRun(
  req: RunRequest,
  runId: number,
  status: 'succeeded' | 'failed',
  error: string | null,
  entities: readonly EntityBooks[],
  money: readonly MoneyLine[],
): Promise<RunResult> {
  await req.store.db.query('UPDATE cutover.run SET status = $2, error = $3, finished_at = $4 WHERE id = $1', [runId, status, error, req.clock().toISOString()]);
  await appendAudit(req.store.db, {
    at: req.clock(), actor: req.actor, action: 'run.finished', subject: `run ${runId}`,
    details: {
      status, error, snapshotHash: req.snapshot.hash, specHash: req.spec.hash,
      books: Object.fromEntries(entities.map((e) => [e.entity, { source: e.source, loaded: e.loaded, rejected: e.rejected, excluded: e.excluded, merged: e.merged }])),
    },
  });
  return { runId, env: req.env, target: req.target.label, status, error, entities, money };
}

async function countRows(target: Database, table: QualifiedName): Promise<number> {
  const [row] = await target.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteQualified(table)}`);
  return Number(row?.n ?? 0);
}
