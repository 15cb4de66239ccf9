import { z } from 'zod';
import { splitName, type PersonName } from './person-name.js';
import type { Transform } from './transform.js';

export interface SplitNameOptions {
  readonly part: keyof PersonName;
}

const splitNameOptions = z.strictObject({ part: z.enum(['title', 'first', 'middle', 'last']) });

const summary = 'Takes the title, first, middle or last name out of a full name such as "Mr John A Smith" or "Smith, John".';

export const splitNameTransform: Transform<SplitNameOptions> = {
  name: 'split_name',
  summary,
  usage: 'split_name: { part: title|first|middle|last }',
  options: splitNameOptions,
  examples: [
    { options: { part: 'first' }, input: 'Mr John A. Smith', output: 'John' },
    { options: { part: 'last' }, input: 'Smith, John', output: 'Smith' },
    { options: { part: 'title' }, input: 'Dr. Jane van der Berg', output: 'Dr' },
  ],
  // the protocol shows the summary: it already says the rule in plain words
  describe() {
    return summary;
  },
  compile(options) {
    return (value) => (value === null ? null : splitName(value)[options.part]);
  },
};
