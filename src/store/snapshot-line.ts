import { CutoverError } from '../core/cutover-error.js';
import { readNullMarkers } from '../core/null-markers.js';
import type { SourceRow } from '../core/source-row.js';

/**
 * How a stored line of a snapshot table is read: a line is one JSON array,
 * `[source line, value, value, …]`, each value a string or null, and the file's null
 * markers read as null. A reader that looks at a few cells of every row (a key) and
 * decodes only some rows in full uses these instead of parsing every line. The lines
 * are byte strings (a character a byte of UTF-8, as `lineChunks` gives them): two lines
 * are equal exactly when their bytes are, and text is decoded only where it is read.
 */
export interface SnapshotLineFormat {
  /** the null markers the lines are read with, as one text: two tables with the same text read alike */
  readonly nullMarkers: string;
  /**
   * A reader of the cells at `indexes`: null markers read as null, a missing cell as
   * undefined, the rest of the line not decoded. It fills and returns the same array
   * each time: read it before the next line.
   */
  cells(indexes: readonly number[]): (line: string) => (string | null | undefined)[];
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
    cells(indexes) {
      // for each cell up to the last wanted, where it goes in the answer (or -1)
      const slot = new Array<number>(Math.max(-1, ...indexes) + 1).fill(-1);
      indexes.forEach((cell, i) => (slot[cell] = i));
      const found = new Array<string | null | undefined>(indexes.length).fill(undefined);
      return (line) => {
        found.fill(undefined);
        lineCells(line, slot, found, damaged);
        if (set.size > 0) for (let i = 0; i < found.length; i++) if (typeof found[i] === 'string' && set.has(found[i] as string)) found[i] = null;
        return found;
      };
    },
    row(line) {
      let values: (number | string | null)[];
      try {
        values = JSON.parse(utf8(line)) as (number | string | null)[];
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

/** The text a byte string holds in UTF-8. */
const utf8 = (bytes: string) => Buffer.from(bytes, 'latin1').toString('utf8');

/** Scans a line's cells up to the last one wanted (`slot` says where each goes in `found`), decoding only those. */
function lineCells(line: string, slot: readonly number[], found: (string | null | undefined)[], damaged: () => CutoverError): void {
  // `at` stands on the comma before a cell, or on the closing bracket after the last
  let at = line.indexOf(',');
  for (let cell = 0; cell < slot.length && at >= 0 && line.charCodeAt(at) === comma; cell++) {
    const start = at + 1;
    const to = slot[cell]!;
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
      if (to >= 0) {
        // plain ASCII is the same text as bytes; anything else is decoded
        let plain = !escaped;
        for (let i = start + 1; plain && i < end - 1; i++) {
          const c = line.charCodeAt(i);
          plain = c !== backslash && c < 0x80;
        }
        found[to] = plain ? line.slice(start + 1, end - 1) : (JSON.parse(utf8(line.slice(start, end))) as string);
      }
      at = end;
    } else if (line.startsWith('null', start)) {
      if (to >= 0) found[to] = null;
      at = start + 4;
    } else throw damaged();
  }
}
