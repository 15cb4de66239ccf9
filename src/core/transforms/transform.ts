import type { z } from 'zod';

/** What a transform may ask of the run: the target id of a parent already loaded. */
export interface LookupContext {
  lookup(entity: string, key: string): string | undefined;
}

/** Why a value could not be transformed; `message` quotes the offending value. */
export interface TransformFailure {
  readonly kind: 'failure';
  readonly code: 'invalid_value' | 'orphan';
  readonly message: string;
}

/** A new value, or a failure. Values are strings or null, so any object is a failure. */
export type TransformOutput = string | null | TransformFailure;

/** A transform bound to its options, run once per value. */
export type ValueRule = (value: string | null, ctx: LookupContext) => TransformOutput;

/** One worked example, shown by `cutover transforms` and checked by the tests. */
export interface TransformExample {
  readonly options?: unknown;
  readonly input: string | null;
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
  /** True when the rule gives a value without a source column (constant, default). */
  readonly makesValue?: boolean;
  /** The entity whose keys the rule resolves, for transforms that refer to a parent. */
  parentOf?(options: O): string;
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
