import type { Transform } from './transform.js';

export const collapseSpacesTransform: Transform<undefined> = {
  name: 'collapse_spaces',
  summary: 'Turns each run of spaces, tabs or line breaks into one space and trims both ends.',
  usage: 'collapse_spaces',
  options: undefined,
  examples: [{ input: ' 12   High\u00a0 Street ', output: '12 High Street' }],
  describe() {
    return 'turn each run of spaces or line breaks into one space and remove surrounding spaces';
  },
  compile() {
    return (value) => {
      if (value === null) return null;
      const collapsed = value.replace(/\s+/g, ' ').trim();
      return collapsed === '' ? null : collapsed;
    };
  },
};
