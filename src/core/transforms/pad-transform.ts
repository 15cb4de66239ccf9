import { z } from 'zod';
import { lengthOption, textOption } from './option-schemas.js';
import type { Transform } from './transform.js';

export interface PadOptions {
  readonly length: number;
  readonly with: string;
  readonly side: 'left' | 'right';
}

const padOptions = z.strictObject({
  length: lengthOption,
  with: textOption.regex(/^[\s\S]$/u, { error: 'must be one character, such as "0" or " "' }),
  side: z.enum(['left', 'right']).default('left'),
});

const summary = 'Fills a shorter value up to the length given, on the left unless told otherwise; longer values stay as they are.';

export const padTransform: Transform<PadOptions> = {
  name: 'pad',
  summary,
  usage: 'pad: { length: 6, with: "0", side: left|right }',
  options: padOptions,
  examples: [
    { options: { length: 6, with: '0' }, input: '42', output: '000042' },
    { options: { length: 4, with: '-', side: 'right' }, input: 'AB', output: 'AB--' },
  ],
  // the protocol shows the summary: it already says the rule in plain words
  describe() {
    return summary;
  },
  compile(options) {
    return (value) => {
      if (value === null) return null;
      const missing = options.length - [...value].length;
      if (missing <= 0) return value;
      const fill = options.with.repeat(missing);
      return options.side === 'left' ? fill + value : value + fill;
    };
  },
};
