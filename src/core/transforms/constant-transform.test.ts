import { describe, expect, test } from 'vitest';
import { applyTransform } from './apply-transform.js';
import { constantTransform } from './constant-transform.js';

describe('constant', () => {
  test('gives every value the constant', () => {
    expect(applyTransform(constantTransform, 'anything', 'legacy-crm')).toEqual({ ok: true, value: 'legacy-crm' });
    expect(applyTransform(constantTransform, null, 'legacy-crm')).toEqual({ ok: true, value: 'legacy-crm' });
  });
  test('needs a value', () => {
    expect(() => applyTransform(constantTransform, null, undefined)).toThrow(
      'the options of "constant" are not valid: Invalid input: expected string, received undefined',
    );
  });
});
