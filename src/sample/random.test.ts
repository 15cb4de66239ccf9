import { describe, expect, test } from 'vitest';
import { Random, randomFor } from './random.js';

const draws = (r: Random, n: number) => Array.from({ length: n }, () => r.next());

describe('randomFor', () => {
  test('gives the same numbers for the same seed, stream and index', () => {
    expect(draws(randomFor(7, 3, 41), 5)).toEqual(draws(randomFor(7, 3, 41), 5));
  });

  test('gives other numbers when any of the three changes', () => {
    const base = draws(randomFor(7, 3, 41), 5);
    expect(draws(randomFor(8, 3, 41), 5)).not.toEqual(base);
    expect(draws(randomFor(7, 4, 41), 5)).not.toEqual(base);
    expect(draws(randomFor(7, 3, 42), 5)).not.toEqual(base);
  });

  test('keeps int and between inside their bounds and spreads them out', () => {
    const r = randomFor(1, 1, 1);
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i += 1) {
      const n = r.int(10);
      const m = r.between(-3, 3);
      expect(n >= 0 && n < 10 && m >= -3 && m <= 3).toBe(true);
      seen.add(n);
    }
    expect(seen.size).toBe(10);
  });
});
