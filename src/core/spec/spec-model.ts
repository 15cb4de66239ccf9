// The normalised, validated form of a mapping spec. Everything past the parser sees only this.
import type { PersonalKind } from '../profile/personal-data.js';
import type { RejectLimit } from '../reject-limit.js';

import type { DedupSpec } from '../dedup/dedup-spec.js';

/** Where something is written in a spec file (1-based line and column). */
export interface SpecLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * A test on one raw source column: exactly one of equals, in, matches, blank; or a date
 * test, `before` and/or `after` (yyyy-MM-dd, exclusive) on the column read with `formats`.
 */
export interface Condition {
  readonly column: string;
  /** Other names the column may have in a delivered file, tried in order when `column` is not there. */
  readonly aliases?: readonly string[];
  readonly equals?: string;
  readonly in?: readonly string[];
  /** JavaScript regular expression source. */
  readonly matches?: string;
  readonly ignore_case?: boolean;
  readonly blank?: boolean;
  readonly before?: string;
  readonly after?: string;
  /** how the column's dates are written, for before and after */
  readonly formats?: readonly string[];
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
  /** The source column; absent only when a rule such as constant or concat makes the value. */
  readonly from?: string;
  /** Other names the source column may have in a delivered file, tried in order when `from` is not there. */
  readonly fromAliases?: readonly string[];
  readonly required: boolean;
  readonly when?: Condition;
  readonly rules: readonly RuleSpec[];
  readonly where: SpecLocation;
  /** Where the source column is named, when there is one. */
  readonly fromWhere?: SpecLocation;
  /** The personal data the field holds, when the spec states it (`personal: email`, `personal: none`). */
  readonly personal?: PersonalKind;
}

/** Source rows that are deliberately left behind, with the reason shown to the customer. */
export interface ExclusionRule {
  readonly rule: string;
  readonly when: Condition;
  readonly reason: string;
  readonly where: SpecLocation;
}

/** How a retention rule reads a date column's age. */
export type RetentionTest =
  /** dropped when the column's date is before this day (yyyy-MM-dd) */
  | { readonly kind: 'no_activity_since'; readonly before: string }
  /** dropped when the column's date is more than this many years before the snapshot was collected */
  | { readonly kind: 'ended_more_than_years_ago'; readonly years: number };

/**
 * Rows past an age that are left behind for good (data kept no longer than needed), and
 * the rows that name them with them. A blank or unreadable date never drops a row.
 */
export interface RetentionRule {
  readonly rule: string;
  readonly column: string;
  readonly aliases?: readonly string[];
  readonly formats: readonly string[];
  readonly test: RetentionTest;
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

/**
 * What a gap migration does with a target row whose source row was deleted in the legacy
 * system: keep it (the default), delete it, or mark it by setting one column to a value.
 */
export type OnDelete =
  | { readonly kind: 'keep' }
  | { readonly kind: 'delete' }
  | { readonly kind: 'mark'; readonly column: string; readonly value: string };

/** One source file mapped onto one target table. */
export interface EntitySpec {
  readonly name: string;
  /** The file name in the snapshot. */
  readonly source: string;
  /** Source columns that identify a row; one or more. */
  readonly key: readonly string[];
  /** Other names each key column may have, in key order (an empty list for none); absent when no key column has any. */
  readonly keyAliases?: readonly (readonly string[])[];
  readonly table: string;
  readonly generateId: boolean;
  readonly exclude: readonly ExclusionRule[];
  /** Rows left behind by age; absent for none. */
  readonly retention?: readonly RetentionRule[];
  readonly merge?: MergeSpec;
  /** How rows of the same person typed in more than once are found. */
  readonly dedup?: DedupSpec;
  readonly reconcile: ReconcileSpec;
  /** How many rows a run may reject before it needs attention; absent for the default, 5%. */
  readonly maxRejected?: RejectLimit;
  /** What a gap migration does with rows deleted at the source; absent means keep. */
  readonly onDelete?: OnDelete;
  readonly fields: readonly FieldSpec[];
  /** Entities named by lookup rules: they load first. */
  readonly parents: readonly string[];
  /** Rows written in the spec with what they must become; `runSpecExamples` checks them. Always set by the parser. */
  readonly examples?: readonly SpecExample[];
  readonly where: SpecLocation;
  /** Where each key column is named, in key order. */
  readonly keyWhere: readonly SpecLocation[];
}

/** What an example row must become: loaded with these target values, or left out with this message. */
export type ExampleExpectation =
  /** Every field of the entity; a field the spec does not list must be blank. */
  | { readonly outcome: 'mapped'; readonly target: Readonly<Record<string, string | null>> }
  /** The whole message the ledger gives: the rejection, or the exclusion's reason. */
  | { readonly outcome: 'rejected' | 'excluded'; readonly reason: string };

/** A source row written in the spec, like a unit test for the entity's rules. */
export interface SpecExample {
  /** Source values by column; a column the example does not give is blank. */
  readonly source: Readonly<Record<string, string | null>>;
  /** Target ids of parent rows, by parent entity and source key, for lookups. */
  readonly parents: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly expected: ExampleExpectation;
  readonly where: SpecLocation;
}

/** Source rows counted by a checklist line: the column must hold one of the values (after trimming). */
export interface ChecklistFilter {
  readonly column: string;
  readonly values: readonly string[];
  readonly where: SpecLocation;
}

/**
 * One line of the pre-migration checklist: a figure the customer writes down from their
 * current system, counted (or added up) the same way on the snapshot and in the target.
 */
export interface ChecklistItem {
  readonly label: string;
  readonly entity: string;
  /** Every filter must hold; none means every row of the entity. */
  readonly filter: readonly ChecklistFilter[];
  /** A money field of the entity to add up instead of counting rows. */
  readonly total?: string;
  /** A source column whose values split the total, e.g. per landlord. */
  readonly by?: string;
  readonly where: SpecLocation;
}

/**
 * A whole mapping spec, from one file or several. `hash` covers what the rules do, so
 * comments, layout, file names, the split into files, the order of entities and the
 * examples do not change it.
 */
export interface Spec {
  /** The first (or only) file. */
  readonly file: string;
  /** Every file, in the order given. Always set by the parser. */
  readonly files?: readonly string[];
  readonly hash: string;
  readonly version: 1;
  readonly entities: readonly EntitySpec[];
  /** The pre-migration checklist; it counts rows and changes none, so it is not in the hash. */
  readonly checklist?: readonly ChecklistItem[];
}
