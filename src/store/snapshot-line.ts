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
  /** The cell at `index`, a null marker read as null, a missing cell as undefined; the rest of the line is not decoded. */
  cell(line: string, index: number): string | null | undefined;
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
    cell(line, index) {
      const value = lineCell(line, index, damaged);
      return set.size > 0 && typeof value === 'string' && set.has(value) ? null : value;
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

/** Scans a line's cells up to the one wanted and decodes that one only (through JSON.parse when it holds an escape). */
function lineCell(line: string, index: number, damaged: () => CutoverError): string | null | undefined {
  // `at` stands on the comma before a cell, or on the closing bracket after the last
  let at = line.indexOf(',');
  for (let cell = 0; at >= 0 && line.charCodeAt(at) === comma; cell++) {
    const start = at + 1;
    if (line.charCodeAt(start) === quote) {
      let end = start + 1;
      let escaped = false;
      // the closing quote is the first one not escaped by an odd run of backslashes
      for (;;) {
        const q = line.indexOf('"', end);
        if (q < 0) throw damaged();
        let slashes = 0;
        while (line.charCodeAt(q - 1 - slashes) === backslash) slashes++;
        end = q + 1;
        if (slashes % 2 === 0) break;
        escaped = true;
      }
      if (cell === index) {
        for (let i = start + 1; !escaped && i < end - 1; i++) escaped = line.charCodeAt(i) === backslash;
        return escaped ? (JSON.parse(line.slice(start, end)) as string) : line.slice(start + 1, end - 1);
      }
      at = end;
    } else if (line.startsWith('null', start)) {
      if (cell === index) return null;
      at = start + 4;
    } else throw damaged();
  }
  return undefined;
}
