import { describe, expect, test } from 'vitest';
import { SamplePicker } from './sample-picker.js';
import { ColumnDigest } from './column-digest.js';

const pick = (seed: number, keys: readonly string[], size = 3) => {
  const picker = new SamplePicker<string>(seed, size);
  for (const key of keys) picker.offer(key, () => key);
  return picker.items();
};

describe('SamplePicker', () => {
  const keys = Array.from({ length: 500 }, (_, i) => `P${i}`);

  test('gives the same sample for the same seed, whatever the order of the rows', () => {
    expect(pick(7, keys)).toEqual(pick(7, [...keys].reverse()));
    expect(pick(7, keys)).toHaveLength(3);
  });

  test('gives another sample for another seed', () => {
    expect(pick(8, keys)).not.toEqual(pick(7, keys));
  });
});

describe('ColumnDigest', () => {
  const digest = (rows: readonly [string, string | null][]) => {
    const d = new ColumnDigest();
    for (const [id, value] of rows) d.add(id, value);
    return d.hex();
  };

  test('ignores order, sees one changed value or a blank', () => {
    expect(digest([['1', 'a'], ['2', 'b']])).toBe(digest([['2', 'b'], ['1', 'a']]));
    expect(digest([['1', '10.00'], ['2', 'b']])).not.toBe(digest([['1', '10.01'], ['2', 'b']]));
    expect(digest([['1', ''], ['2', 'b']])).not.toBe(digest([['1', null], ['2', 'b']]));
  });
});
