import { describe, expect, it } from 'vitest';
import { KeyLines, KeySet } from './key-index.js';

describe('key collections that outgrow one Map or Set', () => {
  it('KeyLines keeps the first line of every key across shards', () => {
    const lines = new KeyLines(2);
    ['a', 'b', 'c', 'd', 'e'].forEach((key, k) => lines.add(key, k + 2));
    expect(['a', 'c', 'e', 'z'].map((key) => lines.get(key))).toEqual([2, 4, 6, undefined]);
    lines.clear();
    expect(lines.get('a')).toBeUndefined();
  });

  it('KeySet holds each value once across shards', () => {
    const set = new KeySet(2);
    for (const key of ['a', 'b', 'a', 'c', 'b', 'd']) set.add(key);
    expect(['a', 'b', 'c', 'd', 'e'].map((key) => set.has(key))).toEqual([true, true, true, true, false]);
    expect((set as unknown as { shards: Set<string>[] }).shards.map((s) => [...s])).toEqual([['a', 'b'], ['c', 'd']]);
  });
});
