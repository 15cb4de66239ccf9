import { describe, expect, test } from 'vitest';
import { applyTransform } from './apply-transform.js';
import { titleCaseTransform } from './title-case-transform.js';

describe('title_case', () => {
  test.each([
    ["o'BRIEN", "O'Brien"],
    ['o\u2019brien', 'O\u2019Brien'],
    ['smith-jones', 'Smith-Jones'],
    ['mary ann', 'Mary Ann'],
    ['JOSÉ ÁLVAREZ', 'José Álvarez'],
    ["st bob's road", "St Bob's Road"],
    ['flat 3rd floor', 'Flat 3rd Floor'],
    ['MacLeod', 'MacLeod'],
    ['macleod', 'Macleod'],
    ['MACLEOD', 'Macleod'],
    ['McDONALD', 'McDONALD'],
    ['van der BERG', 'Van Der Berg'],
  ])('%s -> %s', (input, output) => {
    expect(applyTransform(titleCaseTransform, input)).toEqual({ ok: true, value: output });
  });
  test('passes blank through', () => {
    expect(applyTransform(titleCaseTransform, null)).toEqual({ ok: true, value: null });
  });
});
