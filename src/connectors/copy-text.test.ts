import { describe, expect, it } from 'vitest';
import { copyLine } from './copy-text.js';

describe('copyLine', () => {
  it('escapes the characters COPY text gives meaning to and marks nulls', () => {
    expect(copyLine(['a\tb', 'line1\r\nline2', 'back\\slash', null, 42, ''])).toBe(
      'a\\tb\tline1\\r\\nline2\tback\\\\slash\t\\N\t42\t\n',
    );
  });
});
