import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { quoteQualified, type Database, type QualifiedName } from '../connectors/database.js';
import type { SourceTable } from '../connectors/source.js';
import { CutoverError } from '../core/cutover-error.js';
import { booksBalance, booksDifference, type Books } from '../core/ledger.js';
import { compileEntity, type CompiledEntity } from '../core/mapping/index.js';
import { loadOrder, SpecError, type EntitySpec, type Spec } from '../core/spec/index.js';
import type { ProjectConfig } from '../core/project-config.js';
import { appendAudit } from '../store/audit-log.js';
import type { ProjectStore } from '../store/project-store.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import type { SnapshotKey } from '../store/sealed/index.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import { verifySnapshot } from '../store/snapshot-verify.js';
import { environmentSchema, recreateEnvironment, refuseLoadedEnvironment } from './environment.js';
import { IdAllocator, loadEntity, type KeyMaps } from './entity-loader.js';
import { LedgerWriter } from './ledger-writer.js';
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
  /** where the target tables live: the store's own database for an embedded environment */
  readonly target: Database;
  readonly actor: string;
  readonly clock: () => Date;
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: RunProgress) => void;
}

interface PreparedEntity {
  readonly entity: EntitySpec;
  readonly compiled: CompiledEntity;
  readonly source: SourceTable;
}

/**
 * Runs a snapshot through a spec into a test environment: wipes it, loads every entity
 * parents first, writes the ledger, checks the books and the money. A run whose books
 * do not balance is recorded as failed.
 */
export async function runMigration(req: RunRequest): Promise<RunResult> {
  const { store, snapshot, spec, env, target } = req;
  const schemaFile = req.config.target.schema;
  await verifySnapshot(store.layout, snapshot, req.key);
  const prepared = await prepareEntities(req);
  const schemaSql = await readTargetSchema(join(store.layout.root, schemaFile), schemaFile);
  if (!req.fresh) await refuseLoadedEnvironment(target, env);

  const runId = await startRun(req);
  await appendAudit(store.db, {
    at: req.clock(), actor: req.actor, action: 'run.started', subject: `run ${runId}`,
    details: { env, target: target.label, snapshot: snapshot.id, snapshotHash: snapshot.hash, spec: spec.file, specHash: spec.hash },
  });
  const entities: EntityBooks[] = [];
  let money: MoneyLine[] = [];
  let error: string | null = null;
  try {
    await recreateEnvironment(target, env, schemaSql, schemaFile, spec.entities);
    const keyMaps: KeyMaps = new Map();
    const ids = new IdAllocator();
    const ledger = new LedgerWriter(store.db, runId);
    const idRanges = new Map<string, { firstId: number | null; lastId: number | null }>();
    for (const [position, p] of prepared.entries()) {
      const started = performance.now();
      const table = { schema: environmentSchema(env), table: p.entity.table };
      const before = await countRows(target, table);
      const total = snapshot.tables.find((t) => t.name === p.entity.source)?.rows ?? 0;
      req.onProgress?.({ entity: p.entity.name, rows: 0, total, done: false });
      const result = await loadEntity({
        entity: p.entity,
        compiled: p.compiled,
        file: p.source.name,
        width: p.source.columns.length,
        rows: p.source.rows(req.signal),
        target,
        table,
        ledger,
        keyMaps,
        ids,
        ...(req.signal ? { signal: req.signal } : {}),
        onBatch: async (rows) => {
          req.onProgress?.({ entity: p.entity.name, rows, total, done: false });
          await saveProgress(store.db, runId, p.entity.name, rows, false, req.clock());
        },
      });
      idRanges.set(p.entity.name, result);
      const inTarget = (await countRows(target, table)) - before;
      const books = await countBooks(store.db, runId, p.entity.name, result.books.source, inTarget);
      const line: EntityBooks = {
        entity: p.entity.name, file: p.source.name, table: p.entity.table, ...books,
        balanced: booksBalance(books), seconds: (performance.now() - started) / 1000,
      };
      entities.push(line);
      await store.db.query(
        `INSERT INTO cutover.run_entity (run_id, entity, position, source_file, target_table, source, loaded, rejected, excluded, merged, seconds)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [runId, line.entity, position, line.file, line.table, line.source, line.loaded, line.rejected, line.excluded, line.merged, line.seconds.toFixed(3)],
      );
      req.onProgress?.({ entity: p.entity.name, rows: books.source, total, done: true });
      await saveProgress(store.db, runId, p.entity.name, books.source, true, req.clock());
      if (books.loaded !== result.books.loaded) {
        error = `${p.entity.name}: ${result.books.loaded} rows were sent to the target but it holds ${books.loaded}.`;
      }
    }
    money = await checkMoney({ store: store.db, target, runId, env, entities: prepared, idRanges, keyMaps });
    const unbalanced = entities.filter((e) => !e.balanced);
    const moneyOff = money.filter((m) => !m.balanced);
    if (unbalanced.length > 0) {
      error = `The books do not balance for ${unbalanced.map((e) => `${e.entity} (${booksDifference(e)} rows unaccounted for)`).join(', ')}.`;
    } else if (moneyOff.length > 0) {
      error = `The money does not add up for ${moneyOff.map((m) => `${m.entity}.${m.field} ${m.group}`).join(', ')}.`;
    }
  } catch (cause) {
    error = cause instanceof CutoverError ? cause.message : `The run stopped: ${(cause as Error).message}`;
    await finishRun(req, runId, 'failed', error, entities, money);
    throw cause;
  }
  return finishRun(req, runId, error === null ? 'succeeded' : 'failed', error, entities, money);
}

async function prepareEntities(req: RunRequest): Promise<PreparedEntity[]> {
  const { store, snapshot, spec } = req;
  const problems: SpecError[] = [];
  const prepared: PreparedEntity[] = [];
  for (const entity of loadOrder(spec)) {
    if (!snapshot.tables.some((t) => t.name === entity.source)) {
      throw new CutoverError(
        'source_missing',
        `${entity.where.file} line ${entity.where.line}: entity ${entity.name} reads ${entity.source}, which is not in snapshot ${snapshot.id} (it holds: ${snapshot.tables.map((t) => t.name).join(', ')}).`,
      );
    }
    const source = snapshotTableSource(store.layout, snapshot, entity.source, req.key);
    try {
      prepared.push({ entity, compiled: compileEntity(entity, source.columns, source.name), source });
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      problems.push(error);
    }
  }
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new SpecError(problems.flatMap((p) => p.problems));
  return prepared;
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

/** The books as the databases hold them: loaded rows counted in the target, the rest in the ledger. */
async function countBooks(store: Database, runId: number, entity: string, source: number, loaded: number): Promise<Books> {
  const outcomes = await store.query<{ outcome: string; n: string }>(
    'SELECT outcome, count(*) AS n FROM cutover.ledger_entry WHERE run_id = $1 AND entity = $2 GROUP BY outcome',
    [runId, entity],
  );
  const count = (o: string) => Number(outcomes.find((r) => r.outcome === o)?.n ?? 0);
  return { source, loaded, rejected: count('rejected'), excluded: count('excluded'), merged: count('merged') };
}

async function saveProgress(store: Database, runId: number, entity: string, rows: number, done: boolean, at: Date): Promise<void> {
  await store.query(
    `INSERT INTO cutover.run_progress (run_id, entity, rows_read, done, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (run_id, entity) DO UPDATE SET rows_read = excluded.rows_read, done = excluded.done, updated_at = excluded.updated_at`,
    [runId, entity, rows, done, at.toISOString()],
  );
}

async function countRows(target: Database, table: QualifiedName): Promise<number> {
  const [row] = await target.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteQualified(table)}`);
  return Number(row?.n ?? 0);
}
