import { describe, expect, it } from 'vitest';
import { defaultRejectLimit, readRejectLimit, rejectLimitInWords, rejectsPastLimit } from './reject-limit.js';

describe('reject limits', () => {
  it('reads a share or a count of rows', () => {
    expect([readRejectLimit('5%'), readRejectLimit(' 0.5 % '), readRejectLimit(12), readRejectLimit('12'), readRejectLimit(0)]).toEqual([
      { share: 5 }, { share: 0.5 }, { rows: 12 }, { rows: 12 }, { rows: 0 },
    ]);
  });

  it('refuses anything else with what to write', () => {
    for (const bad of ['lots', '-1', '120%', 1.5, '5 percent']) {
      expect(readRejectLimit(bad)).toBe(undefined);
    }
  });

  it('is passed only by more rows than it allows', () => {
    const books = (source: number, rejected: number) => ({ source, rejected });
    expect([
      rejectsPastLimit(books(59, 52), defaultRejectLimit),
      rejectsPastLimit(books(100, 5), defaultRejectLimit),
      rejectsPastLimit(books(100, 6), defaultRejectLimit),
      rejectsPastLimit(books(0, 0), defaultRejectLimit),
      rejectsPastLimit(books(1000, 3), { rows: 3 }),
      rejectsPastLimit(books(1000, 4), { rows: 3 }),
      rejectsPastLimit(books(10, 1), { rows: 0 }),
    ]).toEqual([true, false, true, false, false, true, true]);
  });

  it('says the limit in words', () => {
    expect([rejectLimitInWords(defaultRejectLimit), rejectLimitInWords({ rows: 1 }), rejectLimitInWords({ rows: 0 }), rejectLimitInWords({ rows: 1200 })]).toEqual([
      '5% of its rows', '1 row', 'no row', '1,200 rows',
    ]);
  });
});
