import { describe, expect, it } from 'vitest';
import { booksBalance, booksDifference, parentNotDelivered, parentNotImported, whyInWords } from './ledger.js';

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

describe('why a row was not imported, in words', () => {
  it('says whether an orphan\'s parent was not imported or is not in the delivery at all', () => {
    expect(whyInWords('rejected', 'orphan', `support_rep: its staff "13", line 14, ${parentNotImported} email: "bea at" is not an e-mail address`)).toBe(
      'it points at a record that was not imported itself',
    );
    expect(whyInWords('rejected', 'orphan', `reports_to: ${parentNotDelivered} staff "99" in staff.csv`)).toBe('it points at a record that is not in the delivery');
    expect(whyInWords('rejected', 'orphan', 'no person with key "P9" was loaded')).toBe('it points at a record that does not exist');
    expect(whyInWords('rejected', 'orphan')).toBe('it points at a record that does not exist');
  });
});
