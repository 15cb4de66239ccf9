import { z } from 'zod';
import { flagOption, textOption } from './option-schemas.js';
import { shownValue } from './rule-wording.js';
import { invalidValue, type Transform } from './transform.js';

export interface MapOptions {
  readonly values: Readonly<Record<string, string | null>>;
  readonly unmapped?: 'keep' | 'reject';
  readonly default?: string;
  readonly ignore_case?: boolean;
}

const SHOWN_VALUES = 10;

const mapOptions = z
  .strictObject({
    values: z.record(z.string(), textOption.nullable()),
    unmapped: z.enum(['keep', 'reject']).optional(),
    default: textOption.optional(),
    ignore_case: flagOption.optional(),
  })
  .superRefine((options, ctx) => {
    if ((options.unmapped === undefined) === (options.default === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message:
          options.unmapped === undefined
            ? 'a value map needs `default: VALUE` or `unmapped: keep|reject`'
            : 'a value map takes `default: VALUE` or `unmapped: keep|reject`, not both',
      });
    }
    if (options.ignore_case !== true) return;
    const seen = new Map<string, string>();
    for (const [from, to] of Object.entries(options.values)) {
      const first = seen.get(from.toLowerCase());
      if (first !== undefined && options.values[first] !== to) {
        ctx.addIssue({
          code: 'custom',
          path: ['values', from],
          message: `"${first}" and "${from}" are the same value when case is ignored but map to different values; keep one`,
        });
      }
      seen.set(from.toLowerCase(), from);
    }
  });

/** "A, B, C" or, for long maps, the first few and how many more. */
function describeValues(values: readonly string[]): string {
  if (values.length <= SHOWN_VALUES) return values.join(', ');
  return `${values.slice(0, SHOWN_VALUES).join(', ')} and ${values.length - SHOWN_VALUES} more`;
}

export const mapTransform: Transform<MapOptions> = {
  name: 'map',
  summary: 'Replaces each listed value with its new value; others are kept, rejected or given a default.',
  usage: 'map: { values: { OLD: NEW }, unmapped: keep|reject } or map: { values: { OLD: NEW }, default: VALUE }',
  options: mapOptions,
  examples: [
    { options: { values: { APP: 'applicant', VEN: 'vendor' }, unmapped: 'reject' }, input: 'APP', output: 'applicant' },
    { options: { values: { Mr: 'Mr', MR: 'Mr' }, unmapped: 'keep' }, input: 'Revd', output: 'Revd' },
    { options: { values: { Y: 'true' }, default: 'false' }, input: 'N', output: 'false' },
  ],
  describe(options) {
    const pairs = Object.entries(options.values).map(([from, to]) => `${shownValue(from)} → ${shownValue(to)}`);
    const other =
      options.default !== undefined
        ? `write ${shownValue(options.default)}`
        : options.unmapped === 'reject'
          ? 'reject the row'
          : 'keep it as it is';
    return `translate values${options.ignore_case === true ? ' (ignoring case)' : ''}: ${pairs.join(', ')}; any other value: ${other}`;
  },
  compile(options) {
    const ignoreCase = options.ignore_case === true;
    const table = new Map<string, string | null>();
    for (const [from, to] of Object.entries(options.values)) table.set(ignoreCase ? from.toLowerCase() : from, to);
    const expected = describeValues(Object.keys(options.values));
    const fallback = options.default;
    const reject = options.unmapped === 'reject';
    return (value) => {
      if (value === null) return null;
      const mapped = table.get(ignoreCase ? value.toLowerCase() : value);
      if (mapped !== undefined) return mapped;
      if (fallback !== undefined) return fallback;
      if (reject) return invalidValue(`"${value}" is not in the value map (expected one of: ${expected})`);
      return value;
    };
  },
};
