import { CutoverError } from '../cutover-error.js';

/** A column of the earlier snapshot and where the later one holds it. */
export interface ColumnPair {
  /** the name in the earlier snapshot; changes are reported by it */
  readonly column: string;
  readonly before: number;
  readonly after: number;
}

/** How two deliveries of one table line up: the key's indexes on each side, the columns compared, and what moved, in words. */
export interface ColumnPairing {
  readonly keyBefore: readonly number[];
  readonly keyAfter: readonly number[];
  readonly pairs: readonly ColumnPair[];
  readonly notes: readonly string[];
}

/** What the pairing is told: both headers, the key (with the other names the spec allows each part), and names the spec treats as one column. */
export interface PairingInput {
  readonly table: string;
  readonly before: readonly string[];
  readonly after: readonly string[];
  readonly keyColumns: readonly string[];
  readonly keyAliases?: readonly (readonly string[])[] | undefined;
  /** groups of names the spec reads as one column (a field's `from` list) */
  readonly aliasGroups?: readonly (readonly string[])[] | undefined;
}

/**
 * Pairs the columns of two deliveries of a table: by name, then by a name the spec lists
 * as another name of the same column, then by position (a column renamed in place). A
 * renamed key column is still the key, so rows match by it rather than all reading as
 * deleted and re-added; every rename, dropped and added column is said in words.
 */
export function pairColumns(input: PairingInput): ColumnPairing {
  const { before, after } = input;
  const pairedAfter = new Set<number>();
  const toAfter = new Map<number, number>();
  const notes: string[] = [];
  const take = (b: number, a: number) => {
    toAfter.set(b, a);
    pairedAfter.add(a);
  };
  before.forEach((name, b) => {
    const a = after.indexOf(name);
    if (a >= 0 && !pairedAfter.has(a)) take(b, a);
  });
  const groups = [...input.keyColumns.map((k, part) => [k, ...(input.keyAliases?.[part] ?? [])]), ...(input.aliasGroups ?? [])];
  before.forEach((name, b) => {
    if (toAfter.has(b)) return;
    for (const group of groups.filter((g) => g.includes(name))) {
      const a = after.findIndex((other, i) => !pairedAfter.has(i) && group.includes(other));
      if (a >= 0) return take(b, a);
    }
  });
  before.forEach((_, b) => {
    if (!toAfter.has(b) && b < after.length && !pairedAfter.has(b) && !before.includes(after[b]!)) take(b, b);
  });
  const keyBefore = input.keyColumns.map((k, part) => {
    const names = [k, ...(input.keyAliases?.[part] ?? [])];
    const index = before.findIndex((c) => names.includes(c));
    if (index < 0) throw keyMissing(input.table, 'earlier', names, before);
    return index;
  });
  const keyAfter = keyBefore.map((b, part) => {
    const a = toAfter.get(b);
    if (a === undefined) throw keyMissing(input.table, 'later', [before[b]!, ...(input.keyAliases?.[part] ?? [])], after);
    return a;
  });
  const pairs: ColumnPair[] = [];
  before.forEach((name, b) => {
    const a = toAfter.get(b);
    if (a === undefined) {
      notes.push(`Column "${name}" of ${input.table} is not in the later snapshot: its values are not compared.`);
      return;
    }
    pairs.push({ column: name, before: b, after: a });
    if (after[a] === name) return;
    notes.push(
      keyBefore.includes(b)
        ? `The key column "${name}" of ${input.table} is called "${after[a]}" in the later snapshot: rows are matched by it all the same.`
        : `Column "${name}" of ${input.table} is called "${after[a]}" in the later snapshot: compared as the same column.`,
    );
  });
  after.forEach((name, a) => {
    if (!pairedAfter.has(a)) notes.push(`Column "${name}" of ${input.table} is new in the later snapshot: its values are not compared.`);
  });
  return { keyBefore, keyAfter, pairs, notes };
}

function keyMissing(table: string, side: string, names: readonly string[], columns: readonly string[]): CutoverError {
  return new CutoverError(
    'key_column_missing',
    `The ${side} snapshot's ${table} has no key column ${names.map((n) => `"${n}"`).join(' or ')} (its columns are: ${columns.join(', ')}). Name the column the key is now called in the spec's key for this table, then compare again.`,
  );
}
