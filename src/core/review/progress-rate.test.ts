import { describe, expect, it } from 'vitest';
import { progressRates } from './progress-rate.js';

describe('progressRates', () => {
  it('times each entity from when the one before it last moved, and what is left at its rate', () => {
    expect(progressRates([
      { entity: 'person', total: 1000, rowsRead: 1000, done: true, updatedAt: 10_000 },
      { entity: 'property', total: 4000, rowsRead: 1000, done: false, updatedAt: 14_000 },
      { entity: 'tenancy', total: 500, rowsRead: 0, done: false, updatedAt: null },
    ], 0, 15_000)).toEqual([
      { entity: 'person', done: 1000, total: 1000, finished: true, rowsPerSecond: 100, secondsLeft: 0 },
      { entity: 'property', done: 1000, total: 4000, finished: false, rowsPerSecond: 200, secondsLeft: 15 },
      { entity: 'tenancy', done: 0, total: 500, finished: false, rowsPerSecond: null, secondsLeft: null },
    ]);
  });
});
