import type { Transform } from './transform.js';

export const upperTransform: Transform<undefined> = {
  name: 'upper',
  summary: 'Writes the value in capital letters.',
  usage: 'upper',
  options: undefined,
  examples: [{ input: 'sw1a 1aa', output: 'SW1A 1AA' }],
  describe() {
    return 'write in capital letters';
  },
  compile() {
    return (value) => (value === null ? null : value.toUpperCase());
  },
};
