import type { SourceRow } from '../source-row.js';
import type { ColumnPair } from './column-pairing.js';
import type { DiffTally } from './diff-tally.js';
import { keyBefore } from './key-order.js';
import type { Keyed, KeyedRow, RowChange } from './row-change.js';

/**
 * How the merge reads the rows of both sides: a quick test that two rows hold the same
 * values, and each row decoded, asked for only when the quick test says they may differ
 * (and for every row of a repeated key).
 */
export interface RowReading<T extends Keyed> {
  /** true only when the rows certainly hold the same value in every paired column; false sends them to a column by column compare */
  alike(before: T, after: T): boolean;
  before(row: T): SourceRow;
  after(row: T): SourceRow;
}

/** Rows read already: compared column by column. */
export const decodedRows: RowReading<KeyedRow> = { alike: () => false, before: (r) => r.row, after: (r) => r.row };

/** Reads a side sorted by key a chunk at a time; `current` is the row under it, undefined at the end. */
class Cursor<T extends Keyed> {
  chunk: readonly T[] = [];
  at = 0;
  done = false;
  private readonly source: AsyncIterator<readonly T[]>;

  constructor(chunks: AsyncIterable<readonly T[]>) {
    this.source = chunks[Symbol.asyncIterator]();
  }

  get current(): T | undefined {
    return this.chunk[this.at];
  }

  /** True when the next chunk must be fetched before `current` can be read. */
  get empty(): boolean {
    return !this.done && this.at >= this.chunk.length;
  }

  async fill(): Promise<void> {
    while (this.empty) {
      const step = await this.source.next();
      if (step.done) this.done = true;
      else {
        this.chunk = step.value;
        this.at = 0;
      }
    }
  }

  async close(): Promise<void> {
    await this.source.return?.();
  }
}

/** The columns whose values differ between two rows; a missing cell reads as null. */
export function changedColumns(before: SourceRow, after: SourceRow, pairs: readonly ColumnPair[]): string[] {
  const columns: string[] = [];
  for (const pair of pairs) {
    if ((before.values[pair.before] ?? null) !== (after.values[pair.after] ?? null)) columns.push(pair.column);
  }
  return columns;
}

/**
 * Merge-joins two sides sorted by key (repeated keys pair in the order they came) and
 * yields each row's change in key order; unchanged rows are counted, not yielded. Rows
 * are decoded through `reading` only when they may have changed.
 */
export async function* mergeSortedSides<T extends Keyed>(
  before: AsyncIterable<readonly T[]>,
  after: AsyncIterable<readonly T[]>,
  pairs: readonly ColumnPair[],
  tally: DiffTally,
  reading: RowReading<T>,
): AsyncGenerator<RowChange> {
  const a = new Cursor(before);
  const b = new Cursor(after);
  try {
    for (;;) {
      // awaited only when a chunk runs out: a hot loop of hundreds of rows per await
      if (a.empty) await a.fill();
      if (b.empty) await b.fill();
      const x = a.current;
      const y = b.current;
      if (x === undefined && y === undefined) return;
      if (y === undefined || (x !== undefined && keyBefore(x.key, y.key))) {
        tally.deleted++;
        yield { kind: 'deleted', key: x!.key, before: reading.before(x!) };
        a.at++;
      } else if (x === undefined || keyBefore(y.key, x.key)) {
        tally.added++;
        yield { kind: 'new', key: y.key, after: reading.after(y) };
        b.at++;
      } else {
        a.at++;
        b.at++;
        if (a.empty) await a.fill();
        if (b.empty) await b.fill();
        if (a.current?.key !== x.key && b.current?.key !== x.key) {
          // the usual case, one row a side
          if (reading.alike(x, y)) {
            tally.unchanged++;
            continue;
          }
          const was = reading.before(x);
          const is = reading.after(y);
          const columns = changedColumns(was, is, pairs);
          if (columns.length === 0) tally.unchanged++;
          else {
            tally.changed++;
            tally.countColumns(columns);
            yield { kind: 'changed', key: x.key, before: was, after: is, columns };
          }
          continue;
        }
        // a key given to more than one row: take every row of it on both sides
        const left = [x];
        const right = [y];
        for (;;) {
          if (a.empty) await a.fill();
          if (a.current?.key !== x.key) break;
          left.push(a.current);
          a.at++;
        }
        for (;;) {
          if (b.empty) await b.fill();
          if (b.current?.key !== x.key) break;
          right.push(b.current);
          b.at++;
        }
        if (left.length > 1 || right.length > 1) tally.repeatedKeys++;
        yield* matchKey(left.map((r) => ({ key: r.key, row: reading.before(r) })), right.map((r) => ({ key: r.key, row: reading.after(r) })), pairs, tally);
      }
    }
  } finally {
    await a.close();
    await b.close();
  }
}

/**
 * Pairs the rows of one key: with one row a side, the two; with a key repeated, rows
 * alike on both sides first, then the rest in the order they came, so a repeated row
 * deleted reads as deleted and not as its twin changed.
 */
function* matchKey(left: KeyedRow[], right: KeyedRow[], pairs: readonly ColumnPair[], tally: DiffTally): Generator<RowChange> {
  if (left.length > 1 || right.length > 1) {
    const alike = (l: KeyedRow) => right.findIndex((r) => changedColumns(l.row, r.row, pairs).length === 0);
    left = left.filter((l) => {
      const at = alike(l);
      if (at < 0) return true;
      right.splice(at, 1);
      tally.unchanged++;
      return false;
    });
  }
  const both = Math.min(left.length, right.length);
  for (let i = 0; i < both; i++) {
    const x = left[i]!;
    const y = right[i]!;
    const columns = changedColumns(x.row, y.row, pairs);
    if (columns.length === 0) tally.unchanged++;
    else {
      tally.changed++;
      tally.countColumns(columns);
      yield { kind: 'changed', key: x.key, before: x.row, after: y.row, columns };
    }
  }
  for (const x of left.slice(both)) {
    tally.deleted++;
    yield { kind: 'deleted', key: x.key, before: x.row };
  }
  for (const y of right.slice(both)) {
    tally.added++;
    yield { kind: 'new', key: y.key, after: y.row };
  }
}
