import { open } from 'node:fs/promises';
import { readJsonLines } from './snapshot-diff-sort.js';
import { keyBefore, mergeSortedSides, type ColumnPair, type DiffTally, type Keyed, type RowChange, type RowReading } from '../core/diff/index.js';

type Order = { broken: boolean };

/** A side's rows as they come, ending early (and saying so) at the first key lower than the one before it. */
async function* inKeyOrder<T extends Keyed>(rows: AsyncIterable<readonly T[]>, order: Order): AsyncGenerator<readonly T[]> {
  let last = '';
  for await (const chunk of rows) {
    for (const row of chunk) {
      if (keyBefore(row.key, last)) {
        order.broken = true;
        return;
      }
      last = row.key;
    }
    yield chunk;
  }
}

// a change as one JSON array: kind, key, the row before or the new row, and for a changed row the row after and its columns
type Stored = [string, string, number, (string | null)[], number?, (string | null)[]?, string[]?];

const store = (c: RowChange): Stored =>
  c.kind === 'new' ? ['n', c.key, c.after.line, [...c.after.values]]
  : c.kind === 'deleted' ? ['d', c.key, c.before.line, [...c.before.values]]
  : ['c', c.key, c.before.line, [...c.before.values], c.after.line, [...c.after.values], [...c.columns]];

const restore = (s: Stored): RowChange =>
  s[0] === 'n' ? { kind: 'new', key: s[1], after: { line: s[2], values: s[3] } }
  : s[0] === 'd' ? { kind: 'deleted', key: s[1], before: { line: s[2], values: s[3] } }
  : { kind: 'changed', key: s[1], before: { line: s[2], values: s[3] }, after: { line: s[4]!, values: s[5]! }, columns: s[6]! };

/**
 * Merge-joins two sides straight from the snapshots, for a table delivered in key order
 * on both sides (a database table read by its key, most exports): one read of each and
 * no sort. The changes go to an owner-only file at `path`, to be handed out once both
 * reads have ended (and so been checked against their hashes). False as soon as a side
 * is found out of order: the caller then sorts, and `tally` must be thrown away.
 */
export async function mergeInKeyOrder<T extends Keyed>(
  before: AsyncIterable<readonly T[]>,
  after: AsyncIterable<readonly T[]>,
  pairs: readonly ColumnPair[],
  tally: DiffTally,
  reading: RowReading<T>,
  path: string,
): Promise<boolean> {
  const a: Order = { broken: false };
  const b: Order = { broken: false };
  const file = await open(path, 'wx', 0o600);
  try {
    let lines: string[] = [];
    for await (const change of mergeSortedSides(inKeyOrder(before, a), inKeyOrder(after, b), pairs, tally, reading)) {
      if (a.broken || b.broken) break;
      lines.push(JSON.stringify(store(change)));
      if (lines.length >= 1000) {
        await file.write(lines.join('\n') + '\n');
        lines = [];
      }
    }
    if (lines.length > 0) await file.write(lines.join('\n') + '\n');
  } finally {
    await file.close();
  }
  return !a.broken && !b.broken;
}

/** Hands out the changes `mergeInKeyOrder` stored, in the order they were found. */
export async function* storedChanges(path: string): AsyncGenerator<RowChange> {
  for await (const stored of readJsonLines<Stored>(path, 1024 * 1024)) for (const s of stored) yield restore(s);
}
