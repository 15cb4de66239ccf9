import { Decimal } from 'decimal.js';
import { quoteIdent, quoteQualified, type Database } from '../connectors/database.js';
import type { Target } from '../connectors/target.js';
import { whyInWords } from '../core/ledger.js';
import type { RunFacts } from '../core/run-result.js';
import { CutoverError } from '../core/cutover-error.js';
import { compileEntity, displayKey, type CompiledEntity, type MappingContext } from '../core/mapping/index.js';
import { ColumnBinder } from '../core/mapping/column-binder.js';
import {
  ColumnDigest,
  compareCounts,
  compareTotals,
  compileChecklistFilter,
  describeFilter,
  explanationWords,
  SamplePicker,
  totalGroup,
  type ColumnCheck,
  type CountLine,
  type Explanation,
  type Reconciliation,
  type RecordNote,
  type RowFilter,
  type SampleRecord,
  type TotalLine,
  unexplainedCount,
} from '../core/reconcile/index.js';
import { transformRegistry } from '../core/transforms/transform-registry.js';
import { parentLinks, parseSpecFiles, type ChecklistItem, type EntitySpec, type Spec } from '../core/spec/index.js';
import type { SourceRow } from '../core/source-row.js';
import { readLedger } from '../store/ledger-records.js';
import { readCustomerFigures } from '../store/review-records.js';
import { keptTargetIds } from '../store/gap-records.js';
import { laterRunInto, readRunFacts, runEntityNames, runFailure } from '../store/run-records.js';
import { indexParentKeys, openLineCursors, runIdRange, type ParentIds } from '../store/run-reads.js';
import { fingerprintKinds, fingerprintSql } from '../connectors/row-fingerprint-sql.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import { requireKeyMap } from '../store/key-map-collector.js';
import { environmentPlace, type EnvironmentPlace } from './environment.js';
import { ReferenceData } from './reference-data.js';
import { describeRule } from './protocol-builder.js';
import type { ProjectSession } from './project-session.js';
import { readVerifiedSnapshot } from './verified-snapshot.js';

/** What a reconciliation needs: the run, its target already opened, and how big a sample. */
export interface ReconcileRequest {
  readonly runId: number;
  readonly target: Target;
  /** the seed of the sample of records, so a reviewer sees the same records again */
  readonly seed?: number;
  /** records per entity in the sample */
  readonly sampleSize?: number;
  /** rows per page of the ledger and key map, and ids per target query (tests make them small) */
  readonly pageRows?: number;
  readonly batchRows?: number;
}

const defaultPageRows = 5000;
const defaultBatchRows = 10_000;
const recordsPerLine = 50;
const examplesPerColumn = 5;
const groupsShown = 500;

/**
 * Reconciles one run: for each checklist line the customer's figure, the same count (or
 * money total) on the snapshot and in the target, every difference explained by the
 * ledger or flagged; a seeded sample of records side by side; every mapped column
 * compared. A row is compared by the fingerprint the run kept of its values against the
 * one the database computes over the target row; a row whose fingerprints differ (or
 * whose run kept none) is compared value by value, to name the column. Reads the
 * snapshot as a stream, the ledger and key map a page at a time in line order, and the
 * target a batch of ids at a time.
 */
export async function reconcileRun(session: ProjectSession, req: ReconcileRequest): Promise<Reconciliation> {
  const store = await session.store();
  const key = await session.key();
  const run = await readRunFacts(store.db, req.runId);
  if (run.specFiles === null) {
    throw new CutoverError('reconcile_unavailable', `Run ${run.id} was made before runs kept their spec, so it cannot be reconciled. Run the migration again.`);
  }
  if (run.status === 'running') {
    throw new CutoverError('run_running', `Run ${run.id} has not finished: it is still loading, or it was stopped or interrupted. Run the same "cutover run" command again to carry it on to the end, then reconcile it.`);
  }
  // a later run wiped or added to the environment: comparing with it would report differences that are not this run's
  const later = await laterRunInto(store.db, run);
  if (later !== undefined) {
    throw new CutoverError(
      'run_superseded',
      `Run ${run.id} cannot be reconciled any more: run ${later} loaded environment "${run.env}" after it, so the new system now holds run ${later}'s rows, not run ${run.id}'s. Reconcile run ${later} instead (cutover reconcile ${later}).`,
    );
  }
  await requireKeyMap(store.db, run.id, 'reconciliation');
  const failure = await runFailure(store.db, run.id);
  const spec = parseSpecFiles(run.specFiles);
  const snapshot = await readVerifiedSnapshot(session, run.snapshotId);
  const figures = await readCustomerFigures(store.db, run.snapshotHash);
  const items = checklistOf(spec);
  const seed = req.seed ?? 1;
  const refs = lineRefs(items);
  const loaded = new Set(await runEntityNames(store.db, run.id));
  const reference = await ReferenceData.load(spec, { layout: session.layout, snapshot, key, keyMaps: new Map() });

  const counts = new Map<ChecklistItem, CountLine>();
  const totals = new Map<ChecklistItem, TotalLine>();
  const sample: SampleRecord[] = [];
  const columns: ColumnCheck[] = [];
  // one read-only transaction: cursors stream the ledger and key map in line order and live
  // only inside one, and each parent's key map is copied once for all its children;
  // an embedded target is the store's own database, so it is read through the same one
  await store.db.transaction(async (db) => {
    const dbs = { store: db, target: req.target.capabilities.ownedByStore ? db : req.target.db };
    const parents = new Map<string, ParentIds>();
    const place = environmentPlace(await session.config(), run.env);
    for (const entity of spec.entities) {
      if (!loaded.has(entity.name) || !entity.generateId) continue;
      const source = snapshotTableSource(session.layout, snapshot, entity.source, key);
      const compiled = compileEntity(entity, source.columns, source.name);
      const pass = new EntityPass(req, dbs, parents, run, place, entity, compiled, source.columns, source.name, items.filter((i) => i.entity === entity.name), refs, seed, spec, reference);
      // rows deleted in the legacy system and kept by a gap are in the new system but in no snapshot row
      if (run.kind === 'gap') pass.kept = await keptTargetIds(db, run.env, run.id, entity.name);
      await pass.read(source.rows(session.signal));
      const result = await pass.finish(figures);
      for (const [item, line] of result.counts) counts.set(item, line);
      for (const [item, line] of result.totals) totals.set(item, line);
      sample.push(...result.sample);
      columns.push(...result.columns);
    }
  });
  const countLines = items.filter((i) => i.total === undefined).map((i) => counts.get(i)).filter((l): l is CountLine => l !== undefined);
  const totalLines = items.filter((i) => i.total !== undefined).map((i) => totals.get(i)).filter((l): l is TotalLine => l !== undefined);
  const unexplained = unexplainedCount({ counts: countLines, totals: totalLines, columns, ...(failure === null ? {} : { failure }) });
  return {
    runId: run.id,
    customer: (await session.config()).customer,
    env: run.env,
    target: run.target,
    snapshot: { id: run.snapshotId, hash: run.snapshotHash },
    spec: { file: run.specFile, hash: run.specHash },
    counts: countLines,
    totals: totalLines,
    sample,
    columns,
    sampleSeed: seed,
    unexplained,
    ...(failure === null ? {} : { failure }),
  };
}

/** The spec's checklist, or one count per entity when it has none. */
export function checklistOf(spec: Spec): ChecklistItem[] {
  const written = spec.checklist ?? [];
  if (written.length > 0) return [...written];
  return spec.entities.filter((e) => e.generateId).map((e) => ({ label: `${e.name} records`, entity: e.name, filter: [], where: e.where }));
}

/** Refs as the customer quotes them: C1, C2 … for counts, M1 … for money. */
export function lineRefs(items: readonly ChecklistItem[]): Map<ChecklistItem, string> {
  let c = 0;
  let m = 0;
  return new Map(items.map((i) => [i, i.total === undefined ? `C${++c}` : `M${++m}`]));
}

interface Tally {
  snapshot: number;
  target: number;
  missing: number;
  unaccounted: number;
  explained: Map<string, { outcome: Explanation['outcome']; reason: string; rows: number; amount: Decimal; kinds: Set<string> }>;
  records: RecordNote[];
  recordCount: number;
  // totals only
  sourceTotal: Decimal;
  targetTotal: Decimal;
  unreadable: number;
  groups: Map<string, { snapshot: Decimal; notLoaded: Decimal; target: Decimal }>;
}

interface PendingRow {
  readonly id: string;
  readonly line: number;
  readonly key: string;
  /** the fingerprint of the values the run loaded, when it kept one */
  readonly print: string | null;
  readonly values: readonly (string | null)[];
  readonly items: readonly number[];
  /** per item of `items`, its amount as the rules read it (totals only) */
  readonly amounts: readonly (string | null)[];
}

// fields without lookups need no parents
const noLookups: MappingContext = { lookup: () => undefined };

/** One pass over an entity's snapshot table, joined by line with its ledger and key map, and with the target by id. */
class EntityPass {
  private readonly filters: RowFilter[];
  private readonly tallies: Tally[];
  private readonly byIndexes: (number | undefined)[];
  private readonly table: string;
  private readonly fieldIndexes: number[];
  /** every field, compared value by value; `links` when its value is a parent's id from the key map */
  private readonly checked: { name: string; links: boolean; source: ColumnDigest; target: ColumnDigest; compared: number; differ: number; examples: RecordNote[] }[];
  private readonly picker: SamplePicker<{ line: number; key: string; id: string; values: readonly (string | null)[] }>;
  private batch: PendingRow[] = [];
  private found = 0;
  /** the SQL of the target rows' fingerprints, once the table's column types are read */
  private printSql: string | undefined;
  /** rows whose fingerprints agree, added up once for every column (both sides alike) */
  private readonly agreed = new ColumnDigest();
  /** target ids of rows a gap kept though the legacy system deleted them */
  kept: readonly number[] = [];
  private ruleReasons: Map<string, string>;

  constructor(
    private readonly req: ReconcileRequest,
    private readonly dbs: { readonly store: Database; readonly target: Database },
    /** per parent entity, its key map indexed by source key, shared by all passes */
    private readonly parents: Map<string, ParentIds>,
    private readonly run: RunFacts,
    /** where the run's target tables are, and whether the new system's own rows are there too */
    private readonly place: EnvironmentPlace,
    private readonly entity: EntitySpec,
    private readonly compiled: CompiledEntity,
    columns: readonly string[],
    sourceName: string,
    private readonly items: readonly ChecklistItem[],
    private readonly refs: ReadonlyMap<ChecklistItem, string>,
    seed: number,
    /** the run's spec, for the tables of parents whose fields rules take */
    private readonly spec: Spec,
    /** the tables of the snapshot lookups take values from */
    private readonly reference: ReferenceData,
  ) {
    this.filters = items.map((i) => compileChecklistFilter(i, columns, sourceName));
    const binder = new ColumnBinder(columns, sourceName);
    this.byIndexes = items.map((i) => (i.by === undefined ? undefined : binder.index(i.by, i.where)));
    this.fieldIndexes = entity.fields.map((f) => (f.from === undefined ? -1 : binder.index(f.from, f.fromWhere ?? f.where, f.fromAliases)));
    this.tallies = items.map(() => ({
      snapshot: 0, target: 0, missing: 0, unaccounted: 0, explained: new Map(), records: [], recordCount: 0,
      sourceTotal: new Decimal(0), targetTotal: new Decimal(0), unreadable: 0, groups: new Map(),
    }));
    this.table = quoteQualified({ schema: place.schema, table: entity.table });
    // fields whose value comes through the run: a parent's id or field, or reference data
    const linked = new Set(entity.fields.filter((f) => f.rules.some((r) => {
      const t = transformRegistry.get(r.name);
      return t?.parentOf?.(r.options) !== undefined || t?.readsTable?.(r.options) !== undefined;
    })).map((f) => f.name));
    this.checked = entity.fields.map((f) => ({ name: f.name, links: linked.has(f.name), source: new ColumnDigest(), target: new ColumnDigest(), compared: 0, differ: 0, examples: [] }));
    this.picker = new SamplePicker(seed, req.sampleSize ?? 5);
    this.ruleReasons = new Map(entity.exclude.map((e) => [e.rule, e.reason]));
    this.survived = new Set(entity.dedup?.survive?.map((s) => s.field) ?? []);
  }

  /** fields whose value a merged person takes from all its duplicates (the dedup section's survive rules) */
  private readonly survived: ReadonlySet<string>;
  /** keys of rows other rows were merged into as duplicates: their survived fields are not their own row's */
  private readonly survivors = new Set<string>();

  /** Streams the snapshot rows, joining each with its ledger entry or key map row. */
  async read(rows: AsyncIterable<SourceRow>): Promise<void> {
    const kinds = await fingerprintKinds(this.dbs.target, { schema: this.place.schema, table: this.entity.table }, this.entity.fields.map((f) => f.name));
    this.printSql = fingerprintSql(this.entity.fields.map((f, i) => ({ name: f.name, kind: kinds[i]! })), 't');
    if (this.survived.size > 0) {
      // duplicates merged by the dedup section carry their score; exact-key merges do not
      for await (const e of readLedger(this.dbs.store, this.run.id)) {
        if (e.entity === this.entity.name && e.outcome === 'merged' && e.value !== null && e.survivorKey !== null) this.survivors.add(e.survivorKey);
      }
    }
    const { ledger, keyMap, close } = await openLineCursors(this.dbs.store, this.run.id, this.entity.name, this.req.pageRows ?? defaultPageRows);
    const file = this.entity.source;
    for await (const row of rows) {
      const matching: number[] = [];
      this.filters.forEach((test, i) => {
        if (test(row.values)) matching.push(i);
      });
      const entry = await ledger.at(row.line);
      const mapped = entry === undefined ? await keyMap.at(row.line) : undefined;
      const amounts = matching.map((i) => this.amountOf(i, row.values));
      for (const [n, i] of matching.entries()) {
        const t = this.tallies[i]!;
        t.snapshot++;
        const amount = amounts[n] ?? null;
        if (this.items[i]!.total !== undefined) {
          if (amount === null) t.unreadable++;
          else t.sourceTotal = t.sourceTotal.plus(amount);
          if (amount !== null) this.group(i, row.values).snapshot = this.group(i, row.values).snapshot.plus(amount);
        }
        if (entry !== undefined) {
          const id = `${entry.outcome}\u001f${entry.reason}`;
          const e = t.explained.get(id) ?? { outcome: entry.outcome, reason: entry.reason, rows: 0, amount: new Decimal(0), kinds: new Set<string>() };
          e.rows++;
          // orphans whose parents were not imported, and those whose parents were not delivered
          if (entry.reason === 'orphan') e.kinds.add(whyInWords(entry.outcome, entry.reason, entry.message));
          if (amount !== null) {
            e.amount = e.amount.plus(amount);
            this.group(i, row.values).notLoaded = this.group(i, row.values).notLoaded.plus(amount);
            this.note(t, { file, line: row.line, reference: entry.sourceKey === null ? '' : displayKey(entry.sourceKey), problem: 'not loaded', expected: amount, inTarget: null, words: entry.reason === 'orphan' ? `not imported: ${entry.message}` : explanationWords(entry.outcome, entry.reason) });
          }
          t.explained.set(id, e);
        } else if (mapped === undefined || mapped.targetId === null) {
          t.unaccounted++;
          this.note(t, { file, line: row.line, reference: '', problem: 'unaccounted', expected: amount, inTarget: null, words: 'neither imported nor in the list of rows not imported' });
        }
      }
      if (entry === undefined && mapped !== undefined && mapped.targetId !== null) {
        const id = mapped.targetId;
        const key = mapped.sourceKey;
        this.picker.offer(key, () => ({ line: row.line, key, id, values: row.values }));
        this.batch.push({ id, line: row.line, key, print: mapped.fingerprint, values: row.values, items: matching, amounts });
        if (this.batch.length >= (this.req.batchRows ?? defaultBatchRows)) await this.flush();
      }
    }
    await this.flush();
    await close();
  }

  /**
   * Copies each parent's key map into a temporary table with an index on the source key,
   * once per reconciliation, so that every batch finds its parents' ids by an indexed query.
   */
  private async prepareParents(): Promise<void> {
    const parents = [...new Set(parentLinks(this.entity.fields).map((l) => l.parent))].filter((p) => !this.parents.has(p));
    for (const parent of parents) this.parents.set(parent, await indexParentKeys(this.dbs.store, this.run.id, parent, this.parents.size + 1));
  }

  /** The ids the parents' keys of these rows were given, by parent and key. */
  private async parentIds(rows: readonly { readonly values: readonly (string | null)[] }[]): Promise<MappingContext> {
    // only rows compared value by value and the sample need them
    await this.prepareParents();
    const { wanted, takes, recording } = recordLookups();
    const links = this.checked.filter((f) => f.links);
    for (const row of rows) for (const f of links) this.compiled.evaluate(f.name, row.values, recording);
    const ids = new Map<string, Map<string, string>>();
    for (const [parent, keys] of wanted) {
      const find = this.parents.get(parent);
      if (find !== undefined) ids.set(parent, await find([...keys]));
    }
    // a parent's field a rule takes: as the new system holds it in the parent's row
    const taken = new Map<string, Map<string, string | null>>();
    for (const [parent, fields] of takes) {
      const table = this.spec.entities.find((e) => e.name === parent)?.table;
      const byKey = ids.get(parent) ?? new Map<string, string>();
      if (table === undefined || byKey.size === 0) continue;
      const list = [...fields];
      const found = await this.dbs.target.query<Record<string, string | null>>(
        `SELECT id::text AS id, ${list.map((f) => `${quoteIdent(f)}::text AS ${quoteIdent(f)}`).join(', ')} FROM ${quoteQualified({ schema: this.place.schema, table })} WHERE id = ANY($1::bigint[])`,
        [`{${[...new Set(byKey.values())].join(',')}}`],
      );
      const byId = new Map(found.map((r) => [r['id']!, r]));
      for (const field of list) {
        const values = new Map<string, string | null>();
        for (const [key, id] of byKey) {
          const row = byId.get(id);
          if (row !== undefined) values.set(key, row[field] ?? null);
        }
        taken.set(`${parent}\u001f${field}`, values);
      }
    }
    return {
      reference: this.reference.context().reference,
      lookup: (parent, key) => ids.get(parent)?.get(key),
      take: (parent, field, key) => taken.get(`${parent}\u001f${field}`)?.get(key),
    };
  }

  private amountOf(item: number, values: readonly (string | null)[]): string | null {
    const field = this.items[item]!.total;
    if (field === undefined) return null;
    const result = this.compiled.evaluate(field, values, noLookups);
    return result.ok && result.value !== null ? result.value : null;
  }

  private group(item: number, values: readonly (string | null)[]): { snapshot: Decimal; notLoaded: Decimal; target: Decimal } {
    const index = this.byIndexes[item];
    const name = index === undefined ? '(all)' : (values[index] ?? '').trim() || '(blank)';
    const groups = this.tallies[item]!.groups;
    let g = groups.get(name);
    if (g === undefined) groups.set(name, (g = { snapshot: new Decimal(0), notLoaded: new Decimal(0), target: new Decimal(0) }));
    return g;
  }

  private note(t: Tally, record: RecordNote): void {
    t.recordCount++;
    if (t.records.length < recordsPerLine) t.records.push(record);
  }

  /**
   * Looks a batch of loaded rows up in the target by id: still there, and with the same
   * values? The database compares the fingerprints; the rows whose fingerprints differ,
   * and those without one, are read and compared value by value.
   */
  private async flush(): Promise<void> {
    const rows = this.batch;
    this.batch = [];
    if (rows.length === 0) return;
    const printed = rows.filter((r) => r.print !== null);
    if (printed.length === 0) return this.compareValues(rows);
    const differ = await this.dbs.target.query<{ id: string }>(
      `SELECT v.id::text AS id FROM unnest($1::bigint[], $2::text[]) AS v (id, print) LEFT JOIN ${this.table} t ON t.id = v.id
       WHERE t.id IS NULL OR ${this.printSql!} IS DISTINCT FROM v.print`,
      [`{${printed.map((r) => r.id).join(',')}}`, `{${printed.map((r) => r.print).join(',')}}`],
    );
    const off = new Set(differ.map((r) => r.id));
    for (const row of printed) if (!off.has(row.id)) this.agree(row);
    await this.compareValues(rows.filter((r) => r.print === null || off.has(r.id)));
  }

  /** A row the target holds with the values the run loaded, as their fingerprints show: counted, its amounts as loaded. */
  private agree(row: PendingRow): void {
    this.found++;
    for (const [n, i] of row.items.entries()) {
      const t = this.tallies[i]!;
      t.target++;
      const amount = row.amounts[n] ?? null;
      if (this.items[i]!.total === undefined || amount === null) continue;
      t.targetTotal = t.targetTotal.plus(amount);
      this.group(i, row.values).target = this.group(i, row.values).target.plus(amount);
    }
    this.agreed.add(row.id, row.print);
    for (const f of this.checked) {
      if (!(this.survived.has(f.name) && this.survivors.has(row.key))) f.compared++;
    }
  }

  /** Reads rows from the target with every field and compares them with what the rules give, value by value. */
  private async compareValues(rows: readonly PendingRow[]): Promise<void> {
    if (rows.length === 0) return;
    const wanted = ['id', ...new Set([...this.checked.map((f) => f.name), ...this.items.flatMap((i) => (i.total === undefined ? [] : [i.total]))])];
    const found = await this.dbs.target.query<Record<string, string | null>>(
      `SELECT ${wanted.map((c) => `${quoteIdent(c)}::text AS ${quoteIdent(c)}`).join(', ')} FROM ${this.table} WHERE id = ANY($1::bigint[])`,
      [`{${rows.map((r) => r.id).join(',')}}`],
    );
    const byId = new Map(found.map((r) => [r['id']!, r]));
    this.found += found.length;
    const parents = this.checked.some((f) => f.links) ? await this.parentIds(rows.filter((r) => byId.has(r.id))) : noLookups;
    const file = this.entity.source;
    for (const row of rows) {
      const inTarget = byId.get(row.id);
      const reference = displayKey(row.key);
      for (const [n, i] of row.items.entries()) {
        const t = this.tallies[i]!;
        const field = this.items[i]!.total;
        const amount = row.amounts[n] ?? null;
        if (inTarget === undefined) {
          t.missing++;
          this.note(t, { file, line: row.line, reference, problem: 'missing', expected: amount, inTarget: null, words: 'imported by the run, but no longer in the new system' });
          continue;
        }
        t.target++;
        if (field === undefined) continue;
        const held = inTarget[field] ?? null;
        if (held !== null) {
          t.targetTotal = t.targetTotal.plus(held);
          this.group(i, row.values).target = this.group(i, row.values).target.plus(held);
        }
        if (!sameValue(amount, held)) {
          this.note(t, { file, line: row.line, reference, problem: 'changed', expected: amount, inTarget: held, words: `the new system holds ${held ?? 'nothing'} where the delivered data gives ${amount ?? 'nothing'}` });
        }
      }
      if (inTarget === undefined) continue;
      for (const f of this.checked) {
        if (this.survived.has(f.name) && this.survivors.has(row.key)) continue;
        const result = this.compiled.evaluate(f.name, row.values, f.links ? parents : noLookups);
        if (!result.ok) continue;
        const held = inTarget[f.name] ?? null;
        f.compared++;
        f.source.add(row.id, normalise(result.value));
        f.target.add(row.id, normalise(held));
        if (!sameValue(result.value, held)) {
          f.differ++;
          if (f.examples.length < examplesPerColumn) {
            f.examples.push({ file, line: row.line, reference, problem: 'changed', expected: result.value, inTarget: held, words: `the rules give ${result.value ?? '(blank)'}, the new system holds ${held ?? '(blank)'}` });
          }
        }
      }
    }
  }

  /** Turns the tallies into lines, counts the target rows no source row became, and reads the sample. */
  async finish(figures: ReadonlyMap<string, string>): Promise<{ counts: Map<ChecklistItem, CountLine>; totals: Map<ChecklistItem, TotalLine>; sample: SampleRecord[]; columns: ColumnCheck[] }> {
    // in the new system's own tables, only the run's block of ids is the run's
    const range = this.place.systemOwned ? await runIdRange(this.dbs.store, this.run.id, this.entity.name) : undefined;
    const [all] = this.place.systemOwned
      ? await this.dbs.target.query<{ n: string }>(`SELECT count(*) AS n FROM ${this.table} WHERE id BETWEEN $1 AND $2`, [range?.first ?? 0, range?.last ?? -1])
      : await this.dbs.target.query<{ n: string }>(`SELECT count(*) AS n FROM ${this.table}`);
    const [kept] = this.kept.length === 0
      ? [{ n: '0' }]
      : await this.dbs.target.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${this.table} WHERE id = ANY($1::bigint[])${this.place.systemOwned ? ' AND id BETWEEN $2 AND $3' : ''}`,
        this.place.systemOwned ? [`{${this.kept.join(',')}}`, range?.first ?? 0, range?.last ?? -1] : [`{${this.kept.join(',')}}`],
      );
    const extra = Number(all?.n ?? 0) - this.found - Number(kept?.n ?? 0);
    const counts = new Map<ChecklistItem, CountLine>();
    const totals = new Map<ChecklistItem, TotalLine>();
    this.items.forEach((item, i) => {
      const t = this.tallies[i]!;
      const explained = [...t.explained.values()].map((e) => ({
        outcome: e.outcome, reason: e.reason, rows: e.rows,
        words: e.kinds.size === 1 ? `not imported: ${[...e.kinds][0]!}` : explanationWords(e.outcome, e.reason, this.ruleReasons.get(e.reason)),
        ...(item.total === undefined ? {} : { amount: e.amount.toFixed(2) }),
      }));
      const base = { ref: this.refs.get(item)!, label: item.label, entity: item.entity, filter: describeFilter(item) };
      const figure = figures.get(item.label) ?? null;
      if (item.total === undefined) {
        counts.set(item, compareCounts({
          ...base, customer: figure === null ? null : Number(figure), snapshot: t.snapshot, target: t.target, explained,
          missing: t.missing, extra: item.filter.length === 0 ? Math.max(extra, 0) : 0, unaccounted: t.unaccounted, records: t.records,
        }));
        return;
      }
      const groups = [...t.groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, g]) => totalGroup(name, g.snapshot, g.notLoaded, g.target));
      const line = compareTotals({
        ...base, field: item.total, by: item.by ?? null, customer: item.by === undefined ? figure : null,
        snapshot: t.sourceTotal.toFixed(2), target: t.targetTotal.toFixed(2), explained,
        groups: item.by === undefined ? [] : groups, records: t.records, unreadable: t.unreadable,
      });
      // many groups (one per landlord, say): list only those that are off
      const shown = line.groups.length <= groupsShown ? line.groups : line.groups.filter((g) => !new Decimal(g.difference).isZero()).slice(0, groupsShown);
      totals.set(item, { ...line, groups: shown });
    });
    const columns: ColumnCheck[] = this.checked.map((f) => ({
      entity: this.entity.name, field: f.name, compared: f.compared, differ: f.differ,
      sourceDigest: f.source.plus(this.agreed).hex(), targetDigest: f.target.plus(this.agreed).hex(), skipped: null, examples: f.examples,
    }));
    return { counts, totals, sample: await this.readSample(), columns };
  }

  /** The sampled records with every field side by side: delivered, rules, what they give, what the new system holds. */
  private async readSample(): Promise<SampleRecord[]> {
    const picked = this.picker.items();
    if (picked.length === 0) return [];
    const { target } = this.dbs;
    const fields = this.entity.fields;
    const rows = await target.query<Record<string, string | null>>(
      `SELECT id::text AS id, ${fields.map((f) => `${quoteIdent(f.name)}::text AS ${quoteIdent(f.name)}`).join(', ')} FROM ${this.table} WHERE id = ANY($1::bigint[])`,
      [`{${picked.map((p) => p.id).join(',')}}`],
    );
    const byId = new Map(rows.map((r) => [r['id']!, r]));
    // the parents the lookups need, read from the key map in one query per parent
    const context = await this.parentIds(picked);
    return picked.map((p) => {
      const held = byId.get(p.id);
      const outcome = this.compiled.map(p.values, context);
      return {
        entity: this.entity.name,
        file: this.entity.source,
        line: p.line,
        reference: displayKey(p.key),
        targetId: p.id,
        fields: fields.map((f, i) => {
          const expected = outcome.kind === 'mapped' ? (outcome.values[i] ?? null) : null;
          const inTarget = held === undefined ? null : (held[f.name] ?? null);
          const index = this.fieldIndexes[i] ?? -1;
          return {
            field: f.name,
            column: f.from ?? null,
            delivered: index < 0 ? null : (p.values[index] ?? null),
            rules: f.rules.length === 0 ? 'copied as delivered' : f.rules.map((r) => describeRule(r.name, r.options)).join('; then '),
            expected,
            inTarget,
            same: held !== undefined && sameValue(expected, inTarget),
          };
        }),
      };
    });
  }
}

const numeric = /^-?\d+(\.\d+)?$/;

/** Numbers compare by value (1250.5 is 1250.50), everything else as text; blank is blank. */
function sameValue(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  if (a === b) return true;
  return numeric.test(a) && numeric.test(b) && new Decimal(a).equals(b);
}

/** The value a digest sees: numbers in one form, so 1250.5 and 1250.50 agree. */
function normalise(value: string | null): string | null {
  return value !== null && numeric.test(value) ? new Decimal(value).toString() : value;
}

/**
 * A lookup that answers a placeholder and records which parent keys were asked for (and
 * which of their fields were taken), to read them in one query per parent.
 */
function recordLookups(): { wanted: Map<string, Set<string>>; takes: Map<string, Set<string>>; recording: MappingContext } {
  const wanted = new Map<string, Set<string>>();
  const takes = new Map<string, Set<string>>();
  const want = (parent: string, key: string) => {
    let keys = wanted.get(parent);
    if (keys === undefined) wanted.set(parent, (keys = new Set()));
    keys.add(key);
  };
  const recording: MappingContext = {
    lookup: (parent, key) => {
      want(parent, key);
      return '0';
    },
    take: (parent, field, key) => {
      want(parent, key);
      let fields = takes.get(parent);
      if (fields === undefined) takes.set(parent, (fields = new Set()));
      fields.add(field);
      return '';
    },
    reference: () => '',
  };
  return { wanted, takes, recording };
}
