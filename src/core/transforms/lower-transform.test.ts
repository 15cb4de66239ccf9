import { describe, expect, test } from 'vitest';
import { applyTransform } from './apply-transform.js';
import { lowerTransform } from './lower-transform.js';

describe('lower', () => {
  test('writes small letters', () => {
    expect(applyTransform(lowerTransform, 'Jane.DOE@Example.COM')).toEqual({ ok: true, value: 'jane.doe@example.com' });
  });
  test('passes blank through', () => {
    expect(applyTransform(lowerTransform, null)).toEqual({ ok: true, value: null });
  });
});
