import type { Level } from './compare-values.js';
import { blockingValue, type DedupRows } from './dedup-rows.js';
import type { DedupSpec, PerLevel } from './dedup-spec.js';
import { bounded, pairLevels, typicalLevels } from './fellegi-sunter.js';
import type { RowPair } from './blocking.js';

/** What expectation maximisation found: m and u per comparison, and the prior among compared pairs. */
export interface EstimatedWeights {
  readonly m: readonly PerLevel[];
  readonly u: readonly PerLevel[];
  /** the chance that two rows picked at random are the same person: what scores start from */
  readonly prior: number;
  /** the share of blocked pairs EM took for the same person */
  readonly blockedShare: number;
  /** the pairs EM learnt from, and the random pairs u was counted on */
  readonly pairs: number;
  readonly randomPairs: number;
  readonly iterations: number;
}

/** A small fixed-seed generator: the same rows always give the same estimate. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shares of each level, smoothed so a level never seen still has a small chance. */
function shares(counts: readonly number[]): PerLevel {
  const total = counts[0]! + counts[1]! + counts[2]!;
  return counts.map((c) => (c + 0.01) / (total + 0.03)) as unknown as PerLevel;
}

/**
 * Estimates Fellegi-Sunter weights from the rows themselves: u (how often different
 * people agree by chance) from random pairs, then m and the prior by expectation
 * maximisation over the blocked pairs, u held fixed. Whether a pair is a match is judged
 * without the comparisons its blocking rule was made on (their agreement was chosen, not
 * found); how often each comparison agrees among matches is then counted on all of them.
 */
export function estimateWeights(
  spec: DedupSpec,
  rows: DedupRows,
  pairs: readonly RowPair[],
  o: { randomPairs?: number; iterations?: number; /** the share of all blocked pairs that `pairs` is */ share?: number } = {},
): EstimatedWeights {
  const count = rows.keys.length;
  const width = spec.compare.length;
  // u: random pairs are almost never the same person
  const random = mulberry32(0x5eed);
  const wanted = Math.min(o.randomPairs ?? 50_000, (count * (count - 1)) / 2);
  const uCounts = spec.compare.map(() => [0, 0, 0]);
  let randomPairs = 0;
  for (let k = 0; k < wanted && count > 1; k += 1) {
    const a = Math.floor(random() * count);
    let b = Math.floor(random() * (count - 1));
    if (b >= a) b += 1;
    pairLevels(spec, rows, a, b).forEach((level, i) => {
      if (level >= 0) uCounts[i]![level]! += 1;
    });
    randomPairs += 1;
  }
  const u = uCounts.map((c, i) => (c[0]! + c[1]! + c[2]! === 0 ? typicalLevels(spec.compare[i]!.kind).u : shares(c)));

  // one observation per pair and blocking rule that brings it together; the comparisons a
  // rule is made on agree by construction there, so they say nothing and are left out
  const blockedOn = spec.block.map((rule) => spec.compare.map((c) => rule.includes(c.name)));
  const parts = spec.block.map((rule) => rule.map((name) => spec.compare.findIndex((c) => c.name === name)));
  const observed: number[] = [];
  const unmasked: number[] = [];
  for (const [a, b] of pairs) {
    const found = pairLevels(spec, rows, a, b);
    parts.forEach((rule, r) => {
      if (!rule.every((i) => blockingValue(rows, i, a) !== null && blockingValue(rows, i, a) === blockingValue(rows, i, b))) return;
      found.forEach((level: Level, i) => {
        observed.push(blockedOn[r]![i] ? -1 : level);
        unmasked.push(level);
      });
    });
  }
  const levels = Int8Array.from(observed);
  const full = Int8Array.from(unmasked);
  const observations = levels.length / width;
  let m: PerLevel[] = spec.compare.map((c) => typicalLevels(c.kind).m);
  let prior = 0.5;
  const maxIterations = o.iterations ?? 40;
  let iterations = 0;
  for (; iterations < maxIterations && observations > 0; iterations += 1) {
    const mCounts = spec.compare.map(() => [0, 0, 0]);
    let matched = 0;
    for (let p = 0; p < observations; p += 1) {
      let same = prior;
      let other = 1 - prior;
      for (let i = 0; i < width; i += 1) {
        const level = levels[p * width + i]!;
        if (level < 0) continue;
        same *= bounded(m[i]![level]!);
        other *= bounded(u[i]![level]!);
      }
      const chance = same / (same + other);
      matched += chance;
      // judged without its blocked comparisons, a likely match still shows how often
      // each comparison agrees among matches
      for (let i = 0; i < width; i += 1) {
        const level = full[p * width + i]!;
        if (level >= 0) mCounts[i]![level]! += chance;
      }
    }
    const next = mCounts.map((c, i) => (c[0]! + c[1]! + c[2]! === 0 ? m[i]! : shares(c)));
    const nextPrior = bounded(matched / observations);
    const moved = Math.abs(nextPrior - prior) + next.reduce((s, row, i) => s + row.reduce((t, v, l) => t + Math.abs(v - m[i]![l]!), 0), 0);
    m = next;
    prior = nextPrior;
    if (moved < 1e-6) {
      iterations += 1;
      break;
    }
  }
  const round = (x: number) => Number(x.toPrecision(4));
  const population = pairPrior(spec, rows, pairs, m, u, o.share ?? 1);
  const tidy = (p: PerLevel) => p.map(round) as unknown as PerLevel;
  // kept inside (0, 1) once rounded, as the spec requires
  return { m: m.map(tidy), u: u.map(tidy), prior: Math.min(0.9999, Math.max(1e-12, round(population))), blockedShare: round(prior), pairs: pairs.length, randomPairs, iterations };
}

/**
 * The chance that two rows picked at random are the same person, taking every match to
 * lie within the blocks: the expected matches among the blocked pairs, scored with all
 * their comparisons, over all pairs of rows; found as the fixed point of that sum.
 */
function pairPrior(spec: DedupSpec, rows: DedupRows, pairs: readonly RowPair[], m: readonly PerLevel[], u: readonly PerLevel[], share: number): number {
  const count = rows.keys.length;
  const all = (count * (count - 1)) / 2;
  if (pairs.length === 0 || all === 0) return 1 / Math.max(2, all);
  // each pair's evidence in bits, once
  const evidence = pairs.map(([a, b]) =>
    pairLevels(spec, rows, a, b).reduce((bits: number, level, i) => (level === -1 ? bits : bits + Math.log2(bounded(m[i]![level]!) / bounded(u[i]![level]!))), 0),
  );
  let prior = Math.min(0.5, pairs.length / share / all);
  for (let round = 0; round < 100; round += 1) {
    const priorBits = Math.log2(prior / (1 - prior));
    let expected = 0;
    for (const bits of evidence) expected += 1 / (1 + 2 ** -(bits + priorBits));
    const next = Math.max(expected / share, 0.5) / all;
    if (Math.abs(next - prior) <= prior * 1e-6) return next;
    prior = next;
  }
  return prior;
}
