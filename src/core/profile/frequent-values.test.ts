import { describe, expect, it } from 'vitest';
import { createFrequentValues } from './frequent-values.js';

describe('createFrequentValues', () => {
  it('counts exactly while under its bound', () => {
    const f = createFrequentValues(10);
    for (const v of ['b', 'a', 'b', 'c', 'b', 'a']) f.add(v);
    expect({ approximate: f.approximate, size: f.size, top: f.top(2) }).toEqual({
      approximate: false, size: 3, top: [{ value: 'b', count: 3 }, { value: 'a', count: 2 }],
    });
  });

  it('keeps the heavy hitters of a long tail once over its bound', () => {
    const f = createFrequentValues(100);
    for (let i = 0; i < 100_000; i++) f.add(i % 10 === 0 ? 'London' : i % 25 === 0 ? 'Leeds' : `town ${i}`);
    const top = f.top(2);
    expect({ approximate: f.approximate, values: top.map((t) => t.value) }).toEqual({ approximate: true, values: ['London', 'Leeds'] });
    // Misra-Gries undercounts by at most N / (bound + 1)
    expect(top[0]!.count).toBeLessThanOrEqual(10_000);
    expect(top[0]!.count).toBeGreaterThanOrEqual(10_000 - 100_000 / 101);
  });

  it('forgets every counter at 1 in one go and goes on counting, and keeps those above 1', () => {
    const f = createFrequentValues(3);
    for (const v of ['a', 'b', 'c', 'd', 'a', 'a', 'b', 'b', 'b', 'c', 'e']) f.add(v);
    // d empties the map; then a:2, b:3, c:1 fill it and e takes one from each
    expect({ approximate: f.approximate, size: f.size, top: f.top(3) }).toEqual({
      approximate: true, size: 2, top: [{ value: 'b', count: 2 }, { value: 'a', count: 1 }],
    });
  });
});
