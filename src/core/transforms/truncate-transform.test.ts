import { describe, expect, test } from 'vitest';
import { applyTransform } from './apply-transform.js';
import { truncateTransform } from './truncate-transform.js';

const run = (input: string | null, length: unknown) => applyTransform(truncateTransform, input, { length });

describe('truncate', () => {
  test('cuts longer values and keeps shorter ones', () => {
    expect([run('Gloucestershire', '5'), run('Glos', 5), run(null, 5)]).toEqual([
      { ok: true, value: 'Glouc' },
      { ok: true, value: 'Glos' },
      { ok: true, value: null },
    ]);
  });
  test('counts characters, not code units', () => {
    expect(run('😀😀😀', 2)).toEqual({ ok: true, value: '😀😀' });
  });
});
