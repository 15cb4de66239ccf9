// What a reconciliation found, as plain data: the pipeline fills it, the reports render it.

/** How a checklist line stands. `awaiting` means balanced or explained, but the customer has given no figure yet. */
export type LineStatus = 'balanced' | 'explained' | 'unexplained' | 'awaiting';

/** Rows the ledger accounts for, grouped by what happened and why. */
export interface Explanation {
  readonly outcome: 'rejected' | 'excluded' | 'merged';
  /** a reject reason, the exclusion rule's name, or `merged` */
  readonly reason: string;
  /** the same in plain words: "left out by the rule test-records" */
  readonly words: string;
  readonly rows: number;
  /** for money lines: what those rows add up to */
  readonly amount?: string;
}

/** A source row pointed at from a line: where it is, and what is wrong with it. */
export interface RecordNote {
  readonly file: string;
  readonly line: number;
  readonly reference: string;
  /** `missing`: loaded by the run but no longer in the new system; `changed`: its amount differs; `not loaded`: in the ledger */
  readonly problem: 'missing' | 'changed' | 'not loaded' | 'unaccounted';
  readonly expected: string | null;
  readonly inTarget: string | null;
  readonly words: string;
}

/** A three-way count: the customer's figure, the snapshot and the new system. */
export interface CountLine {
  readonly kind: 'count';
  readonly ref: string;
  readonly label: string;
  readonly entity: string;
  /** the filter in words: "Status is Current" */
  readonly filter: string;
  readonly customer: number | null;
  readonly snapshot: number;
  readonly target: number;
  readonly explained: readonly Explanation[];
  /** rows whose difference nothing explains */
  readonly unexplained: number;
  /** why, in plain sentences */
  readonly notes: readonly string[];
  readonly records: readonly RecordNote[];
  readonly status: LineStatus;
}

/** One group of a split total, e.g. one landlord's opening balances. */
export interface TotalGroup {
  readonly group: string;
  readonly snapshot: string;
  readonly notLoaded: string;
  readonly target: string;
  /** snapshot − not loaded − target */
  readonly difference: string;
}

/** A money total three ways: what the customer states, the snapshot and the new system. */
export interface TotalLine {
  readonly kind: 'total';
  readonly ref: string;
  readonly label: string;
  readonly entity: string;
  readonly field: string;
  readonly filter: string;
  /** the source column that splits it, when it is split */
  readonly by: string | null;
  readonly customer: string | null;
  readonly snapshot: string;
  readonly notLoaded: string;
  readonly target: string;
  readonly explained: readonly Explanation[];
  /** the amount nothing explains, to the penny */
  readonly unexplained: string;
  readonly notes: readonly string[];
  /** groups whose total is off, when split; every group when there are few */
  readonly groups: readonly TotalGroup[];
  readonly groupCount: number;
  readonly records: readonly RecordNote[];
  readonly status: LineStatus;
}

/** One record of the sample, every mapped field side by side. */
export interface SampleRecord {
  readonly entity: string;
  readonly file: string;
  readonly line: number;
  readonly reference: string;
  readonly targetId: string;
  readonly fields: readonly SampleField[];
}

/** One field of a sample record: what was delivered, the rules, what they give and what the new system holds. */
export interface SampleField {
  readonly field: string;
  readonly column: string | null;
  readonly delivered: string | null;
  readonly rules: string;
  readonly expected: string | null;
  readonly inTarget: string | null;
  readonly same: boolean;
}

/** A whole column compared between what the rules give and what the new system holds (by row fingerprints, then value by value where they differ). */
export interface ColumnCheck {
  readonly entity: string;
  readonly field: string;
  readonly compared: number;
  readonly differ: number;
  /** digests of the column on each side, equal when every value is: rows whose fingerprints agree count alike on both sides */
  readonly sourceDigest: string;
  readonly targetDigest: string;
  /** why the column was not compared, when it was not */
  readonly skipped: string | null;
  readonly examples: readonly RecordNote[];
}

/** A whole reconciliation of one run. */
export interface Reconciliation {
  readonly runId: number;
  readonly customer: string;
  readonly env: string;
  readonly target: string;
  readonly snapshot: { readonly id: string; readonly hash: string };
  readonly spec: { readonly file: string; readonly hash: string };
  readonly counts: readonly CountLine[];
  readonly totals: readonly TotalLine[];
  readonly sample: readonly SampleRecord[];
  readonly columns: readonly ColumnCheck[];
  readonly sampleSeed: number;
  /** how many checks fail: lines (counts and totals) with a difference nothing explains, and columns that differ */
  readonly unexplained: number;
  /** why the run did not succeed, when it failed: its figures are then of the part it loaded */
  readonly failure?: string;
  /** what the reader must know before trusting the run, such as a quality gate overridden for its environment */
  readonly notices?: readonly string[];
}
