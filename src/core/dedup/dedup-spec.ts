import type { SpecLocation } from '../spec/spec-model.js';

/** How two values of one column are compared, and what a blocking key made from it is. */
export const comparisonKinds = ['name', 'sound', 'email', 'phone', 'postcode', 'date', 'address', 'exact'] as const;

/** One way of comparing a column. */
export type ComparisonKind = (typeof comparisonKinds)[number];

/** The three levels a comparison ends in: the values agree, are close, or differ. */
export const levels = ['agree', 'close', 'differ'] as const;

/** A number per level, in the order agree, close, differ. */
export type PerLevel = readonly [number, number, number];

/** One comparison of the `dedup:` section: a source column compared one way. */
export interface Comparison {
  /** the comparison's name, which blocking rules use */
  readonly name: string;
  /** the source column */
  readonly column: string;
  readonly kind: ComparisonKind;
  /** chance of each level between two rows of the same person (Fellegi-Sunter m) */
  readonly m?: PerLevel;
  /** chance of each level between two rows of different people (Fellegi-Sunter u) */
  readonly u?: PerLevel;
  /** the weight of each level in bits, written by hand; wins over m and u */
  readonly weights?: PerLevel;
  readonly where: SpecLocation;
}

/**
 * The `dedup:` section of an entity: how rows are compared, which rows are compared at
 * all (blocks), and the scores above which a pair is merged or sent to review.
 */
export interface DedupSpec {
  readonly compare: readonly Comparison[];
  /** each rule is one or more comparison names; rows whose keys for all of them agree form a block */
  readonly block: readonly (readonly string[])[];
  /** a pair scoring at least this (0 to 1) is merged */
  readonly mergeAt: number;
  /** a pair scoring at least this, and below merge_at, goes to review */
  readonly reviewAt: number;
  /** the most rows one block may hold before the run is refused */
  readonly maxBlock: number;
  /** the chance that two rows picked at random are the same person, before comparing them */
  readonly prior: number;
  /** per target field, which value a merged person keeps; see `Survival` */
  readonly survive?: readonly Survival[];
  readonly where: SpecLocation;
}

/** The default largest block: 2,000 rows are about two million pairs. */
export const defaultMaxBlock = 2000;
/** The default prior, before any estimate: about one pair in ten thousand. */
export const defaultPrior = 0.0001;

/** The ways a merged person's field can take its value from the cluster's rows. */
export const survivalRules = ['most_recent', 'most_complete', 'longest', 'from', 'all_of'] as const;

/**
 * Which value one target field of a merged person keeps, from all the rows of its cluster:
 * - `most_recent`: the value of the row latest by field `by` (a date, written yyyy-MM-dd)
 * - `most_complete`: the value of the row with the most fields filled in
 * - `longest`: the longest value
 * - `from`: the value of the first row whose field `by` holds `value` (a preferred source)
 * - `all_of`: every distinct value of field `by`, joined by "; " (a notes field)
 * Fields without a rule keep the survivor's own value.
 */
export type Survival =
  | { readonly field: string; readonly rule: 'most_recent'; readonly by: string }
  | { readonly field: string; readonly rule: 'most_complete' | 'longest' }
  | { readonly field: string; readonly rule: 'from'; readonly by: string; readonly value: string }
  | { readonly field: string; readonly rule: 'all_of'; readonly by: string };
