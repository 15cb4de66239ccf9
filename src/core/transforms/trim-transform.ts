import type { Transform } from './transform.js';

export const trimTransform: Transform<undefined> = {
  name: 'trim',
  summary: 'Removes spaces, tabs and non-breaking spaces from both ends; an empty result is blank.',
  usage: 'trim',
  options: undefined,
  examples: [
    { input: '  Smith\u00a0', output: 'Smith' },
    { input: '   ', output: null },
  ],
  describe() {
    return 'remove surrounding spaces (nothing left: blank)';
  },
  compile() {
    return (value) => {
      if (value === null) return null;
      // String#trim covers non-breaking and other Unicode spaces
      const trimmed = value.trim();
      return trimmed === '' ? null : trimmed;
    };
  },
};
