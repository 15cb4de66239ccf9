import type { Books } from './ledger.js';

/** One entity's line in a run's books. */
export interface EntityBooks extends Books {
  readonly entity: string;
  readonly file: string;
  readonly table: string;
  readonly balanced: boolean;
  readonly seconds: number;
}

/** One money line: a field's total for one group (e.g. the client account), source against target. */
export interface MoneyLine {
  readonly entity: string;
  readonly field: string;
  readonly group: string;
  readonly sourceRows: number;
  readonly sourceTotal: string;
  readonly notLoadedTotal: string;
  readonly targetTotal: string;
  /** source − not loaded − target: zero when every penny is explained */
  readonly difference: string;
  readonly unreadableRows: number;
  readonly balanced: boolean;
}

/**
 * How a finished run ended: succeeded; loaded and balanced but with more rows rejected
 * than the spec allows (needs attention); or failed.
 */
export type RunStatus = 'succeeded' | 'needs_attention' | 'failed';

/** A run status in words: `needs attention`. */
export function runStatusWords(status: RunStatus | 'running'): string {
  return status.replace('_', ' ');
}

/** A reason an entity rejected rows, with how many it rejected for it and one of them. */
export interface RejectReasonCount {
  /** the reason in plain words */
  readonly why: string;
  readonly rows: number;
  /** the first such row: `people.csv line 12: created_on: "31/02/2021" is not a real date` */
  readonly example: string | null;
}

/** An entity that rejected more rows than its limit (`max_rejected`), with its commonest reasons. */
export interface RejectAttention {
  readonly entity: string;
  readonly source: number;
  readonly rejected: number;
  /** the limit in words: `5% of its rows`, `10 rows` */
  readonly limit: string;
  /** at most three, commonest first */
  readonly reasons: readonly RejectReasonCount[];
}

/** What a run did: its books per entity and its money, and whether it passed. */
export interface RunResult {
  readonly runId: number;
  readonly env: string;
  readonly target: string;
  readonly status: RunStatus;
  readonly error: string | null;
  readonly entities: readonly EntityBooks[];
  readonly money: readonly MoneyLine[];
  /** the entities past their limit of rejected rows, when the run needs attention */
  readonly attention?: readonly RejectAttention[];
  /** earlier runs of the environment this run superseded, whose key maps it dropped, and the bytes freed */
  readonly keyMapsFreed?: KeyMapsFreed;
}

/** Key maps of superseded runs dropped from the store: which runs, and how many bytes they held. */
export interface KeyMapsFreed {
  readonly runs: readonly number[];
  readonly bytes: number;
}

/** Where a run has got to in one entity; `total` is the source's row count from the snapshot. */
export interface RunProgress {
  readonly entity: string;
  readonly rows: number;
  readonly total: number;
  readonly done: boolean;
}

/** A run as the store remembers it: what it read, what it loaded, and how it ended. */
export interface RunFacts {
  readonly id: number;
  readonly env: string;
  /** the label of the database the run loaded */
  readonly target: string;
  readonly status: 'running' | RunStatus;
  readonly snapshotId: string;
  readonly snapshotHash: string;
  readonly specFile: string;
  readonly specHash: string;
  /** the spec exactly as applied; null for runs made before runs kept it */
  readonly specFiles: readonly { readonly file: string; readonly text: string }[] | null;
  /** a full load, or a gap migration from `fromSnapshotId` to `snapshotId` (absent: full) */
  readonly kind?: 'full' | 'gap';
  readonly fromSnapshotId?: string | null;
}
