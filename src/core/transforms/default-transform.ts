import { textOption } from './option-schemas.js';
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
  compile(fallback) {
    return (value) => value ?? fallback;
  },
};
