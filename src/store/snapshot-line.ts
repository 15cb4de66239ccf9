import { CutoverError } from '../core/cutover-error.js';
import { readNullMarkers } from '../core/null-markers.js';
import type { SourceRow } from '../core/source-row.js';

/**
 * How a stored line of a snapshot table is read: a line is one JSON array,
 * `[source line, value, value, …]`, each value a string or null, and the file's null
 * markers read as null. A reader that looks at a few cells of every row (a key) and
 * decodes only some rows in full uses these instead of parsing every line.
 */
export interface SnapshotLineFormat {
  /** the null markers the lines are read with, as one text: two tables with the same text read alike */
  readonly nullMarkers: string;
  /** The cells at `indexes`, null markers read as null, a missing cell as undefined; the rest of the line is not decoded. */
  cells(line: string, indexes: readonly number[]): (string | null | undefined)[];
  /** The whole row, exactly as `rowChunks` hands it out. */
  row(line: string): SourceRow;
}

const comma = 44;
const quote = 34;
const backslash = 92;

/** The reading of a table's lines with its null markers (see SnapshotLineFormat). */
export function snapshotLineFormat(markers: readonly string[] | undefined, damaged: () => CutoverError): SnapshotLineFormat {
  const nulls = readNullMarkers(markers);
  const set = new Set(markers ?? []);
  return {
    nullMarkers: JSON.stringify([...set].sort()),
    cells(line, indexes) {
      const found = lineCells(line, indexes, damaged);
      if (set.size > 0) for (let i = 0; i < found.length; i++) if (typeof found[i] === 'string' && set.has(found[i] as string)) found[i] = null;
      return found;
    },
    row(line) {
      let values: (number | string | null)[];
      try {
        values = JSON.parse(line) as (number | string | null)[];
      } catch {
        throw damaged();
      }
      const at = values.shift() as number;
      return { line: at, values: nulls === undefined ? (values as (string | null)[]) : nulls(values as (string | null)[]) };
    },
  };
}

/**
 * True when two stored lines hold the same values, whatever their source line numbers:
 * the text after the line number is the same (values are written by JSON.stringify, one
 * text per value). Lines read with different null markers may read alike and differ here.
 */
export function sameLineValues(a: string, b: string): boolean {
  const i = a.indexOf(',');
  const j = b.indexOf(',');
  if (i < 0 || j < 0) return i < 0 && j < 0;
  return a.length - i === b.length - j && a.slice(i) === b.slice(j);
}

/** Scans a line's cells up to the last one wanted, decoding only those (a string with escapes through JSON.parse). */
function lineCells(line: string, indexes: readonly number[], damaged: () => CutoverError): (string | null | undefined)[] {
  const found: (string | null | undefined)[] = new Array<string | null | undefined>(indexes.length).fill(undefined);
  let last = -1;
  for (const i of indexes) if (i > last) last = i;
  // `at` stands on the comma before the cell, or on the closing bracket when the row has no more cells
  let at = line.indexOf(',');
  for (let cell = 0; cell <= last && at >= 0 && line.charCodeAt(at) === comma; cell++) {
    const start = at + 1;
    let value: string | null;
    if (line.charCodeAt(start) === quote) {
      let end = start + 1;
      // the closing quote is the first one not escaped by an odd run of backslashes
      for (;;) {
        const q = line.indexOf('"', end);
        if (q < 0) throw damaged();
        let slashes = 0;
        while (line.charCodeAt(q - 1 - slashes) === backslash) slashes++;
        end = q + 1;
        if (slashes % 2 === 0) break;
      }
      const slash = line.indexOf('\\', start);
      value = slash >= 0 && slash < end ? (JSON.parse(line.slice(start, end)) as string) : line.slice(start + 1, end - 1);
      at = end;
    } else if (line.startsWith('null', start)) {
      value = null;
      at = start + 4;
    } else throw damaged();
    for (let k = 0; k < indexes.length; k++) if (indexes[k] === cell) found[k] = value;
  }
  return found;
}
