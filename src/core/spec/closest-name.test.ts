import { describe, expect, test } from 'vitest';
import { closestName, didYouMean } from './closest-name.js';

describe('closestName', () => {
  test.each([
    ['tabel', ['source', 'key', 'table'], 'table'],
    ['datee', ['trim', 'date', 'time'], 'date'],
    ['Emial', ['PersonID', 'Email', 'Phone'], 'Email'],
    ['email', ['PersonID', 'Email'], 'Email'],
    ['frm', ['from', 'required'], 'from'],
    ['colour', ['source', 'key', 'table'], undefined],
    ['x', ['y', 'z'], undefined],
  ])('%s among %j -> %s', (input, candidates, expected) => {
    expect(closestName(input, candidates)).toBe(expected);
  });

  test('words a suggestion, or nothing', () => {
    expect(didYouMean('tabel', ['table'])).toBe(' Did you mean "table"?');
    expect(didYouMean('colour', ['table'])).toBe('');
  });
});
