import type { z } from 'zod';

/** What a transform may ask of the run: the target id of a parent already loaded. */
export interface LookupContext {
  lookup(entity: string, key: string): string | undefined;
  /**
   * Why no `entity` row with this key was loaded, in words: it was delivered but not imported
   * (its line and reason), or it is not in the delivery at all. Only a run knows.
   */
  missing?(entity: string, key: string): string;
  /** The value a mapped `field` of the loaded `entity` row with this key was given (null: blank); undefined when none was loaded. */
  take?(entity: string, field: string, key: string): string | null | undefined;
  /** The `take` column of the row of the snapshot's `table` whose `key` column holds `value` (null: blank); undefined when none does. */
  reference?(table: string, key: string, take: string, value: string): string | null | undefined;
  /** Why the `entity` row with this key is kept out of the target (erased, or past its retention), if it is: a row naming it is kept out too. */
  keptOut?(entity: string, key: string): { readonly rule: string; readonly cause: string } | undefined;
}

/** The kind of value a field holds once its rules have run, and so the column types it fits. */
export type ValueKind = 'text' | 'amount' | 'date' | 'time' | 'timestamp' | 'id';

/** Why a value could not be transformed; `message` quotes the offending value. */
export interface TransformFailure {
  readonly kind: 'failure';
  readonly code: 'invalid_value' | 'orphan' | 'kept_out';
  readonly message: string;
  /** with kept_out: the parent's reason and cause, which the row is left out with */
  readonly keptOut?: { readonly rule: string; readonly cause: string };
}

/** A new value, or a failure. Values are strings or null, so any object is a failure. */
export type TransformOutput = string | null | TransformFailure;

/**
 * A transform bound to its options, run once per value. A rule that reads its own source
 * columns (see `readsColumns`) gets their values, in order, as `columns`.
 */
export type ValueRule = (value: string | null, ctx: LookupContext, columns?: readonly (string | null)[]) => TransformOutput;

/** One worked example, shown by `cutover transforms` and checked by the tests. */
export interface TransformExample {
  readonly options?: unknown;
  /** The value the rule receives; for a rule that reads its own columns, their values joined by " | " for people to read. */
  readonly input: string | null;
  /** The values of the columns a rule such as concat reads, in order. */
  readonly columns?: readonly (string | null)[];
  readonly output: string | null;
}

/**
 * A named, pure transform. `compile` binds validated options once so that the per-value
 * function does no option handling; `options` is undefined for transforms without any.
 */
export interface Transform<O = unknown> {
  readonly name: string;
  readonly summary: string;
  /** How a rule is written in a spec, e.g. `date: { formats: [dd/MM/yyyy] }`. */
  readonly usage: string;
  readonly options: z.ZodType<O> | undefined;
  readonly examples: readonly TransformExample[];
  /** The rule in plain words for the protocol, with its options, e.g. `write in capital letters`. */
  describe(options: O): string;
  /** What kind of value the rule gives, when it decides it (a date, an amount, a parent's id); text otherwise. */
  readonly gives?: ValueKind;
  /** True when the rule gives a value without a source column (constant, default, concat). */
  readonly makesValue?: boolean;
  /** What kind of value the rule gives with these options, when that depends on them; else `gives`. */
  givesFor?(options: O): ValueKind;
  /** The field of the parent the rule gives instead of its id (`take`), for transforms that refer to a parent. */
  takesField?(options: O): string | undefined;
  /** The table of the snapshot the rule reads values from, not migrated itself: its key and the column it takes. */
  readsTable?(options: O): { readonly table: string; readonly key: string; readonly take: string } | undefined;
  /** The entity whose keys the rule resolves, for transforms that refer to a parent. */
  parentOf?(options: O): string | undefined;
  /**
   * The source columns the rule reads itself (concat), each as the names it may have in a
   * file, tried in order; such a rule comes first in a field that has no `from`.
   */
  readsColumns?(options: O): readonly (readonly string[])[];
  compile(options: O): ValueRule;
}

/** Builds an `invalid_value` failure. */
export function invalidValue(message: string): TransformFailure {
  return { kind: 'failure', code: 'invalid_value', message };
}

/** True when a transform output is a failure rather than a value. */
export function isFailure(output: TransformOutput): output is TransformFailure {
  return output !== null && typeof output === 'object';
}
