import { describe, expect, test } from 'vitest';
import { orList, shownValue } from './rule-wording.js';

describe('shownValue', () => {
  test('quotes a value only when it would read wrongly bare', () => {
    expect(['GB', 'For Sale', '', ' x', 'x ', 'a, b', 'a; b', 'say "hi"', 'a → b', null].map(shownValue)).toEqual([
      'GB',
      'For Sale',
      '""',
      '" x"',
      '"x "',
      '"a, b"',
      '"a; b"',
      '"say \\"hi\\""',
      '"a → b"',
      'blank',
    ]);
  });
});

describe('orList', () => {
  test('joins items with commas and a last "or"', () => {
    expect([[], ['a'], ['a', 'b'], ['a', 'b', 'c']].map(orList)).toEqual(['', 'a', 'a or b', 'a, b or c']);
  });
});
