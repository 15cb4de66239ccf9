import { describe, expect, test } from 'vitest';
import { applyTransform } from './apply-transform.js';
import { upperTransform } from './upper-transform.js';

describe('upper', () => {
  test('writes capitals, accented letters included', () => {
    expect(applyTransform(upperTransform, 'sw1a 1aa café')).toEqual({ ok: true, value: 'SW1A 1AA CAFÉ' });
  });
  test('passes blank through', () => {
    expect(applyTransform(upperTransform, null)).toEqual({ ok: true, value: null });
  });
});
