import { textOption } from './option-schemas.js';
import { shownValue } from './rule-wording.js';
import type { Transform } from './transform.js';

export const defaultTransform: Transform<string> = {
  name: 'default',
  summary: 'Gives a blank value the value written after default:; other values pass unchanged.',
  usage: 'default: VALUE',
  options: textOption,
  examples: [
    { options: 'GB', input: null, output: 'GB' },
    { options: 'GB', input: 'FR', output: 'FR' },
  ],
  makesValue: true,
  describe(fallback) {
    return `when blank, write ${shownValue(fallback)}`;
  },
  compile(fallback) {
    return (value) => value ?? fallback;
  },
};
