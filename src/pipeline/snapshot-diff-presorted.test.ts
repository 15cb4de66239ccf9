import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodedRows, DiffTally, mergeSortedSides, type KeyedRow, type RowChange } from '../core/diff/index.js';
import { tempDir } from '../test-support/temp-dir.js';
import { mergeInKeyOrder, storedChanges } from './snapshot-diff-presorted.js';

const dir = tempDir('cutover-diff-presorted');
afterAll(() => dir.cleanup());
const pairs = [{ column: 'ID', before: 0, after: 0 }, { column: 'Name', before: 1, after: 1 }];

/** Rows of [key, name], two a chunk. */
async function* side(rows: readonly (readonly [string, string | null])[]): AsyncGenerator<KeyedRow[]> {
  for (let at = 0; at < rows.length; at += 2) yield rows.slice(at, at + 2).map(([key, name], i) => ({ key, row: { line: at + i + 2, values: [key, name] } }));
}

async function changes(run: AsyncIterable<RowChange>): Promise<RowChange[]> {
  const found: RowChange[] = [];
  for await (const c of run) found.push(c);
  return found;
}

const before = [['A', 'Ann'], ['B', 'Bob'], ['B', 'Bob'], ['C', 'Cy'], ['E', null]] as const;
const after = [['A', 'Ann'], ['B', 'Bob'], ['C', 'Cyd'], ['D', 'Di'], ['E', '']] as const;

describe('mergeInKeyOrder', () => {
  it('merges sides in key order as they come, storing the same changes and counts the merge of sorted sides gives', async () => {
    const tally = new DiffTally('t.csv', ['ID']);
    const path = join(dir.path, 'in-order.ndjson');
    expect(await mergeInKeyOrder(side(before), side(after), pairs, tally, decodedRows, path)).toBe(true);
    const expected = new DiffTally('t.csv', ['ID']);
    expect(await changes(storedChanges(path))).toEqual(await changes(mergeSortedSides(side(before), side(after), pairs, expected, decodedRows)));
    expect(tally.summary()).toEqual(expected.summary());
    expect(tally.summary()).toMatchObject({ added: 1, changed: 2, deleted: 1, unchanged: 2, changedColumns: { Name: 2 } });
  });

  it('takes whole-number keys read in numeric order as in key order', async () => {
    const numbered = [['9', 'Nine'], ['10', 'Ten'], ['100', 'Hundred']] as const;
    expect(await mergeInKeyOrder(side(numbered), side(numbered), pairs, new DiffTally('t.csv', ['ID']), decodedRows, join(dir.path, 'numbers.ndjson'))).toBe(true);
  });

  it('gives up as soon as a side is out of key order', async () => {
    const shuffled = [['B', 'Bob'], ['A', 'Ann'], ['C', 'Cy']] as const;
    expect(await mergeInKeyOrder(side(before), side(shuffled), pairs, new DiffTally('t.csv', ['ID']), decodedRows, join(dir.path, 'after.ndjson'))).toBe(false);
    expect(await mergeInKeyOrder(side(shuffled), side(after), pairs, new DiffTally('t.csv', ['ID']), decodedRows, join(dir.path, 'before.ndjson'))).toBe(false);
  });
});
