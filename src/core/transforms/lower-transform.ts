import type { Transform } from './transform.js';

export const lowerTransform: Transform<undefined> = {
  name: 'lower',
  summary: 'Writes the value in small letters.',
  usage: 'lower',
  options: undefined,
  examples: [{ input: 'Jane.Doe@Example.COM', output: 'jane.doe@example.com' }],
  describe() {
    return 'write in small letters';
  },
  compile() {
    return (value) => (value === null ? null : value.toLowerCase());
  },
};
