import { z } from 'zod';
import { flagOption, regexProblem, textOption } from './option-schemas.js';
import type { Transform } from './transform.js';

export interface ReplaceOptions {
  readonly pattern: string;
  readonly with: string;
  readonly ignore_case?: boolean | undefined;
}

const replaceOptions = z
  .strictObject({ pattern: textOption.min(1), with: textOption.default(''), ignore_case: flagOption.optional() })
  .superRefine((options, ctx) => {
    const problem = regexProblem(options.pattern);
    if (problem === undefined) return;
    ctx.addIssue({
      code: 'custom',
      path: ['pattern'],
      message: `"${options.pattern}" is not a valid regular expression (${problem}); write a JavaScript regular expression such as "^0+" or "[^0-9]"`,
    });
  });

const summary = 'Replaces every match of a regular expression with the text given ($1 is the first group); an empty result is blank.';

export const replaceTransform: Transform<ReplaceOptions> = {
  name: 'replace',
  summary,
  usage: 'replace: { pattern: REGEX, with: TEXT, ignore_case: false }',
  options: replaceOptions,
  examples: [
    { options: { pattern: '[^0-9]', with: '' }, input: 'Ref: 00-123', output: '00123' },
    { options: { pattern: '^(\\d{2})(\\d{2})$', with: '$1:$2' }, input: '0930', output: '09:30' },
    { options: { pattern: 'n/a', ignore_case: true }, input: 'N/A', output: null },
  ],
  // the protocol shows the summary: it already says the rule in plain words
  describe() {
    return summary;
  },
  compile(options) {
    const pattern = new RegExp(options.pattern, options.ignore_case === true ? 'gi' : 'g');
    return (value) => {
      if (value === null) return null;
      const replaced = value.replace(pattern, options.with);
      return replaced === '' ? null : replaced;
    };
  },
};
