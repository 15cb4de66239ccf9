import type { ColumnProfile } from './column-profiler.js';

/** One table of a snapshot as profiled. */
export interface TableProfile {
  readonly name: string;
  readonly source: string;
  readonly rows: number;
  readonly columns: readonly ColumnProfile[];
}

/** What is in a snapshot, column by column. */
export interface SnapshotProfile {
  readonly snapshot: { readonly id: string; readonly hash: string; readonly collectedAt: string };
  readonly tables: readonly TableProfile[];
  /** true when personal values were asked for unmasked (--show-personal-data) */
  readonly personalDataShown?: true;
}
