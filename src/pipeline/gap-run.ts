import type { Target } from '../connectors/target.js';
import { CutoverError, isCutoverError } from '../core/cutover-error.js';
import type { RowChange, TableDiffSummary } from '../core/diff/index.js';
import { gapBooks, gapBooksDifference, type GapAction, type GapBooks } from '../core/gap/gap-books.js';
import { booksBalance, booksDifference } from '../core/ledger.js';
import type { PrivacyRules } from '../core/privacy/index.js';
import { privacyRules } from './erasure.js';
import { compileEntity, displayKey, mergeKeyOf, type CompiledEntity, type MappingContext } from '../core/mapping/index.js';
import type { EntityBooks, RunFacts } from '../core/run-result.js';
import { loadOrder, type EntitySpec, type Spec } from '../core/spec/index.js';
import { bookkeepingFor, copyBookkeepingToStore, readCheckpoints, saveProgressInStore, startBookkeeping, type Bookkeeping } from '../store/bookkeeping.js';
import {
  appliedGap, copyGapChangesToStore, lastLoadingRun, readEntityLedger, readGapChanges, readKeyMapPages, recordGapChanges, saveGapBooks, type GapChange,
} from '../store/gap-records.js';
import type { ProjectStore } from '../store/project-store.js';
import { clearEntityBooks, findInterruptedRun, finishRun, readRunFacts, saveEntityBooks, startRun } from '../store/run-records.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import { readSnapshot } from '../store/snapshot-store.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import { verifyManifest } from '../store/snapshot-verify.js';
import { checkTargetTables, environmentPlace, type EnvironmentPlace } from './environment.js';
import { openEnvironmentTarget } from './environment-target.js';
import { carryEntity } from './gap-carry.js';
import { checkClusters, gapClusters, type GapClusters } from './gap-clusters.js';
import { scanKeys, type KeyScan } from './gap-key-scan.js';
import { EntityKeys, loadEntityKeys } from './gap-keys.js';
import { makeWrites, isRowError, type GapTable, type GapWrite } from './gap-writes.js';
import { reserveIds } from './id-reservation.js';
import { readProjectSpec } from './project-files.js';
import type { ProjectSession } from './project-session.js';
import { diffTable } from './snapshot-diff.js';
import { matchSources } from './snapshot-diff-match.js';
import { checkSystemTables, type SequencedTable } from './system-tables.js';

/** What to carry over: into which environment, from and to which snapshots (by default, what it holds and the latest). */
export interface GapOptions {
  readonly environment: string;
  readonly fromId?: string;
  readonly toId?: string;
  /** a postgres:// URL that replaces the environment's own target */
  readonly targetUrl?: string;
  /** changes per batch (and checkpoint) */
  readonly batchRows?: number;
  readonly onProgress?: (event: { entity: string; changes: number; done: boolean }) => void;
}

/** A finished gap migration: its own books per entity, and the books of the later snapshot as the environment now holds it. */
export interface GapResult {
  readonly runId: number;
  readonly env: string;
  readonly target: string;
  readonly from: string;
  readonly to: string;
  readonly status: 'succeeded' | 'failed';
  readonly error: string | null;
  readonly gap: readonly GapBooks[];
  readonly entities: readonly EntityBooks[];
}

/**
 * Carries over what changed in the legacy system between the snapshot an environment
 * holds and a later one: new rows inserted, changed rows updated in the fields the spec
 * writes, deleted rows kept, deleted or marked as the spec says; a run like any other,
 * allowed into a live environment. Each batch of changes goes in with its record and
 * checkpoint in one transaction, so a gap killed at any moment carries on where it
 * stopped when started again, applying every change once.
 */
export async function gapMigration(session: ProjectSession, o: GapOptions): Promise<GapResult> {
  const { spec, files } = await readProjectSpec(session.layout, await session.config());
  const target = await openEnvironmentTarget(session, o.environment, o.targetUrl);
  try {
    return await runGap(session, spec, files, target, o);
  } finally {
    await target.close();
  }
}

interface Plan {
  readonly change: RowChange;
  readonly seq: number;
  readonly action: GapAction;
  /** the write, when the change makes one; an insert's id is given in the transaction */
  readonly write?: GapWrite;
  readonly reason?: string;
  readonly field?: string | null;
  readonly value?: string | null;
  readonly message?: string;
  readonly survivorKey?: string;
  /** a merge into a row inserted in the same batch: its plan index */
  readonly survivorPlan?: number;
  readonly targetId?: number | null;
}

async function runGap(session: ProjectSession, spec: Spec, specFiles: readonly { file: string; text: string }[], target: Target, o: GapOptions): Promise<GapResult> {
  const store = await session.store();
  const key = await session.key();
  const clock = session.clock;
  const env = o.environment;
  const config = await session.config();
  const place = environmentPlace(config, env);
  const interrupted = await findInterruptedRun(store.db, env);
  if (interrupted !== undefined && interrupted.kind !== 'gap') {
    throw new CutoverError('gap_unloaded', `Environment "${env}" is being loaded by run ${interrupted.id}, which was stopped part-way. Carry it on with cutover run --env ${env} first; a gap migration starts from a whole load.`);
  }
  const heldId = await lastLoadingRun(store.db, env);
  if (heldId === undefined) {
    throw new CutoverError('gap_unloaded', `Environment "${env}" has never been loaded, so there is nothing to carry changes over to. Load it first with cutover run --env ${env}; a gap migration then carries over what changed since.`);
  }
  const held = await readRunFacts(store.db, heldId);
  if (held.target !== target.label) {
    throw new CutoverError('target_mismatch', `Run ${held.id} loaded environment "${env}" into ${held.target}, but this gap would write to ${target.label}. Name the database the environment was loaded into.`);
  }
  const to = await readSnapshot(session.layout, o.toId ?? 'latest');
  const heldSnapshot = await readSnapshot(session.layout, held.snapshotId);
  if (o.fromId !== undefined) {
    const asked = await readSnapshot(session.layout, o.fromId);
    if (asked.id !== held.snapshotId) await refuseWrongFrom(store, env, held, asked.id, to.id);
  }
  if (to.id === held.snapshotId) {
    const gap = held.kind === 'gap' ? ` by the gap migration of run ${held.id} from snapshot ${held.fromSnapshotId}` : ` by run ${held.id}`;
    throw new CutoverError('gap_applied', `Environment "${env}" already holds snapshot ${to.id} (loaded${gap}): there is nothing to carry over. Collect a later snapshot first.`);
  }
  if (held.specHash !== spec.hash) {
    throw new CutoverError('gap_spec_changed', `Environment "${env}" was loaded by run ${held.id} with another version of the spec (${held.specFile}, hash ${held.specHash.slice(0, 12)}) than the one now in the project (hash ${spec.hash.slice(0, 12)}). A gap migration carries changes over through the same rules the environment was loaded with: put the spec back as it was, or load a test environment afresh with the new one.`);
  }
  if (interrupted !== undefined && !(interrupted.fromSnapshotId === held.snapshotId && interrupted.snapshotId === to.id && interrupted.specHash === spec.hash && interrupted.target === target.label)) {
    throw new CutoverError('gap_unfinished', `The gap migration of run ${interrupted.id} into "${env}", from snapshot ${interrupted.fromSnapshotId} to ${interrupted.snapshotId}, was stopped part-way and has changed the new system already. Finish it first: cutover gap --env ${env} --from ${interrupted.fromSnapshotId} --to ${interrupted.snapshotId}.`);
  }
  const resumed = interrupted !== undefined;
  const entities = loadOrder(spec);
  const tables = [...new Set(entities.map((e) => e.source))];
  // snapshots of other sources are refused, naming both, before anything is read or written
  matchSources(heldSnapshot, to);
  await verifyManifest(session.layout, heldSnapshot, key, tables);
  await verifyManifest(session.layout, to, key, tables);
  // every imported erasure list applies, and retention counts from the day the later snapshot was collected
  const privacy = await privacyRules(session, key, to);
  const compiled = new Map(entities.map((e) => [e.name, compileAgainst(session, to, e, key, privacy)]));
  // nothing is written before every check has passed
  const scans = await scanKeys(session, heldSnapshot, to, entities, key);
  const sequenced = place.systemOwned ? await checkSystemTables(target.db, place, entities) : await checkTestTables(target, env, entities, config.target.schema);
  // duplicates as a full run of the later snapshot finds them; a change the environment cannot follow is refused here
  const clusters = new Map<string, GapClusters>();
  for (const entity of entities.filter((e) => e.dedup !== undefined)) {
    const found = await gapClusters(session, to, entity);
    if (!resumed) checkClusters(entity, found, await loadEntityKeys(store.db, held.id, entity.name, []));
    clusters.set(entity.name, found);
  }

  const runId = resumed
    ? interrupted.id
    : await startRun(store.db, {
      env, target: target.label, snapshotId: to.id, snapshotHash: to.hash, specFile: spec.file, specHash: spec.hash, specFiles, at: clock(), gapFrom: held.snapshotId,
    });
  await session.audit(resumed ? 'run.resumed' : 'run.started', `run ${runId}`, {
    kind: 'gap', env, target: target.label, from: held.snapshotId, snapshot: to.id, snapshotHash: to.hash, spec: spec.file, specHash: spec.hash,
  });
  const bookkeeping = bookkeepingFor(target, env, runId);
  try {
    if (!resumed) await target.db.transaction((tx) => startBookkeeping(tx, bookkeeping, [], clock(), true));
    const checkpoints = await readCheckpoints(bookkeeping);
    const done = resumed ? await readGapChanges(target.db, bookkeeping) : [];
    const keys = new Map<string, EntityKeys>();
    for (const entity of entities) keys.set(entity.name, await loadEntityKeys(store.db, held.id, entity.name, done.filter((c) => c.entity === entity.name)));
    const context: MappingContext = { lookup: (parent, k) => keys.get(parent)?.lookup(k), keptOut: (parent, k) => keys.get(parent)?.keptOut(k) };
    await clearEntityBooks(store.db, runId);
    const gap: GapBooks[] = [];
    const lines: EntityBooks[] = [];
    for (const [position, entity] of entities.entries()) {
      const started = performance.now();
      const mine = keys.get(entity.name)!;
      const apply = new EntityApply(session, bookkeeping, place, sequenced, entity, compiled.get(entity.name)!, mine, context, scans.get(entity.name)!, o, clusters.get(entity.name));
      const summary = await apply.run(heldSnapshot, to, checkpoints.get(`gap:${entity.name}`));
      // before its children are applied: rows whose parent is gone no longer find it
      const carried = await carryEntity({
        layout: session.layout, snapshot: to, key, bookkeeping, entity, compiled: compiled.get(entity.name)!, keys: mine, context,
        recheck: entity.parents.some((p) => keys.get(p)!.gone.size > 0), changesSeen: summary.added + summary.changed + summary.deleted,
        alreadyDone: checkpoints.get(entity.name)?.done ?? false, at: clock, table: apply.table, clusters: clusters.get(entity.name),
      });
      if (target.capabilities.bookkeeping === 'own-schema') await saveProgressInStore(store.db, runId, entity.name, carried.source, true, clock());
      const counts: Partial<Record<GapAction, number>> = {};
      for (const c of mine.changes) counts[c.action] = (counts[c.action] ?? 0) + 1;
      const books = gapBooks({ entity: entity.name, file: entity.source, table: entity.table }, summary, counts);
      gap.push(books);
      await saveGapBooks(store.db, runId, position, books);
      const line: EntityBooks = { entity: entity.name, file: entity.source, table: entity.table, ...carried, balanced: booksBalance(carried), seconds: (performance.now() - started) / 1000 };
      lines.push(line);
      await saveEntityBooks(store.db, runId, position, line);
    }
    await copyBookkeepingToStore(bookkeeping, store.db);
    await copyGapChangesToStore(bookkeeping, store.db);
    const off = gap.filter((b) => !b.balanced);
    const heldOff = lines.filter((l) => !l.balanced);
    const error = off.length > 0
      ? `The gap's books do not balance for ${off.map((b) => `${b.entity} (${gapBooksDifference(b)} changes unaccounted for)`).join(', ')}.`
      : heldOff.length > 0
        ? `The books of snapshot ${to.id} as the environment now holds it do not balance for ${heldOff.map((l) => `${l.entity} (${booksDifference(l)} rows unaccounted for)`).join(', ')}.`
        : null;
    const status = error === null ? 'succeeded' : 'failed';
    await finishRun(store.db, runId, status, error, clock());
    await session.audit('run.finished', `run ${runId}`, {
      kind: 'gap', status, error, from: held.snapshotId, snapshotHash: to.hash, specHash: spec.hash,
      gap: Object.fromEntries(gap.map((b) => [b.entity, { added: b.added, changed: b.changed, deleted: b.removedAtSource, inserted: b.inserted, updated: b.updated, removed: b.deleted, kept: b.kept, marked: b.marked, rejected: b.rejected }])),
    });
    return { runId, env, target: target.label, from: held.snapshotId, to: to.id, status, error, gap, entities: lines };
  } catch (cause) {
    // whatever stopped it, what was applied is checkpointed: the same command carries on from there
    await session.audit('run.interrupted', `run ${runId}`, { env, kind: 'gap', error: isCutoverError(cause, 'cancelled') ? null : (cause as Error).message });
    throw cause;
  }
}

/** A `from` that is not what the environment holds: the gap was applied already, or it starts elsewhere. */
async function refuseWrongFrom(store: ProjectStore, env: string, held: RunFacts, asked: string, to: string): Promise<never> {
  const applied = await appliedGap(store.db, env, asked, to);
  if (applied !== undefined) {
    throw new CutoverError('gap_applied', `The gap from snapshot ${asked} to ${to} was applied to environment "${env}" by run ${applied} already; applying it again would repeat every change. The environment now holds snapshot ${held.snapshotId}.`);
  }
  throw new CutoverError('gap_from_mismatch', `Environment "${env}" holds snapshot ${held.snapshotId} (loaded by run ${held.id}), not snapshot ${asked}: a gap carries over the changes from the snapshot the environment holds. Run cutover gap --env ${env} --from ${held.snapshotId}, or leave --from out.`);
}

function compileAgainst(session: ProjectSession, snapshot: SnapshotManifest, entity: EntitySpec, key: Parameters<typeof snapshotTableSource>[3], privacy: PrivacyRules): CompiledEntity {
  if (!snapshot.tables.some((t) => t.name === entity.source)) {
    throw new CutoverError('source_missing', `${entity.where.file} line ${entity.where.line}: entity ${entity.name} reads ${entity.source}, which is not in snapshot ${snapshot.id} (it holds: ${snapshot.tables.map((t) => t.name).join(', ')}).`);
  }
  const source = snapshotTableSource(session.layout, snapshot, entity.source, key);
  // a lookup into the entity itself is filled in once the entity is carried, as a full run's second pass does
  return compileEntity(entity, source.columns, source.name, { deferSelf: true, privacy });
}

async function checkTestTables(target: Target, env: string, entities: readonly EntitySpec[], schemaFile: string): Promise<SequencedTable[]> {
  await checkTargetTables(target.db, env, entities, schemaFile);
  return [];
}

/** Applies one entity's changes, a batch at a time, each with its record and checkpoint in one transaction. */
class EntityApply {
  readonly table: GapTable;
  private readonly mergeIndexes: number[];

  constructor(
    private readonly session: ProjectSession,
    private readonly b: Bookkeeping,
    private readonly place: EnvironmentPlace,
    private readonly sequenced: readonly SequencedTable[],
    private readonly entity: EntitySpec,
    private readonly compiled: CompiledEntity,
    private readonly keys: EntityKeys,
    private readonly context: MappingContext,
    private readonly scan: KeyScan,
    private readonly o: GapOptions,
    private readonly clusters: GapClusters | undefined,
  ) {
    this.table = { table: { schema: place.schema, table: entity.table }, fields: entity.fields.map((f) => f.name), generateId: entity.generateId };
    this.mergeIndexes = (entity.merge?.on ?? []).map((name) => entity.fields.findIndex((f) => f.name === name));
  }

  /** Streams the diff, skipping the changes a checkpoint says are applied; returns the diff's summary. */
  async run(from: SnapshotManifest, to: SnapshotManifest, checkpoint: { rowsRead: number; done: boolean } | undefined): Promise<TableDiffSummary> {
    let summary: TableDiffSummary | undefined;
    const applied = checkpoint?.rowsRead ?? 0;
    if (this.entity.merge !== undefined && !checkpoint?.done) await this.keys.readSurvivors(this.b.db, this.table, this.entity.merge.on);
    const width = snapshotTableSource(this.session.layout, to, this.entity.source, await this.session.key()).columns.length;
    let seq = 0;
    let pending: RowChange[] = [];
    const batchRows = this.o.batchRows ?? 2000;
    const aliasGroups = this.entity.fields.filter((f) => f.from !== undefined && (f.fromAliases?.length ?? 0) > 0).map((f) => [f.from!, ...f.fromAliases!]);
    const table = {
      table: this.entity.source, keyColumns: this.entity.key,
      ...(this.entity.keyAliases ? { keyAliases: this.entity.keyAliases } : {}), ...(aliasGroups.length > 0 ? { aliasGroups } : {}),
    };
    const changes = diffTable(this.session, from, to, table, (s) => (summary = s));
    for await (const change of changes) {
      seq++;
      if (seq <= applied || checkpoint?.done) continue;
      pending.push(change);
      if (pending.length >= batchRows) {
        await this.applyBatch(pending, seq - pending.length, width, false);
        pending = [];
        if (this.session.signal?.aborted) throw new CutoverError('cancelled', 'The gap migration was stopped before it finished; run the same command again to carry on where it stopped.');
      }
    }
    if (!checkpoint?.done) await this.applyBatch(pending, seq - pending.length, width, true);
    if (summary === undefined) throw new Error(`the diff of ${this.entity.source} ended without its summary`);
    return summary;
  }

  /** Plans a batch from the mapping, then writes it with its record and checkpoint in one transaction. */
  private async applyBatch(batch: readonly RowChange[], before: number, width: number, done: boolean): Promise<void> {
    const pending = new Map<string, { index: number; key: string }>();
    const plans: Plan[] = [];
    for (const [i, change] of batch.entries()) plans.push(this.plan(change, before + i + 1, width, pending, i));
    const inserts = plans.filter((p) => p.write?.kind === 'insert').length;
    const attempt = (careful: boolean) => this.b.db.transaction(async (tx) => {
      const firstId = inserts > 0 && this.entity.generateId ? await this.takeIds(tx, inserts) : null;
      let next = firstId;
      const writes: GapWrite[] = [];
      const writeOf: number[] = [];
      const ids = new Map<number, number | null>();
      plans.forEach((p, i) => {
        if (p.write === undefined) return;
        const write = p.write.kind === 'insert' ? { ...p.write, id: next === null ? null : next++ } : p.write;
        if (write.kind === 'insert') ids.set(i, write.id);
        writeOf.push(i);
        writes.push(write);
      });
      const refused = await makeWrites(tx, this.table, writes, careful);
      const refusedPlan = new Map([...refused].map(([w, why]) => [writeOf[w]!, why]));
      const idOf = (p: Plan, i: number) => (p.survivorPlan !== undefined ? (ids.get(p.survivorPlan) ?? null) : (ids.get(i) ?? p.targetId ?? null));
      const changes = plans.map((p, i) => this.record(p, idOf(p, i), refusedPlan.get(i)));
      await recordGapChanges(tx, this.b, `gap:${this.entity.name}`, changes, before + batch.length, done, this.session.clock());
      return changes;
    });
    let changes: GapChange[];
    try {
      changes = await attempt(false);
    } catch (error) {
      if (!isRowError(error)) throw error;
      changes = await attempt(true);
    }
    for (const c of changes) this.keys.applied(c, this.mergeKeyOfChange(c, plans));
    this.o.onProgress?.({ entity: this.entity.name, changes: before + batch.length, done });
  }

  private mergeKeyOfChange(c: GapChange, plans: readonly Plan[]): string | null {
    const plan = plans.find((p) => p.seq === c.seq);
    const write = plan?.write;
    return write !== undefined && write.kind === 'insert' ? mergeKeyOf(write.values, this.mergeIndexes) : null;
  }

  /** Takes `n` new ids for the entity's table: from its own sequence in the new system, past the highest id in a test environment. */
  private async takeIds(tx: Parameters<Parameters<Bookkeeping['db']['transaction']>[0]>[0], n: number): Promise<number> {
    if (this.place.systemOwned) {
      const [start] = await reserveIds(tx, this.place, [this.entity], this.sequenced, () => n);
      if (start?.firstId != null) return start.firstId;
    }
    const [row] = await tx.query<{ next: string }>(`SELECT coalesce(max(id), 0) + 1 AS next FROM "${this.place.schema.replaceAll('"', '""')}"."${this.entity.table.replaceAll('"', '""')}"`);
    return Number(row!.next);
  }

  /** What one change becomes, by the entity's rules and the environment's key map. */
  private plan(change: RowChange, seq: number, width: number, pending: Map<string, { index: number; key: string }>, index: number): Plan {
    const own = this.keys.ownId(change.key);
    const repeat = (repeated: ReadonlyMap<string, number>, line: number) => (repeated.get(change.key) ?? line) !== line;
    if (change.kind === 'deleted') {
      // a repeat of a key was never loaded: its deletion leaves the key's own row alone
      if (own === undefined || repeat(this.scan.before, change.before.line)) return { change, seq, action: 'absent' };
      const onDelete = this.entity.onDelete ?? { kind: 'keep' };
      // a table without ids of its own is only ever kept (the spec allows nothing else there)
      if (onDelete.kind === 'keep' || own === null) return { change, seq, action: 'kept', targetId: own };
      if (onDelete.kind === 'delete') return { change, seq, action: 'deleted', targetId: own, write: { kind: 'delete', id: own } };
      return { change, seq, action: 'marked', targetId: own, write: { kind: 'mark', id: own, column: onDelete.column, value: onDelete.value } };
    }
    const { values, line } = change.after;
    if (repeat(this.scan.after, line)) {
      return { change, seq, action: 'rejected', reason: 'duplicate_key', field: null, value: null, message: `the reference ${displayKey(change.key)} was already used on line ${this.scan.after.get(change.key)}` };
    }
    if (values.length !== width) {
      return { change, seq, action: 'rejected', reason: 'ragged_row', field: null, value: null, message: `this row has ${values.length} values but ${this.entity.source} has ${width} columns` };
    }
    const outcome = this.compiled.map(values, this.context);
    if (outcome.kind === 'excluded') return { change, seq, action: 'excluded', reason: outcome.rule, field: null, value: null, message: outcome.message, ...(own == null ? {} : { targetId: own }) };
    if (outcome.kind === 'rejected') return { change, seq, action: 'rejected', reason: outcome.code, field: outcome.field, value: outcome.value, message: outcome.message, ...(own == null ? {} : { targetId: own }) };
    if (own !== undefined && own !== null) return { change, seq, action: 'updated', targetId: own, write: { kind: 'update', id: own, values: outcome.values } };
    const place = this.clusters?.placeOf(change.key);
    if (place !== undefined) {
      // a row of a duplicate cluster joins the cluster's one target row: the one the environment holds, or the first of the cluster the gap inserts
      const score = String(Math.round(place.score * 10_000) / 10_000);
      const joins = (survivorKey: string) => ({
        change, seq, action: 'merged', survivorKey, reason: 'merged', field: null, value: score,
        message: `merged into ${displayKey(survivorKey)}: the same person typed in again (score ${score})`,
      }) as const;
      const anchor = this.clusters!.anchor(place.cluster, this.keys);
      if (anchor !== undefined) return { ...joins(anchor.key), targetId: anchor.id };
      const first = pending.get(`cluster ${place.cluster}`);
      if (first !== undefined) return { ...joins(first.key), survivorPlan: first.index };
      pending.set(`cluster ${place.cluster}`, { index, key: change.key });
      return { change, seq, action: 'inserted', write: { kind: 'insert', id: null, values: outcome.values } };
    }
    const mergeKey = mergeKeyOf(outcome.values, this.mergeIndexes);
    const survivor = mergeKey === null ? undefined : this.keys.survivor(mergeKey);
    const inBatch = mergeKey === null ? undefined : pending.get(mergeKey);
    const merged = (survivorKey: string) => ({ change, seq, action: 'merged', survivorKey, reason: 'merged', message: `merged into ${displayKey(survivorKey)}: ${this.entity.merge?.reason ?? 'same record'}` }) as const;
    if (survivor !== undefined) return { ...merged(survivor.key), targetId: survivor.id };
    if (inBatch !== undefined) return { ...merged(inBatch.key), survivorPlan: inBatch.index };
    if (mergeKey !== null) pending.set(mergeKey, { index, key: change.key });
    return { change, seq, action: 'inserted', write: { kind: 'insert', id: null, values: outcome.values } };
  }

  /** The change's record once written: a write the target refused is a rejection (a deletion refused leaves the row, kept). */
  private record(p: Plan, targetId: number | null, refused: string | undefined): GapChange {
    const line = p.change.kind === 'deleted' ? p.change.before.line : p.change.after.line;
    const base = { entity: this.entity.name, seq: p.seq, sourceKey: p.change.key, line, targetId };
    if (refused !== undefined) {
      const action: GapAction = p.change.kind === 'deleted' ? 'kept' : 'rejected';
      return { ...base, action, reason: 'target_constraint', field: null, value: null, message: `the new system refused this change: ${refused}`, survivorKey: null, targetId: action === 'kept' ? targetId : null };
    }
    return { ...base, action: p.action, reason: p.reason ?? null, field: p.field ?? null, value: p.value ?? null, message: p.message ?? null, survivorKey: p.survivorKey ?? null };
  }
}
