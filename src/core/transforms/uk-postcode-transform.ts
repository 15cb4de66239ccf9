import { invalidValue, type Transform } from './transform.js';

// outward code (A9, A99, AA9, AA99, A9A, AA9A) then inward code (9AA), with the letters
// Royal Mail allows in each position; GIR 0AA is the one historic exception
const POSTCODE =
  /^(?:GIR0AA|[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])[0-9][ABD-HJLNP-UW-Z]{2})$/;

/**
 * A UK postcode in capitals with one space before the inward code, or undefined.
 * @example ukPostcode('gl161nz') // 'GL16 1NZ'
 */
export function ukPostcode(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  if (!POSTCODE.test(compact)) return undefined;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

const summary = 'Checks a UK postcode and writes it in capitals with one space before the last three characters.';

export const ukPostcodeTransform: Transform<undefined> = {
  name: 'uk_postcode',
  summary,
  usage: 'uk_postcode',
  options: undefined,
  examples: [
    { input: 'gl16 1nz', output: 'GL16 1NZ' },
    { input: 'SW1A1AA', output: 'SW1A 1AA' },
    { input: ' gir 0aa ', output: 'GIR 0AA' },
  ],
  // the protocol shows the summary: it already says the rule in plain words
  describe() {
    return summary;
  },
  compile() {
    return (value) => {
      if (value === null || value.trim() === '') return null;
      return (
        ukPostcode(value) ??
        invalidValue(`"${value}" is not a UK postcode (expected a form such as GL16 1NZ, SW1A 1AA or M1 1AE)`)
      );
    };
  },
};
