import { CutoverError } from '../cutover-error.js';
import { SpecError } from '../spec/spec-error.js';
import type { Condition, EntitySpec, FieldSpec, RuleSpec } from '../spec/spec-model.js';
import type { TransformResult } from '../transforms/apply-transform.js';
import { transformRegistry } from '../transforms/transform-registry.js';
import { isFailure, type TransformFailure, type TransformOutput, type ValueRule } from '../transforms/transform.js';
import { ColumnBinder } from './column-binder.js';
import { compileCondition, type RowTest } from './condition-test.js';
import type { MappingContext } from './mapping-context.js';
import type { RowOutcome } from './row-outcome.js';
import { compileKeptOut, type KeptOut, type PrivacyRules } from '../privacy/kept-out.js';
import { compileSourceKey } from './source-key.js';

type SourceValues = readonly (string | null)[];

/** An entity bound to one source's columns, ready to map rows. */
export interface CompiledEntity {
  readonly entity: EntitySpec;
  /** The row's key columns, trimmed and joined; null when any part is blank. */
  sourceKey(values: SourceValues): string | null;
  /** Why a row is kept out by an erasure list or retention rule, if it is; also for a row whose key is blank. */
  keptOut(values: SourceValues): KeptOut | undefined;
  /** Excludes, rejects or maps one row. */
  map(values: SourceValues, ctx: MappingContext): RowOutcome;
  /** The indexes of the fields whose lookup into the entity itself `map` leaves to a second pass (see `deferSelf`). */
  readonly selfFields: readonly number[];
  /** One field's value for a row, as `map` would make it (used to re-add money by group). */
  evaluate(field: string, values: SourceValues, ctx: MappingContext): TransformResult;
}

/** A rule bound once; `reads` holds the indexes of the columns a rule such as concat reads itself. */
interface CompiledRule {
  readonly run: ValueRule;
  readonly reads: readonly number[] | undefined;
}

interface CompiledField {
  readonly name: string;
  /** -1 when no source column feeds the field. */
  readonly index: number;
  readonly when: RowTest | undefined;
  readonly rules: readonly CompiledRule[];
  /** What `map` runs: the rules, less a lookup into the entity itself when that is deferred. */
  readonly mapRules: readonly CompiledRule[];
  readonly deferred: boolean;
  /** Made once, so a blank required field costs no allocation. */
  readonly blankFailure: TransformFailure | undefined;
}

/** Runs one field over a row: its condition, its rules, then the required check. */
function runField(field: CompiledField, values: SourceValues, ctx: MappingContext, rules = field.rules): TransformOutput {
  if (field.when !== undefined && !field.when(values)) return null;
  const raw = field.index < 0 ? null : (values[field.index] ?? null);
  let value: TransformOutput = raw === '' ? null : raw;
  for (const rule of rules) {
    value = rule.reads === undefined ? rule.run(value, ctx) : rule.run(value, ctx, rule.reads.map((index) => values[index] ?? null));
    if (isFailure(value)) return value;
  }
  return value === null && field.blankFailure !== undefined ? field.blankFailure : value;
}

/** The failure as it reads in the ledger: prefixed by the field, except for a blank required field. */
function fieldMessage(field: CompiledField, failure: TransformFailure): string {
  return failure === field.blankFailure ? failure.message : `${field.name}: ${failure.message}`;
}

/** Binds a rule's options once, and the columns it reads itself to their indexes. */
function compileRule(rule: RuleSpec, field: FieldSpec, binder: ColumnBinder): CompiledRule {
  const transform = transformRegistry.get(rule.name);
  if (transform === undefined) {
    throw new CutoverError('spec_invalid', `unknown transform "${rule.name}" in field "${field.name}"`, { where: rule.where });
  }
  const reads = transform.readsColumns?.(rule.options).map(([column = '', ...aliases]) => binder.index(column, rule.where, aliases));
  return { run: transform.compile(rule.options), reads };
}

/** Binds a condition to the first of its column's names that the source has. */
function bindCondition(condition: Condition, binder: ColumnBinder): RowTest {
  return compileCondition(condition, binder.index(condition.column, condition.where, condition.aliases));
}

/** How to compile an entity. */
export interface CompileOptions {
  /**
   * Leave a lookup into the entity itself to a second pass: `map` gives the id of a row
   * mapped already, else blank, and hands back the key it points at in `selfRefs` (the
   * mapping thread; reconcile and spec examples look it up as any lookup).
   */
  readonly deferSelf?: boolean;
  /** The erasure lists a run applies and the day relative retention counts from; without it, only retention by a fixed day applies. */
  readonly privacy?: PrivacyRules;
}

/**
 * Binds an entity's column names to the source's column indexes and compiles its rules
 * once. A column written with aliases binds to the first name the source has. Every column
 * the spec names but the source lacks is collected, then thrown as one SpecError pointing
 * at the spec.
 */
export function compileEntity(entity: EntitySpec, columns: readonly string[], sourceName: string, o: CompileOptions = {}): CompiledEntity {
  const binder = new ColumnBinder(columns, sourceName);
  const keyIndexes = entity.key.map((column, part) =>
    binder.index(column, entity.keyWhere[part] ?? entity.where, entity.keyAliases?.[part]),
  );
  const exclusions = entity.exclude.map((exclusion) => ({
    test: bindCondition(exclusion.when, binder),
    outcome: Object.freeze({ kind: 'excluded', rule: exclusion.rule, message: exclusion.reason } as const satisfies RowOutcome),
  }));
  const keptOut = compileKeptOut(entity, binder, o.privacy);
  const fields: CompiledField[] = entity.fields.map((field) => {
    const rules = field.rules.map((rule) => compileRule(rule, field, binder));
    // the parser keeps a lookup into the entity itself as its field's last rule
    const deferred = o.deferSelf === true && field.rules.some((rule) => transformRegistry.get(rule.name)?.parentOf?.(rule.options) === entity.name);
    return {
      name: field.name,
      index: field.from === undefined ? -1 : binder.index(field.from, field.fromWhere ?? field.where, field.fromAliases),
      when: field.when === undefined ? undefined : bindCondition(field.when, binder),
      rules,
      mapRules: deferred ? rules.slice(0, -1) : rules,
      deferred,
      blankFailure: field.required
        ? { kind: 'failure', code: 'invalid_value', message: `${field.name} is blank, and it is required` }
        : undefined,
    };
  });
  if (binder.problems.length > 0) throw new SpecError(binder.problems);
  const byName = new Map(fields.map((field) => [field.name, field]));
  const selfFields = fields.flatMap((field, index) => (field.deferred ? [index] : []));

  const sourceKey = compileSourceKey(keyIndexes);

  return {
    entity,
    sourceKey,
    selfFields,
    keptOut: (values) => keptOut?.(values, sourceKey(values) ?? ''),
    map(values, ctx) {
      // erasure and retention come first: such a row must not show in any list, not even of rejects
      const kept = keptOut?.(values, sourceKey(values) ?? '');
      if (kept !== undefined) return { kind: 'excluded', rule: kept.rule, message: kept.cause, cause: kept.cause };
      for (const exclusion of exclusions) {
        if (exclusion.test(values)) return exclusion.outcome;
      }
      const out = new Array<string | null>(fields.length);
      let first: { field: CompiledField; failure: TransformFailure } | undefined;
      let follows: TransformFailure | undefined;
      let others = 0;
      const selfRefs = selfFields.length === 0 ? undefined : new Array<string | null>(selfFields.length);
      for (let index = 0; index < fields.length; index += 1) {
        const field = fields[index] as CompiledField;
        const value = runField(field, values, ctx, field.mapRules);
        if (!isFailure(value) && field.deferred) {
          // the key the row points at: the id of a row mapped already goes in now, any other
          // once every row is loaded; the second pass checks both were loaded
          (selfRefs as (string | null)[])[selfFields.indexOf(index)] = value;
          out[index] = value === null ? null : (ctx.lookup(entity.name, value) ?? null);
        } else if (!isFailure(value)) {
          out[index] = value;
        } else if (value.code === 'kept_out') {
          follows ??= value;
        } else if (first === undefined) {
          first = { field, failure: value };
        } else {
          others += 1;
        }
      }
      // a row naming a kept-out row goes with it, whatever else is wrong with it
      if (follows?.keptOut !== undefined) return { kind: 'excluded', rule: follows.keptOut.rule, message: follows.message, cause: follows.keptOut.cause };
      if (first === undefined) return selfRefs === undefined ? { kind: 'mapped', values: out } : { kind: 'mapped', values: out, selfRefs };
      const { field, failure } = first;
      return {
        kind: 'rejected',
        // kept_out never comes first: it makes the row excluded above
        code: failure.code as 'invalid_value' | 'orphan',
        field: field.name,
        value: field.index < 0 ? null : (values[field.index] ?? null),
        message: fieldMessage(field, failure),
        others,
      };
    },
    evaluate(name, values, ctx) {
      const field = byName.get(name);
      if (field === undefined) {
        throw new CutoverError('unknown_field', `entity "${entity.name}" has no field "${name}"`, { where: entity.where });
      }
      const value = runField(field, values, ctx);
      return isFailure(value)
        ? { ok: false, code: value.code, message: fieldMessage(field, value) }
        : { ok: true, value };
    },
  };
}
