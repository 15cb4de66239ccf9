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
  readonly where: SpecLocation;
}

/** The default largest block: 2,000 rows are about two million pairs. */
export const defaultMaxBlock = 2000;
/** The default prior, before any estimate: about one pair in ten thousand. */
export const defaultPrior = 0.0001;
