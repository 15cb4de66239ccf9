import { describe, expect, it } from 'vitest';
import { booksBalance, booksDifference } from './ledger.js';

describe('books', () => {
  it('balance when every source row is accounted for', () => {
    const books = { source: 10, loaded: 6, rejected: 2, excluded: 1, merged: 1 };
    expect(booksBalance(books)).toBe(true);
    expect(booksDifference(books)).toBe(0);
  });

  it('do not balance when a row vanished', () => {
    const books = { source: 10, loaded: 6, rejected: 2, excluded: 1, merged: 0 };
    expect(booksBalance(books)).toBe(false);
    expect(booksDifference(books)).toBe(1);
  });
});
