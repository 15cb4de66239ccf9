import { describe, expect, it } from 'vitest';
import { createHyperLogLog } from './hyper-log-log.js';

function relativeError(n: number, make: (i: number) => string): number {
  const hll = createHyperLogLog();
  // every value twice: repeats must not count
  for (let round = 0; round < 2; round++) for (let i = 0; i < n; i++) hll.add(make(i));
  return Math.abs(hll.estimate() - n) / n;
}

describe('createHyperLogLog', () => {
  it('estimates known cardinalities within 3%', () => {
    const errors = [
      relativeError(1_000, (i) => String(i)),
      relativeError(20_000, (i) => `C${i}`),
      relativeError(100_000, (i) => `person-${i}@example.com`),
      relativeError(1_000_000, (i) => String(i * 7919)),
    ];
    expect(errors.map((e) => e < 0.03)).toEqual([true, true, true, true]);
  });

  it('says 0 when fed nothing and 1 for one value', () => {
    const hll = createHyperLogLog();
    expect(hll.estimate()).toBe(0);
    hll.add('x');
    hll.add('x');
    expect(hll.estimate()).toBe(1);
  });
});
