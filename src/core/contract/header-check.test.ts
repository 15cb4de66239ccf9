import { describe, expect, it } from 'vitest';
import { parseContract } from './contract-parser.js';
import { checkHeader } from './header-check.js';

const contract = (settings: string) =>
  parseContract(`version: 1\nfiles:\n  a.csv:\n${settings}\n    columns:\n      Ref: text\n      Name: text\n      Town: { required: false }\n`, 'c.yaml').files[0]!;

describe('checkHeader', () => {
  it('accepts the agreed columns in any order by default, and an optional column left out', () => {
    expect(checkHeader(contract(''), ['Name', 'Ref'])).toEqual({ problems: [], positions: new Map([['Ref', 1], ['Name', 0], ['Town', -1]]) });
  });

  it('holds the order when it is fixed, and ignores extra columns when they are allowed', () => {
    expect(checkHeader(contract('    column_order: fixed\n    extra_columns: allowed'), ['Name', 'Notes', 'Ref', 'Town']).problems).toEqual([
      { file: 'a.csv', line: 1, column: null, code: 'column_order', severity: 'error', message: 'the columns are not in the agreed order: expected Ref, Name, Town; found Name, Ref, Town' },
    ]);
  });

  it('makes extra columns errors when the contract says so, and names a renamed optional column as a warning', () => {
    expect(checkHeader(contract('    extra_columns: error'), ['Ref', 'Name', 'Twon', 'Notes']).problems).toEqual([
      { file: 'a.csv', line: 1, column: 'Twon', code: 'column_renamed', severity: 'warning', message: 'the header has "Twon" where the contract expects the column "Town": rename the column back, or correct the contract if the new name is agreed' },
      { file: 'a.csv', line: 1, column: 'Notes', code: 'column_unexpected', severity: 'error', message: 'the header has a column "Notes" that the contract does not name' },
    ]);
  });
});
