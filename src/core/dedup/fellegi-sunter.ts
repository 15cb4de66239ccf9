import { compareValues, type Level } from './compare-values.js';
import type { DedupRows } from './dedup-rows.js';
import type { ComparisonKind, DedupSpec, PerLevel } from './dedup-spec.js';

// what a comparison of each kind usually tells, before anything is estimated from the data
const typicalM: Readonly<Record<ComparisonKind, PerLevel>> = {
  name: [0.85, 0.12, 0.03],
  sound: [0.95, 0, 0.05],
  email: [0.8, 0.1, 0.1],
  phone: [0.7, 0.05, 0.25],
  postcode: [0.8, 0.1, 0.1],
  date: [0.9, 0.07, 0.03],
  address: [0.75, 0.15, 0.1],
  exact: [0.9, 0, 0.1],
};
const typicalU: Readonly<Record<ComparisonKind, PerLevel>> = {
  name: [0.01, 0.02, 0.97],
  sound: [0.02, 0, 0.98],
  email: [0.0001, 0.001, 0.9989],
  phone: [0.0001, 0.001, 0.9989],
  postcode: [0.001, 0.01, 0.989],
  date: [0.0003, 0.002, 0.9977],
  address: [0.001, 0.01, 0.989],
  exact: [0.05, 0, 0.95],
};

/** A probability kept away from 0 and 1, so every weight is finite. */
export const bounded = (p: number): number => Math.min(1 - 1e-6, Math.max(1e-6, p));

/** The weight in bits of each level: log2(m / u). */
export function levelWeights(m: PerLevel, u: PerLevel): PerLevel {
  return [0, 1, 2].map((l) => Math.log2(bounded(m[l]!) / bounded(u[l]!))) as unknown as PerLevel;
}

/** How a spec scores pairs: a weight per comparison and level, and the prior in bits. */
export interface PairModel {
  readonly weights: readonly PerLevel[];
  readonly priorBits: number;
}

/** The scoring model of a `dedup:` section: hand-written weights, else m and u, else the typical ones. */
export function pairModel(spec: DedupSpec): PairModel {
  return {
    weights: spec.compare.map((c) => c.weights ?? levelWeights(c.m ?? typicalM[c.kind], c.u ?? typicalU[c.kind])),
    priorBits: Math.log2(bounded(spec.prior) / (1 - bounded(spec.prior))),
  };
}

/** The typical m and u of a kind of comparison, where EM starts. */
export function typicalLevels(kind: ComparisonKind): { readonly m: PerLevel; readonly u: PerLevel } {
  return { m: typicalM[kind], u: typicalU[kind] };
}

/** The level of each comparison for a pair of rows. */
export function pairLevels(spec: DedupSpec, rows: DedupRows, a: number, b: number): Level[] {
  return spec.compare.map((c, i) => {
    const sounds = rows.sounds[i]!;
    const named = sounds.length > 0;
    return compareValues(c.kind, rows.values[i]![a]!, rows.values[i]![b]!, named ? sounds[a]! : null, named ? sounds[b]! : null);
  });
}

/** The chance (0 to 1) that two rows are the same person, from their levels. */
export function pairScore(model: PairModel, levels: readonly Level[]): number {
  let bits = model.priorBits;
  levels.forEach((level, i) => {
    if (level !== -1) bits += model.weights[i]![level]!;
  });
  return 1 / (1 + 2 ** -bits);
}
