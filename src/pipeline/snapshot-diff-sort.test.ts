import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KeyedRow } from '../core/diff/index.js';
import { tempDir } from '../test-support/temp-dir.js';
import { sortByKey, spillArea, type RowSpill } from './snapshot-diff-sort.js';

const dir = tempDir('cutover-diff-sort');
afterAll(() => dir.cleanup());

/** 3,000 rows in a shuffled order, some keys given twice, a chunk of 100 at a time. */
async function* shuffled(): AsyncGenerator<KeyedRow[]> {
  let state = 7;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648);
  for (let at = 0; at < 3000; at += 100) {
    const chunk: KeyedRow[] = [];
    for (let line = at + 2; line < at + 102; line++) {
      const key = `K${String(next() % 2500).padStart(5, '0')}`;
      chunk.push({ key, row: { line, values: [key, `value ${line}`, line % 7 === 0 ? null : 'x'] } });
    }
    yield chunk;
  }
}

// rows spilled as JSON arrays [key, line, values]
const json: RowSpill<KeyedRow> = {
  encoding: 'utf8',
  weigh: (r) => 100 + 2 * JSON.stringify(r.row.values).length,
  write: (r) => JSON.stringify([r.key, r.row.line, r.row.values]),
  read: (text) => {
    const [key, line, values] = JSON.parse(text) as [string, number, (string | null)[]];
    return { key, row: { line, values } };
  },
};

async function all(side: { chunks(): AsyncIterable<readonly KeyedRow[]> }): Promise<KeyedRow[]> {
  const rows: KeyedRow[] = [];
  for await (const chunk of side.chunks()) rows.push(...chunk);
  return rows;
}

describe('sortByKey', () => {
  it('sorts in memory within the budget, stably: a repeated key keeps the order its rows came in', async () => {
    const side = await sortByKey(shuffled(), 1 << 30, () => Promise.reject(new Error('no spill expected')), json);
    const rows = await all(side);
    expect(side).toMatchObject({ rows: 3000, runs: 0 });
    const expected: KeyedRow[] = [];
    for await (const chunk of shuffled()) expected.push(...chunk);
    expected.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.row.line - b.row.line));
    expect(rows).toEqual(expected);
  });

  it('gives the same rows in the same order from sorted runs spilled to owner-only files, removed afterwards', async () => {
    const inMemory = await all(await sortByKey(shuffled(), 1 << 30, () => Promise.reject(new Error('no spill expected')), json));
    const spill = spillArea(dir.path);
    const modes: number[] = [];
    const side = await sortByKey(shuffled(), 40_000, async (n) => join(await spill.dir(), `before-${n}.ndjson`), json);
    for (let n = 0; n < side.runs; n++) modes.push(statSync(join(await spill.dir(), `before-${n}.ndjson`)).mode & 0o777);
    expect(side.runs).toBeGreaterThan(5);
    expect(modes.every((m) => m === 0o600)).toBe(true);
    expect(statSync(await spill.dir()).mode & 0o777).toBe(0o700);
    expect(await all(side)).toEqual(inMemory);
    await spill.remove();
    expect(readdirSync(join(dir.path, 'tmp'))).toEqual([]);
  });
});
