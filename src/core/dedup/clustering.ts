import type { RowPair } from './blocking.js';

/** What a pair of rows became. */
export type PairDecision = 'merge' | 'review' | 'apart' | 'accepted' | 'rejected' | 'forced';

/** What a person decided about a pair, by row index. */
export interface PairRuling {
  readonly a: number;
  readonly b: number;
  readonly ruling: 'accept' | 'reject' | 'force';
}

/** A scored candidate pair. */
export interface ScoredPair {
  readonly a: number;
  readonly b: number;
  readonly score: number;
}

/** A pair with what became of it. */
export interface DecidedPair extends ScoredPair {
  readonly decision: PairDecision;
}

/** Rows that are one person: indexes in row order, the survivor first. */
export type RowCluster = readonly number[];

/** What clustering found. */
export interface Clustering {
  readonly clusters: readonly RowCluster[];
  readonly pairs: readonly DecidedPair[];
}

const pairId = (a: number, b: number, count: number) => (a < b ? a * count + b : b * count + a);

/**
 * Joins rows into clusters along pairs that are merged (scored at or above `mergeAt`,
 * accepted or forced), strongest first, but never so that a cluster holds two rows that
 * clearly differ: every pair inside a cluster must score at least `reviewAt` (`scoreOf`
 * scores any two rows) and none may be rejected. A merge that would break this goes to
 * review instead, so A=B and B=C do not silently make A=C.
 */
export function clusterRows(
  count: number,
  pairs: readonly ScoredPair[],
  rulings: readonly PairRuling[],
  thresholds: { readonly mergeAt: number; readonly reviewAt: number },
  scoreOf: (a: number, b: number) => number,
): Clustering {
  const ruled = new Map<number, PairRuling['ruling']>();
  for (const r of rulings) if (r.a !== r.b) ruled.set(pairId(r.a, r.b, count), r.ruling);
  const known = new Map<number, ScoredPair>();
  for (const p of pairs) known.set(pairId(p.a, p.b, count), p);
  // a ruled pair the blocks did not bring together is still decided
  for (const r of rulings) {
    const id = pairId(r.a, r.b, count);
    if (r.a !== r.b && !known.has(id)) known.set(id, { a: Math.min(r.a, r.b), b: Math.max(r.a, r.b), score: scoreOf(r.a, r.b) });
  }

  const first = (p: ScoredPair): PairDecision => {
    const ruling = ruled.get(pairId(p.a, p.b, count));
    if (ruling === 'force') return 'forced';
    if (ruling === 'reject') return 'rejected';
    if (ruling === 'accept') return 'accepted';
    return p.score >= thresholds.mergeAt ? 'merge' : p.score >= thresholds.reviewAt ? 'review' : 'apart';
  };
  const decided = new Map<number, PairDecision>();
  for (const [id, p] of known) decided.set(id, first(p));

  const joining = (d: PairDecision) => d === 'merge' || d === 'accepted' || d === 'forced';
  const strength = (d: PairDecision) => (d === 'forced' ? 2 : d === 'accepted' ? 1 : 0);
  const edges = [...known.entries()]
    .filter(([id]) => joining(decided.get(id)!))
    .sort(([ia, a], [ib, b]) => strength(decided.get(ib)!) - strength(decided.get(ia)!) || b.score - a.score || a.a - b.a || a.b - b.b);

  const clusterOf = new Map<number, number[]>();
  const members = (row: number): number[] => clusterOf.get(row) ?? [row];
  const fits = (x: number, y: number): boolean => {
    const ruling = ruled.get(pairId(x, y, count));
    if (ruling === 'reject') return false;
    return ruling === 'force' || ruling === 'accept' || (known.get(pairId(x, y, count))?.score ?? scoreOf(x, y)) >= thresholds.reviewAt;
  };
  for (const [id, p] of edges) {
    const left = members(p.a);
    const right = members(p.b);
    if (left === right || left.includes(p.b)) continue;
    const forced = decided.get(id) === 'forced';
    if (!forced && !left.every((x) => right.every((y) => fits(x, y)))) {
      // kept apart: a person decides
      decided.set(id, 'review');
      continue;
    }
    const joined = [...left, ...right];
    for (const row of joined) clusterOf.set(row, joined);
  }

  const clusters = [...new Set(clusterOf.values())].map((c) => [...c].sort((x, y) => x - y)).sort((x, y) => x[0]! - y[0]!);
  const out: DecidedPair[] = [...known.entries()]
    .map(([id, p]) => ({ a: p.a, b: p.b, score: p.score, decision: decided.get(id)! }))
    .sort((x, y) => x.a - y.a || x.b - y.b);
  return { clusters, pairs: out };
}
