import type { TableDiffSummary } from './row-change.js';

/** Counts a table's changes as the merge finds them, and gives the summary at the end. */
export class DiffTally {
  rowsBefore = 0;
  rowsAfter = 0;
  added = 0;
  changed = 0;
  deleted = 0;
  unchanged = 0;
  blankKeys = 0;
  /** keys given to more than one row on a side */
  repeatedKeys = 0;
  readonly changedColumns: Record<string, number> = {};
  readonly notes: string[] = [];

  constructor(
    readonly table: string,
    readonly keyColumns: readonly string[],
  ) {}

  /** Counts one changed row in each of its columns. */
  countColumns(columns: readonly string[]): void {
    for (const column of columns) this.changedColumns[column] = (this.changedColumns[column] ?? 0) + 1;
  }

  summary(): TableDiffSummary {
    const { table, keyColumns, rowsBefore, rowsAfter, added, changed, deleted, unchanged, blankKeys } = this;
    return { table, keyColumns, rowsBefore, rowsAfter, added, changed, deleted, unchanged, changedColumns: { ...this.changedColumns }, blankKeys, notes: [...this.notes] };
  }
}
