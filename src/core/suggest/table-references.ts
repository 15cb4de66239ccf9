import type { ColumnProfile, TableProfile } from '../profile/index.js';
import { nameWords, wordSimilarity } from './column-names.js';

/** A column whose values are (nearly) all keys of another table's key column, found in the data. */
export interface TableReference {
  readonly table: string;
  readonly column: string;
  readonly parent: string;
  readonly parentColumn: string;
  /** the share of the values compared that are keys of the parent */
  readonly share: number;
}

// this share of the values compared must be keys of the parent: a few orphans are what migrations find
const referenceShare = 0.95;
const idWords = new Set(['id', 'ref', 'key', 'code', 'no', 'num', 'number']);

const filledOf = (c: ColumnProfile) => c.rows - c.nulls - c.blanks;

/** The column that identifies a table's rows: the first one filled in every row with no value twice. */
export function keyColumn(table: TableProfile): ColumnProfile | undefined {
  return table.columns.find((c) => c.keySketch !== undefined && c.distinct.exact && filledOf(c) === c.rows && c.rows > 0 && c.distinct.count === c.rows);
}

/**
 * The share of a column's values that are keys of a parent key column, from their sketches,
 * or undefined when too few values can be compared. Every child hash at or below the
 * parent sketch's largest is in the parent's sketch when the child's values are the parent's.
 */
function containment(child: readonly number[], parent: readonly number[], parentComplete: boolean): number | undefined {
  const ceiling = parentComplete ? Infinity : parent[parent.length - 1]!;
  const keys = new Set(parent);
  const compared = child.filter((h) => h <= ceiling);
  if (compared.length < Math.min(3, child.length)) return undefined;
  return compared.filter((h) => keys.has(h)).length / compared.length;
}

/**
 * Finds references between tables in the data: a column whose values are all (or nearly
 * all) keys of another table's key column. When several tables' keys hold the values
 * (small numbers are keys of many tables), the one named like the column wins, then the
 * one with the fewest keys besides the values (`SupportRepId` 3, 4, 5 → Employee's 8 ids,
 * not Invoice's 412).
 */
export function findReferences(tables: readonly TableProfile[]): TableReference[] {
  const parents = tables.flatMap((t) => {
    const key = keyColumn(t);
    return key?.keySketch ? [{ table: t, key, sketch: key.keySketch, complete: key.keySketch.length >= key.distinct.count }] : [];
  });
  const found: TableReference[] = [];
  for (const table of tables) {
    const own = keyColumn(table);
    for (const column of table.columns) {
      if (column === own || column.keySketch === undefined || column.personal || filledOf(column) === 0) continue;
      const words = nameWords(column.name).words.filter((w) => !idWords.has(w));
      let best: { reference: TableReference; name: number; tight: number } | undefined;
      for (const parent of parents) {
        // a table may point at itself (an employee's manager), through a column other than its key
        if (column.distinct.count > parent.key.distinct.count) continue;
        const share = containment(column.keySketch, parent.sketch, parent.complete);
        if (share === undefined || share < referenceShare) continue;
        const name = Math.max(wordSimilarity(words, nameWords(parent.table.name).words), wordSimilarity(words, nameWords(parent.key.name).words.filter((w) => !idWords.has(w))));
        const tight = column.distinct.count / parent.key.distinct.count;
        if (!best || name > best.name || (name === best.name && tight > best.tight)) {
          best = { reference: { table: table.name, column: column.name, parent: parent.table.name, parentColumn: parent.key.name, share }, name, tight };
        }
      }
      if (best) found.push(best.reference);
    }
  }
  return found;
}
