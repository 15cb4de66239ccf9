import { describe, expect, it } from 'vitest';
import { isCutoverError } from '../cutover-error.js';
import { pairColumns } from './column-pairing.js';

describe('pairColumns', () => {
  it('pairs columns by name wherever they stand', () => {
    expect(pairColumns({ table: 'people.csv', before: ['ID', 'Name', 'Phone'], after: ['Phone', 'ID', 'Name'], keyColumns: ['ID'] })).toEqual({
      keyBefore: [0], keyAfter: [1],
      pairs: [{ column: 'ID', before: 0, after: 1 }, { column: 'Name', before: 1, after: 2 }, { column: 'Phone', before: 2, after: 0 }],
      notes: [],
    });
  });

  it('follows a key column renamed in place, and one the spec gives another name, and says so', () => {
    const inPlace = pairColumns({ table: 'people.csv', before: ['PersonID', 'Name'], after: ['PersonRef', 'Name'], keyColumns: ['PersonID'] });
    expect(inPlace.keyAfter).toEqual([0]);
    expect(inPlace.notes).toEqual(['The key column "PersonID" of people.csv is called "PersonRef" in the later snapshot: rows are matched by it all the same.']);
    const aliased = pairColumns({ table: 'people.csv', before: ['PersonID', 'Name'], after: ['Name', 'ContactID'], keyColumns: ['PersonID'], keyAliases: [['ContactID']] });
    expect(aliased).toMatchObject({ keyBefore: [0], keyAfter: [1], pairs: [{ column: 'PersonID', before: 0, after: 1 }, { column: 'Name', before: 1, after: 0 }] });
  });

  it('says which columns are gone and which are new, and compares neither', () => {
    const p = pairColumns({ table: 'diary.csv', before: ['ID', 'Notes', 'Old'], after: ['ID', 'Notes', 'Extra', 'Added'], keyColumns: ['ID'] });
    expect(p.pairs.map((x) => x.column)).toEqual(['ID', 'Notes', 'Old']);
    // in place of Old stands Extra: read as a rename
    expect(p.notes).toEqual([
      'Column "Old" of diary.csv is called "Extra" in the later snapshot: compared as the same column.',
      'Column "Added" of diary.csv is new in the later snapshot: its values are not compared.',
    ]);
    const dropped = pairColumns({ table: 'diary.csv', before: ['ID', 'Old', 'Notes'], after: ['ID', 'Notes'], keyColumns: ['ID'] });
    expect(dropped.notes).toEqual(['Column "Old" of diary.csv is not in the later snapshot: its values are not compared.']);
  });

  it('refuses a key column neither side has under any name, naming the columns there are', () => {
    let error: unknown;
    try {
      pairColumns({ table: 'people.csv', before: ['Ref', 'Name'], after: ['Ref', 'Name'], keyColumns: ['PersonID'] });
    } catch (e) {
      error = e;
    }
    expect(isCutoverError(error, 'key_column_missing')).toBe(true);
    expect((error as Error).message).toBe(
      'The earlier snapshot\'s people.csv has no key column "PersonID" (its columns are: Ref, Name). Name the column the key is now called in the spec\'s key for this table, then compare again.',
    );
  });
});
