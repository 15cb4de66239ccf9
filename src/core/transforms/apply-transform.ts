import { CutoverError } from '../cutover-error.js';
import { isFailure, type LookupContext, type Transform } from './transform.js';

/** The outcome of one transform on one value, for callers outside the row mapper. */
export type TransformResult =
  | { readonly ok: true; readonly value: string | null }
  | { readonly ok: false; readonly code: 'invalid_value' | 'orphan' | 'kept_out'; readonly message: string };

const NO_PARENTS: LookupContext = { lookup: () => undefined };

/**
 * Runs one transform on one value, validating its options first; meant for examples,
 * tests and tools, since the row mapper compiles each rule once instead.
 * @example applyTransform(dateTransform, '03/02/2021', { formats: ['dd/MM/yyyy'] }) // { ok: true, value: '2021-02-03' }
 */
export function applyTransform(
  transform: Transform,
  value: string | null,
  options?: unknown,
  ctx: LookupContext = NO_PARENTS,
  columns?: readonly (string | null)[],
): TransformResult {
  let validated: unknown = undefined;
  if (transform.options !== undefined) {
    const parsed = transform.options.safeParse(options);
    if (!parsed.success) {
      throw new CutoverError(
        'transform_options_invalid',
        `the options of "${transform.name}" are not valid: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`,
        { cause: parsed.error },
      );
    }
    validated = parsed.data;
  }
  const output = transform.compile(validated)(value, ctx, columns);
  return isFailure(output) ? { ok: false, code: output.code, message: output.message } : { ok: true, value: output };
}
