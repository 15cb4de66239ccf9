import { describe, expect, test } from 'vitest';
import { compileSourceKey, displayKey } from './source-key.js';

describe('compileSourceKey', () => {
  test('trims a one-column key and treats blank as no key', () => {
    const key = compileSourceKey([1]);
    expect([key(['x', ' P1 ']), key(['x', '  ']), key(['x', null]), key(['x'])]).toEqual(['P1', null, null, null]);
  });
  test('joins a composite key and needs every part', () => {
    const key = compileSourceKey([0, 2]);
    expect([key([' P1', 'x', 'APP ']), key(['P1', 'x', ''])]).toEqual(['P1\u001fAPP', null]);
  });
});

describe('displayKey', () => {
  test('shows composite parts separated by slashes', () => {
    expect(displayKey('P0001\u001fAPP')).toBe('P0001 / APP');
    expect(displayKey('P0001')).toBe('P0001');
  });
});
