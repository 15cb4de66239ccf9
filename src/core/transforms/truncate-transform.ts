import { z } from 'zod';
import { lengthOption } from './option-schemas.js';
import type { Transform } from './transform.js';

export interface TruncateOptions {
  readonly length: number;
}

const truncateOptions = z.strictObject({ length: lengthOption });

const summary = 'Cuts a value down to at most the number of characters given.';

export const truncateTransform: Transform<TruncateOptions> = {
  name: 'truncate',
  summary,
  usage: 'truncate: { length: 255 }',
  options: truncateOptions,
  examples: [{ options: { length: 5 }, input: 'Gloucestershire', output: 'Glouc' }],
  // the protocol shows the summary: it already says the rule in plain words
  describe() {
    return summary;
  },
  compile(options) {
    return (value) => {
      if (value === null) return null;
      // count characters, not UTF-16 units, so an emoji or accent is never cut in half
      const characters = [...value];
      return characters.length <= options.length ? value : characters.slice(0, options.length).join('');
    };
  },
};
