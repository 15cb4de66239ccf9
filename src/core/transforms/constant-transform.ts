import { textOption } from './option-schemas.js';
import { shownValue } from './rule-wording.js';
import type { Transform } from './transform.js';

export const constantTransform: Transform<string> = {
  name: 'constant',
  summary: 'Gives every row the value written after constant:, whatever the source holds.',
  usage: 'constant: VALUE',
  options: textOption,
  examples: [{ options: 'legacy-crm', input: null, output: 'legacy-crm' }],
  makesValue: true,
  describe(constant) {
    return `always write ${shownValue(constant)}, whatever the source holds`;
  },
  compile(constant) {
    return () => constant;
  },
};
