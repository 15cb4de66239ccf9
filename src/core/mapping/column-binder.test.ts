import { describe, expect, test } from 'vitest';
import { ColumnBinder } from './column-binder.js';

const where = { file: 'specs/x.yaml', line: 4, column: 11 };

describe('ColumnBinder', () => {
  test('binds the first of a column’s names that the source has', () => {
    const binder = new ColumnBinder(['ID', 'E-mail', 'EmailAddress'], 'people.csv');
    expect([binder.index('Email', where, ['EmailAddress', 'E-mail']), binder.index('ID', where), binder.problems]).toEqual([2, 0, []]);
  });

  test('names every name it tried when none is there', () => {
    const binder = new ColumnBinder(['ID', 'Mail'], 'people.csv');
    expect(binder.index('Email', where, ['EmailAddress', 'E-mail'])).toBe(-1);
    expect(binder.index('Phone', where)).toBe(-1);
    expect(binder.problems).toEqual([
      {
        code: 'unknown_column',
        file: 'specs/x.yaml',
        line: 4,
        column: 11,
        message:
          'none of the names "Email", "EmailAddress", "E-mail" is a column of people.csv (its columns are: ID, Mail). ' +
          'Did you mean "Mail"? Add the name this file uses to the list.',
      },
      { code: 'unknown_column', file: 'specs/x.yaml', line: 4, column: 11, message: 'column "Phone" is not in people.csv (its columns are: ID, Mail).' },
    ]);
  });
});
