import type { SourceTable } from '../connectors/source.js';
import { CutoverError } from '../core/cutover-error.js';
import { compileCondition, type RowTest } from '../core/mapping/condition-test.js';
import { ColumnBinder, compileEntity, displayKey, mergeKeyOf, type MappingContext } from '../core/mapping/index.js';
import { loadOrder, type Condition, type EntitySpec, type FieldSpec, type Spec } from '../core/spec/index.js';
import { isFailure, shownValue, transformRegistry, type ValueRule } from '../core/transforms/index.js';
import type { ExampleField, FieldOrigin, Protocol, ProtocolEntity, ProtocolExample, ProtocolField } from '../core/protocol-model.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';

export type { ExampleField, FieldOrigin, Protocol, ProtocolEntity, ProtocolExample, ProtocolExclusion, ProtocolField, ProtocolRule } from '../core/protocol-model.js';

/** What a protocol is built from: the run's spec and snapshot, and a way to read its tables. */
export interface ProtocolInput {
  readonly spec: Spec;
  readonly snapshot: SnapshotManifest;
  readonly runId: number;
  readonly customer: string;
  /** Opens a snapshot table by name; the protocol closes it after reading its first rows. */
  readonly tableSource: (name: string) => SourceTable;
  /** How many example rows to show per entity (default 3, 0 for none). */
  readonly examplesPerEntity?: number;
  readonly signal?: AbortSignal;
}

// examples come from the first rows only, so a protocol costs the same for any size of snapshot
const SCAN_ROWS = 200;

/** Lookups resolve to a readable placeholder: the protocol shows rules, not the target's ids. */
const PLACEHOLDER_IDS: MappingContext = { lookup: (entity, key) => `(id of ${entity} ${key})` };

/**
 * A rule in plain words, for people who do not read specs, as its transform words it; an unknown one by its name.
 * @example describeRule('date', { formats: ['dd/MM/yyyy'] }) // 'read a date written as dd/MM/yyyy, write it as yyyy-MM-dd; …'
 */
export function describeRule(name: string, options: unknown): string {
  return transformRegistry.get(name)?.describe(options) ?? name;
}

/**
 * A condition in plain words.
 * @example describeCondition({ column: 'HolderType', equals: 'Landlord', … }) // 'HolderType is Landlord'
 */
export function describeCondition(c: Condition): string {
  const caseNote = c.ignore_case === true ? ' (ignoring case)' : '';
  if (c.blank !== undefined) return `${c.column} is ${c.blank ? '' : 'not '}blank`;
  if (c.equals !== undefined) return `${c.column} is ${shownValue(c.equals)}${caseNote}`;
  if (c.in !== undefined) return `${c.column} is one of ${c.in.map(shownValue).join(', ')}${caseNote}`;
  if (c.before !== undefined || c.after !== undefined) {
    const range = [c.after === undefined ? '' : `after ${c.after}`, c.before === undefined ? '' : `before ${c.before}`].filter(Boolean).join(' and ');
    return `${c.column} is a date ${range} (read as ${(c.formats ?? []).join(' or ')})`;
  }
  return `${c.column} matches the pattern /${c.matches ?? ''}/${caseNote}`;
}

/** A field's rules compiled once, with what the examples need to replay them step by step. */
interface TracedField {
  readonly spec: FieldSpec;
  readonly index: number;
  /** the name the column has in this table: `from`, or the alias found */
  readonly column: string | null;
  readonly when: RowTest | undefined;
  /** `reads`: the indexes of the columns a rule such as concat reads itself */
  readonly rules: readonly { readonly name: string; readonly run: ValueRule; readonly reads: readonly number[] | undefined }[];
}

function compileRules(field: FieldSpec, columns: readonly string[] = []): TracedField['rules'] {
  const binder = new ColumnBinder(columns, '');
  return field.rules.map((rule) => {
    const transform = transformRegistry.get(rule.name);
    if (transform === undefined) {
      throw new CutoverError('spec_invalid', `unknown transform "${rule.name}" in field "${field.name}"`, { where: rule.where });
    }
    const reads = transform.readsColumns?.(rule.options).map((names) => binder.find(names));
    return { name: rule.name, run: transform.compile(rule.options), reads };
  });
}

/** The columns a field's rules read themselves (concat, datetime), by their first names. */
function columnsReadBy(field: FieldSpec): string[] {
  return field.rules.flatMap((rule) => transformRegistry.get(rule.name)?.readsColumns?.(rule.options).map(([name = '']) => name) ?? []);
}

/** Where a field's value comes from; without a column the rules run on blank, the same for every row. */
function originOf(field: FieldSpec): FieldOrigin {
  if (field.from !== undefined) return { kind: 'column', column: field.from };
  const read = columnsReadBy(field);
  if (read.length > 0) return { kind: 'columns', columns: read };
  let value: ReturnType<ValueRule> = null;
  for (const rule of compileRules(field)) {
    value = rule.run(value, PLACEHOLDER_IDS);
    if (isFailure(value)) return { kind: 'rules' };
  }
  return { kind: 'constant', value };
}

function describeField(field: FieldSpec): ProtocolField {
  return {
    name: field.name,
    origin: originOf(field),
    when: field.when === undefined ? null : describeCondition(field.when),
    required: field.required,
    rules: field.rules.map((rule) => ({ name: rule.name, words: describeRule(rule.name, rule.options), specLine: rule.where.line })),
    specLine: field.where.line,
  };
}

/** Replays one field over a row as the mapper does, keeping every step; undefined when a rule fails. */
function traceField(field: TracedField, values: readonly (string | null)[]): ExampleField | undefined {
  const raw = field.index < 0 ? null : (values[field.index] ?? null);
  const base = { field: field.spec.name, column: field.column, source: raw };
  if (field.when !== undefined && !field.when(values)) return { ...base, used: false, steps: [], changed: false };
  const start = raw === '' ? null : raw;
  let value = start;
  const steps: { rule: string; value: string | null }[] = [];
  for (const rule of field.rules) {
    const output = rule.reads === undefined ? rule.run(value, PLACEHOLDER_IDS) : rule.run(value, PLACEHOLDER_IDS, rule.reads.map((i) => values[i] ?? null));
    if (isFailure(output)) return undefined;
    value = output;
    steps.push({ rule: rule.name, value });
  }
  return { ...base, used: true, steps, changed: value !== start };
}

/** A candidate example and the fields it shows changing (only fields with a source column count). */
interface Candidate {
  readonly example: ProtocolExample;
  readonly changed: ReadonlySet<string>;
}

/**
 * Picks rows greedily: each next row shows the most fields not yet seen changing, then the
 * most changes, then the earliest line. Rows that change nothing are shown only when no row does.
 */
function pick(candidates: readonly Candidate[], count: number): ProtocolExample[] {
  const covered = new Set<string>();
  const fresh = (candidate: Candidate): number => [...candidate.changed].filter((field) => !covered.has(field)).length;
  const left = [...candidates];
  const chosen: ProtocolExample[] = [];
  while (chosen.length < count && left.length > 0) {
    // left stays in line order, so the earliest row wins a tie
    let best = left[0] as Candidate;
    let bestFresh = fresh(best);
    for (const candidate of left) {
      const score = fresh(candidate);
      if (score > bestFresh || (score === bestFresh && candidate.changed.size > best.changed.size)) {
        best = candidate;
        bestFresh = score;
      }
    }
    if (best.changed.size === 0 && chosen.length > 0) break;
    chosen.push(best.example);
    if (best.changed.size === 0) break;
    for (const field of best.changed) covered.add(field);
    left.splice(left.indexOf(best), 1);
  }
  return chosen.sort((a, b) => a.line - b.line);
}

/** Reads the first rows of an entity's table and picks the rows that show its rules best. */
async function examplesOf(entity: EntitySpec, table: SourceTable, count: number, signal?: AbortSignal): Promise<ProtocolExample[]> {
  const compiled = compileEntity(entity, table.columns, table.name);
  const binder = new ColumnBinder(table.columns, table.name);
  const fields: TracedField[] = entity.fields.map((field) => {
    const index = field.from === undefined ? -1 : binder.find([field.from, ...(field.fromAliases ?? [])]);
    return {
      spec: field,
      index,
      column: index >= 0 ? (table.columns[index] ?? null) : (field.from ?? null),
      when: field.when === undefined ? undefined : compileCondition(field.when, binder.find([field.when.column, ...(field.when.aliases ?? [])])),
      rules: compileRules(field, table.columns),
    };
  });
  const mergeIndexes = (entity.merge?.on ?? []).map((name) => entity.fields.findIndex((field) => field.name === name));
  const seen = new Set<string>();
  const merged = new Set<string>();
  const candidates: Candidate[] = [];
  let read = 0;
  for await (const row of table.rows(signal)) {
    if (++read > SCAN_ROWS) break;
    // only rows the run loads: the others are in the reject list, not the protocol
    if (row.values.length !== table.columns.length) continue;
    const key = compiled.sourceKey(row.values);
    if (key === null || seen.has(key)) continue;
    seen.add(key);
    const outcome = compiled.map(row.values, PLACEHOLDER_IDS);
    if (outcome.kind !== 'mapped') continue;
    const mergeKey = mergeKeyOf(outcome.values, mergeIndexes);
    if (mergeKey !== null && merged.has(mergeKey)) continue;
    if (mergeKey !== null) merged.add(mergeKey);
    const traced = fields.map((field) => traceField(field, row.values));
    if (traced.some((field) => field === undefined)) continue;
    const shownFields = traced as ExampleField[];
    candidates.push({
      example: { line: row.line, key: displayKey(key), fields: shownFields },
      changed: new Set(shownFields.filter((field) => field.changed && field.column !== null).map((field) => field.field)),
    });
  }
  return pick(candidates, count);
}

function checkCount(count: number): number {
  if (!Number.isInteger(count) || count < 0) {
    throw new CutoverError('invalid_option', `the number of examples per entity must be a whole number, 0 or more; got ${count}`);
  }
  return count;
}

/**
 * Builds the protocol of one run: every entity of the spec in load order, its rules in plain
 * words, and up to `examplesPerEntity` rows of the snapshot shown before and after each rule.
 * It has no clock, so the same run always gives the same protocol.
 * @example renderProtocol(await buildProtocol({ spec, snapshot, runId: 7, customer: 'Acme Lettings', tableSource }))
 */
export async function buildProtocol(input: ProtocolInput): Promise<Protocol> {
  const { spec, snapshot, signal } = input;
  const count = checkCount(input.examplesPerEntity ?? 3);
  const entities: ProtocolEntity[] = [];
  for (const [index, entity] of loadOrder(spec).entries()) {
    if (signal?.aborted) throw new CutoverError('cancelled', 'Writing the protocol was stopped.');
    const stored = snapshot.tables.find((table) => table.name === entity.source);
    if (stored === undefined) {
      throw new CutoverError(
        'table_missing',
        `Snapshot ${snapshot.id} has no table "${entity.source}", which entity "${entity.name}" reads (it has: ${snapshot.tables.map((t) => t.name).join(', ')}).`,
        { where: { file: entity.where.file, line: entity.where.line } },
      );
    }
    let examples: ProtocolExample[] = [];
    if (count > 0) {
      const table = input.tableSource(entity.source);
      try {
        examples = await examplesOf(entity, table, count, signal);
      } finally {
        await table.close();
      }
    }
    entities.push({
      name: entity.name,
      position: index + 1,
      source: { file: entity.source, rows: stored.rows, sha256: stored.sha256 },
      key: entity.key,
      table: entity.table,
      generateId: entity.generateId,
      loadsAfter: entity.parents,
      exclusions: entity.exclude.map((rule) => ({ rule: rule.rule, when: describeCondition(rule.when), reason: rule.reason, specLine: rule.where.line })),
      merge: entity.merge === undefined ? null : { on: entity.merge.on, reason: entity.merge.reason },
      fields: entity.fields.map(describeField),
      examples,
      specLine: entity.where.line,
    });
  }
  return {
    customer: input.customer,
    runId: input.runId,
    snapshot: { id: snapshot.id, hash: snapshot.hash, collectedAt: snapshot.collectedAt },
    spec: { file: spec.file, hash: spec.hash },
    entities,
  };
}
