import { entityColumns } from '../spec/entity-columns.js';
import type { EntitySpec, ExampleExpectation, Spec, SpecExample, SpecLocation } from '../spec/spec-model.js';
import { compileEntity } from './compiled-entity.js';
import type { MappingContext } from './mapping-context.js';
import type { RowOutcome } from './row-outcome.js';

/** What became of a row: loaded, rejected or excluded. */
export type ExampleOutcome = ExampleExpectation['outcome'];

/** One way an example's row came out other than the spec says. */
export type ExampleDifference =
  /** The example gives a column no rule of the entity reads: a typo in the example or in a rule. */
  | { readonly kind: 'column'; readonly column: string }
  /** The row loaded, was rejected or was excluded when the example says otherwise; `message` is the ledger's. */
  | { readonly kind: 'outcome'; readonly expected: ExampleOutcome; readonly actual: ExampleOutcome; readonly message: string | null }
  /** The row was rejected or excluded as expected, but with another message. */
  | { readonly kind: 'reason'; readonly outcome: 'rejected' | 'excluded'; readonly expected: string; readonly actual: string }
  /** A loaded row's field got another value. */
  | { readonly kind: 'field'; readonly field: string; readonly expected: string | null; readonly actual: string | null };

/** Whether one example of the spec holds, and if not, every way it differs. */
export interface SpecExampleResult {
  readonly entity: string;
  /** 1-based position among the entity's examples. */
  readonly example: number;
  readonly where: SpecLocation;
  readonly passed: boolean;
  readonly differences: readonly ExampleDifference[];
  /** One sentence for people, without the position: `example 2 of entity "person" fails: email should be …`. */
  readonly message: string;
}

const OUTCOME_WORDS: Readonly<Record<ExampleOutcome, string>> = { mapped: 'load', rejected: 'be rejected', excluded: 'be excluded' };
const ACTUAL_WORDS: Readonly<Record<ExampleOutcome, string>> = { mapped: 'loads', rejected: 'is rejected', excluded: 'is excluded' };

const shown = (value: string | null): string => (value === null ? 'blank' : JSON.stringify(value));

/** The differences between what the example expects and what the mapper did. */
function compare(entity: EntitySpec, expected: ExampleExpectation, actual: RowOutcome): ExampleDifference[] {
  const outcome: ExampleDifference = {
    kind: 'outcome',
    expected: expected.outcome,
    actual: actual.kind,
    message: actual.kind === 'mapped' ? null : actual.message,
  };
  if (expected.outcome === 'mapped') {
    if (actual.kind !== 'mapped') return [outcome];
    return entity.fields.flatMap((field, index): ExampleDifference[] => {
      const want = expected.target[field.name] ?? null;
      const got = actual.values[index] ?? null;
      return want === got ? [] : [{ kind: 'field', field: field.name, expected: want, actual: got }];
    });
  }
  if (actual.kind !== expected.outcome) return [outcome];
  return actual.message === expected.reason ? [] : [{ kind: 'reason', outcome: actual.kind, expected: expected.reason, actual: actual.message }];
}

/** A difference in words: `email should be "a@b.com" but is blank`. */
function describe(difference: ExampleDifference): string {
  switch (difference.kind) {
    case 'column':
      return `it gives column ${JSON.stringify(difference.column)}, which no rule of this entity reads`;
    case 'outcome':
      return (
        `the row should ${OUTCOME_WORDS[difference.expected]} but ${ACTUAL_WORDS[difference.actual]}` +
        (difference.message === null ? '' : ` (${difference.message})`)
      );
    case 'reason':
      return `the row ${ACTUAL_WORDS[difference.outcome]} as it should be, but with ${shown(difference.actual)} instead of ${shown(difference.expected)}`;
    case 'field':
      return `${difference.field} should be ${shown(difference.expected)} but is ${shown(difference.actual)}`;
  }
}

/** Runs one example through the entity's exclusions and rules, as the run maps a row. */
function runExample(entity: EntitySpec, example: SpecExample, number: number): SpecExampleResult {
  const given = Object.keys(example.source);
  const read = entityColumns(entity);
  const unread: ExampleDifference[] = given
    .filter((column) => !read.some((names) => names.includes(column)))
    .map((column) => ({ kind: 'column', column }));
  // a column the example leaves out is there but blank, under the first name the spec gives it
  const missing = read.filter((names) => !names.some((name) => given.includes(name))).map(([first = '']) => first);
  const columns = [...given, ...missing];
  const values = columns.map((column) => (given.includes(column) ? (example.source[column] ?? null) : ''));
  const ctx: MappingContext = { lookup: (parent, key) => example.parents[parent]?.[key] };
  const compiled = compileEntity(entity, columns, `example ${number} of entity "${entity.name}"`);
  const differences = [...unread, ...compare(entity, example.expected, compiled.map(values, ctx))];
  const what = `example ${number} of entity "${entity.name}"`;
  return {
    entity: entity.name,
    example: number,
    where: example.where,
    passed: differences.length === 0,
    differences,
    message: differences.length === 0 ? `${what} passes` : `${what} fails: ${differences.map(describe).join('; ')}`,
  };
}

/**
 * Runs every example written in the spec through its entity's exclusions and rules, as a
 * run maps a row, and says for each whether the row came out as the spec says. Keys,
 * merges and the target's own checks are the run's business and are not tried here.
 * @example runSpecExamples(spec).filter((result) => !result.passed).map((result) => result.message)
 */
export function runSpecExamples(spec: Spec): SpecExampleResult[] {
  return spec.entities.flatMap((entity) => (entity.examples ?? []).map((example, index) => runExample(entity, example, index + 1)));
}
