import { z } from 'zod';
import type { Transform } from './transform.js';

export interface AddressLineOptions {
  readonly line: 1 | 2 | 3 | 4;
}

const LAST_LINE = 4;

const addressLineOptions = z.strictObject({
  line: z
    .preprocess((v) => (typeof v === 'number' ? String(v) : v), z.enum(['1', '2', '3', '4']))
    .transform((line) => Number(line) as AddressLineOptions['line']),
});

/**
 * The non-blank lines of an address: split at line breaks when it has any, else at commas,
 * so "Flat 3, 12 High St" on one line of a multi-line address stays together.
 * @example addressLines('12 High St,\nLeeds') // ['12 High St', 'Leeds']
 */
export function addressLines(address: string): string[] {
  const parts = /[\r\n]/.test(address) ? address.split(/\r\n|\r|\n/) : address.split(',');
  return parts.map((part) => part.replace(/^[\s,]+|[\s,]+$/g, '')).filter((part) => part !== '');
}

const summary = 'Takes line 1, 2, 3 or 4 of an address written on several lines or with commas; line 4 also holds any lines after it.';

export const addressLineTransform: Transform<AddressLineOptions> = {
  name: 'address_line',
  summary,
  usage: 'address_line: { line: 1|2|3|4 }',
  options: addressLineOptions,
  examples: [
    { options: { line: 1 }, input: '12 High Street, Coleford, Gloucestershire', output: '12 High Street' },
    { options: { line: 2 }, input: 'Flat 3, 12 High St\nColeford\nGloucestershire', output: 'Coleford' },
    { options: { line: 4 }, input: 'Rose Cottage, Mill Lane, Upton, Coleford, Glos', output: 'Coleford, Glos' },
  ],
  // the protocol shows the summary: it already says the rule in plain words
  describe() {
    return summary;
  },
  compile(options) {
    return (value) => {
      if (value === null) return null;
      const lines = addressLines(value);
      // nothing is dropped: lines past the last one the target has are kept on it
      const text = options.line === LAST_LINE ? lines.slice(LAST_LINE - 1).join(', ') : (lines[options.line - 1] ?? '');
      return text === '' ? null : text;
    };
  },
};
