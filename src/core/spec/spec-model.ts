// The normalised, validated form of a mapping spec. Everything past the parser sees only this.

/** Where something is written in a spec file (1-based line and column). */
export interface SpecLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A test on one raw source column; exactly one of equals, in, matches, blank is set. */
export interface Condition {
  readonly column: string;
  readonly equals?: string;
  readonly in?: readonly string[];
  /** JavaScript regular expression source. */
  readonly matches?: string;
  readonly ignore_case?: boolean;
  readonly blank?: boolean;
  /** Where the column is named. */
  readonly where: SpecLocation;
}

/** One named transform with its validated options. */
export interface RuleSpec {
  readonly name: string;
  readonly options: unknown;
  readonly where: SpecLocation;
}

/** One target column and how its value is made. */
export interface FieldSpec {
  readonly name: string;
  /** The source column; absent only when a rule such as constant makes the value. */
  readonly from?: string;
  readonly required: boolean;
  readonly when?: Condition;
  readonly rules: readonly RuleSpec[];
  readonly where: SpecLocation;
  /** Where the source column is named, when there is one. */
  readonly fromWhere?: SpecLocation;
}

/** Source rows that are deliberately left behind, with the reason shown to the customer. */
export interface ExclusionRule {
  readonly rule: string;
  readonly when: Condition;
  readonly reason: string;
  readonly where: SpecLocation;
}

/** Rows whose mapped values agree on these fields are one record. */
export interface MergeSpec {
  readonly on: readonly string[];
  readonly reason: string;
}

/** A money field to add up in reconciliation, optionally per value of another field. */
export interface MoneyCheckSpec {
  readonly field: string;
  readonly by?: string;
}

export interface ReconcileSpec {
  readonly money: readonly MoneyCheckSpec[];
}

/** One source file mapped onto one target table. */
export interface EntitySpec {
  readonly name: string;
  /** The file name in the snapshot. */
  readonly source: string;
  /** Source columns that identify a row; one or more. */
  readonly key: readonly string[];
  readonly table: string;
  readonly generateId: boolean;
  readonly exclude: readonly ExclusionRule[];
  readonly merge?: MergeSpec;
  readonly reconcile: ReconcileSpec;
  readonly fields: readonly FieldSpec[];
  /** Entities named by lookup rules: they load first. */
  readonly parents: readonly string[];
  readonly where: SpecLocation;
  /** Where each key column is named, in key order. */
  readonly keyWhere: readonly SpecLocation[];
}

/** A whole mapping spec. `hash` ignores layout and comments, so only rule changes change it. */
export interface Spec {
  readonly file: string;
  readonly hash: string;
  readonly version: 1;
  readonly entities: readonly EntitySpec[];
}
