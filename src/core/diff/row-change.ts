import type { SourceRow } from '../source-row.js';

/** A row's change between two snapshots of the same source table, by its source key. */
export type RowChange =
  | { readonly kind: 'new'; readonly key: string; readonly after: SourceRow }
  | { readonly kind: 'changed'; readonly key: string; readonly before: SourceRow; readonly after: SourceRow; readonly columns: readonly string[] }
  | { readonly kind: 'deleted'; readonly key: string; readonly before: SourceRow };

/** What changed in one source table between two snapshots, counted. */
export interface TableDiffSummary {
  /** the table as the spec names it */
  readonly table: string;
  readonly keyColumns: readonly string[];
  readonly rowsBefore: number;
  readonly rowsAfter: number;
  readonly added: number;
  readonly changed: number;
  readonly deleted: number;
  readonly unchanged: number;
  /** column (as the earlier snapshot names it) -> rows changed in it */
  readonly changedColumns: Readonly<Record<string, number>>;
  /** rows of the later snapshot with a blank key (refused by a gap) */
  readonly blankKeys: number;
  /** in words: a key column renamed, a source renamed, blank keys with their lines, ... */
  readonly notes: readonly string[];
}

/** Anything the merge reads from a side sorted by key: it has the row's source key. */
export interface Keyed {
  readonly key: string;
}

/** A row with its source key, decoded. */
export interface KeyedRow extends Keyed {
  readonly row: SourceRow;
}
