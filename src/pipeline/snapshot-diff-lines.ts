import type { ColumnPair, Keyed, RowReading } from '../core/diff/index.js';
import { compileSourceKey } from '../core/mapping/source-key.js';
import { sameLineValues } from '../store/snapshot-line.js';
import type { SnapshotTableSource } from '../store/snapshot-table-source.js';
import type { RowSpill } from './snapshot-diff-sort.js';

/** A row as the diff carries it: its source key and its stored line (a byte string), decoded only when it changed. */
export interface KeyedLine extends Keyed {
  readonly line: string;
}

/** Rows with a blank key: how many, and the source lines of the first ten. */
export interface BlankKeys {
  count: number;
  readonly lines: number[];
}

/** Reads a side's key from a stored line: the key cells only, the rest left undecoded. */
function keyReader(source: SnapshotTableSource, keyIndexes: readonly number[]): (line: string) => string | null {
  const keyOf = compileSourceKey(keyIndexes.map((_, i) => i));
  const cells = source.lineFormat.cells(keyIndexes);
  return (line) => keyOf(cells(line) as (string | null)[]);
}

/** A table's rows with their keys, a chunk at a time; rows with a blank key are left out and counted in `blank`. */
export async function* keyedLines(source: SnapshotTableSource, keyIndexes: readonly number[], blank: BlankKeys, signal?: AbortSignal): AsyncGenerator<KeyedLine[]> {
  const keyOf = keyReader(source, keyIndexes);
  for await (const chunk of source.lineChunks(signal)) {
    const out: KeyedLine[] = [];
    for (const line of chunk) {
      const key = keyOf(line);
      if (key === null) {
        // every blank key is counted; the first ten are named
        if (blank.count++ < 10) blank.lines.push(source.lineFormat.row(line).line);
      } else out.push({ key, line });
    }
    yield out;
  }
}

/** Spills a side's rows as their stored lines, the key read again from the line. */
export function lineSpill(source: SnapshotTableSource, keyIndexes: readonly number[]): RowSpill<KeyedLine> {
  const keyOf = keyReader(source, keyIndexes);
  return {
    encoding: 'latin1',
    // the line's bytes (a byte string), the key's characters (up to two bytes each), and the object around them
    weigh: (r) => 64 + r.line.length + 2 * r.key.length,
    write: (r) => r.line,
    read: (line) => ({ key: keyOf(line)!, line }),
  };
}

/**
 * How the merge reads two sides' lines: when both are read alike (the same columns in
 * the same places, the same null markers) two lines with the same text after the line
 * number are unchanged without decoding either; otherwise every pair is decoded.
 */
export function lineReading(before: SnapshotTableSource, after: SnapshotTableSource, pairs: readonly ColumnPair[]): RowReading<KeyedLine> {
  const alike =
    before.lineFormat.nullMarkers === after.lineFormat.nullMarkers &&
    pairs.length === before.columns.length &&
    pairs.length === after.columns.length &&
    pairs.every((p) => p.before === p.after);
  return {
    alike: alike ? (x, y) => sameLineValues(x.line, y.line) : () => false,
    before: (r) => before.lineFormat.row(r.line),
    after: (r) => after.lineFormat.row(r.line),
  };
}
