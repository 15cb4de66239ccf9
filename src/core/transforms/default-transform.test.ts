import { describe, expect, test } from 'vitest';
import { applyTransform } from './apply-transform.js';
import { defaultTransform } from './default-transform.js';

describe('default', () => {
  test('gives a blank value the default', () => {
    expect(applyTransform(defaultTransform, null, 'GB')).toEqual({ ok: true, value: 'GB' });
  });
  test('keeps a value that is there', () => {
    expect(applyTransform(defaultTransform, 'FR', 'GB')).toEqual({ ok: true, value: 'FR' });
  });
  test('makes a value without a source column', () => {
    expect(defaultTransform.makesValue).toBe(true);
  });
});
