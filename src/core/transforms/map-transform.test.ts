import { describe, expect, test } from 'vitest';
import { applyTransform } from './apply-transform.js';
import { mapTransform } from './map-transform.js';

const statuses = { 'For Sale': 'for_sale', 'To Let': 'to_let', Let: 'let', Sold: 'sold', Withdrawn: 'withdrawn' };

describe('map', () => {
  test('replaces a listed value', () => {
    expect(applyTransform(mapTransform, 'To Let', { values: statuses, unmapped: 'reject' })).toEqual({ ok: true, value: 'to_let' });
  });
  test('rejects an unlisted value, naming the listed ones', () => {
    expect(applyTransform(mapTransform, 'Archived', { values: statuses, unmapped: 'reject' })).toEqual({
      ok: false,
      code: 'invalid_value',
      message: '"Archived" is not in the value map (expected one of: For Sale, To Let, Let, Sold, Withdrawn)',
    });
  });
  test('shortens a long list of expected values', () => {
    const values = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`V${i + 1}`, `v${i + 1}`]));
    expect(applyTransform(mapTransform, 'X', { values, unmapped: 'reject' })).toEqual({
      ok: false,
      code: 'invalid_value',
      message: '"X" is not in the value map (expected one of: V1, V2, V3, V4, V5, V6, V7, V8, V9, V10 and 2 more)',
    });
  });
  test('keeps an unlisted value', () => {
    expect(applyTransform(mapTransform, 'Revd', { values: { MR: 'Mr' }, unmapped: 'keep' })).toEqual({ ok: true, value: 'Revd' });
  });
  test('gives an unlisted value the default', () => {
    expect(applyTransform(mapTransform, 'N', { values: { Y: 'true' }, default: 'false' })).toEqual({ ok: true, value: 'false' });
  });
  test('can map a value to blank', () => {
    expect(applyTransform(mapTransform, 'N/A', { values: { 'N/A': null }, unmapped: 'keep' })).toEqual({ ok: true, value: null });
  });
  test('ignores case when asked', () => {
    const options = { values: { Client: 'client' }, unmapped: 'reject', ignore_case: 'true' };
    expect(applyTransform(mapTransform, 'CLIENT', options)).toEqual({ ok: true, value: 'client' });
    expect(applyTransform(mapTransform, 'CLIENT', { ...options, ignore_case: false })).toEqual({
      ok: false,
      code: 'invalid_value',
      message: '"CLIENT" is not in the value map (expected one of: Client)',
    });
  });
  test('passes blank through, even with a default', () => {
    expect(applyTransform(mapTransform, null, { values: { Y: 'true' }, default: 'false' })).toEqual({ ok: true, value: null });
  });
  test('needs exactly one of default and unmapped', () => {
    const messages = (options: unknown) => mapTransform.options?.safeParse(options).error?.issues.map((issue) => issue.message);
    expect(messages({ values: { A: 'a' } })).toEqual(['a value map needs `default: VALUE` or `unmapped: keep|reject`']);
    expect(messages({ values: { A: 'a' }, unmapped: 'keep', default: 'x' })).toEqual([
      'a value map takes `default: VALUE` or `unmapped: keep|reject`, not both',
    ]);
  });
  test('refuses values that clash once case is ignored', () => {
    const parsed = mapTransform.options?.safeParse({ values: { Mr: 'Mr', MR: 'Mister' }, unmapped: 'keep', ignore_case: true });
    expect(parsed?.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [['values', 'MR'], '"Mr" and "MR" are the same value when case is ignored but map to different values; keep one'],
    ]);
  });
});
