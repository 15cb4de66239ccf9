import { describe, expect, it } from 'vitest';
import { countWords } from './count-words.js';

describe('countWords', () => {
  it('agrees the noun with its number', () => {
    expect([countWords(0, 'row'), countWords(1, 'row'), countWords(2, 'row'), countWords(1234, 'row'), countWords(1, 'query', 'queries'), countWords(3, 'query', 'queries')]).toEqual([
      '0 rows', '1 row', '2 rows', '1,234 rows', '1 query', '3 queries',
    ]);
  });
});
