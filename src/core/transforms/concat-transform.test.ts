import { describe, expect, test } from 'vitest';
import { applyTransform } from './apply-transform.js';
import { concatTransform } from './concat-transform.js';

const run = (columns: readonly (string | null)[], options: unknown = { columns: ['A', 'B', 'C'] }) =>
  applyTransform(concatTransform, null, options, undefined, columns);

describe('concat', () => {
  test('joins the columns with a space, trimming each and skipping blanks', () => {
    expect([run(['Mr', ' John ', 'Smith']), run(['', 'John', null]), run([' ', null, ''])]).toEqual([
      { ok: true, value: 'Mr John Smith' },
      { ok: true, value: 'John' },
      { ok: true, value: null },
    ]);
  });
  test('joins with the separator given', () => {
    expect(run(['1 Mill Lane', 'Upton'], { columns: ['A', 'B'], separator: ', ' })).toEqual({ ok: true, value: '1 Mill Lane, Upton' });
  });
  test('normalises each column to its list of names', () => {
    expect(concatTransform.options?.parse({ columns: ['Title', ['Forename', 'FirstName']] })).toEqual({
      columns: [['Title'], ['Forename', 'FirstName']],
      separator: ' ',
    });
  });
  test('reads the columns named in its options', () => {
    const options = concatTransform.options?.parse({ columns: ['A', ['B', 'B2']] });
    expect(options === undefined ? undefined : concatTransform.readsColumns?.(options)).toEqual([['A'], ['B', 'B2']]);
  });
  test('needs two columns or more', () => {
    expect(concatTransform.options?.safeParse({ columns: ['A'] }).error?.issues.map((issue) => [issue.path, issue.code])).toEqual([
      [['columns'], 'too_small'],
    ]);
  });
});
