import { describe, expect, test } from 'vitest';
import { applyTransform } from './apply-transform.js';
import { collapseSpacesTransform } from './collapse-spaces-transform.js';

describe('collapse_spaces', () => {
  test('turns runs of spaces, tabs and line breaks into one space and trims', () => {
    expect(applyTransform(collapseSpacesTransform, ' 12  High\t\u00a0Street\r\nLondon ')).toEqual({
      ok: true,
      value: '12 High Street London',
    });
  });
  test('turns a value of only spaces into blank', () => {
    expect(applyTransform(collapseSpacesTransform, '   ')).toEqual({ ok: true, value: null });
  });
  test('passes blank through', () => {
    expect(applyTransform(collapseSpacesTransform, null)).toEqual({ ok: true, value: null });
  });
});
