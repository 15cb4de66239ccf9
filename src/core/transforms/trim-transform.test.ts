import { describe, expect, test } from 'vitest';
import { applyTransform } from './apply-transform.js';
import { trimTransform } from './trim-transform.js';

describe('trim', () => {
  test('removes spaces, tabs and non-breaking spaces at both ends', () => {
    expect(applyTransform(trimTransform, ' \t\u00a0Smith \u00a0')).toEqual({ ok: true, value: 'Smith' });
  });
  test('keeps spaces inside the value', () => {
    expect(applyTransform(trimTransform, ' Mary  Ann ')).toEqual({ ok: true, value: 'Mary  Ann' });
  });
  test('turns a value of only spaces into blank', () => {
    expect(applyTransform(trimTransform, ' \u00a0 ')).toEqual({ ok: true, value: null });
  });
  test('passes blank through', () => {
    expect(applyTransform(trimTransform, null)).toEqual({ ok: true, value: null });
  });
});
