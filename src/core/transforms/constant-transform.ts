import { textOption } from './option-schemas.js';
import type { Transform } from './transform.js';

export const constantTransform: Transform<string> = {
  name: 'constant',
  summary: 'Gives every row the value written after constant:, whatever the source holds.',
  usage: 'constant: VALUE',
  options: textOption,
  examples: [{ options: 'legacy-crm', input: null, output: 'legacy-crm' }],
  makesValue: true,
  compile(constant) {
    return () => constant;
  },
};
