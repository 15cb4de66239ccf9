import { describe, expect, it } from 'vitest';
import { clusterRows, type ScoredPair } from './clustering.js';

const thresholds = { mergeAt: 0.9, reviewAt: 0.5 };
/** Scores from a table; pairs not in it score 0. */
const table = (pairs: readonly ScoredPair[], otherwise = 0) => (a: number, b: number) => pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a))?.score ?? otherwise;

describe('clusterRows', () => {
  it('joins rows along merged pairs, sends the middle band to review', () => {
    const pairs = [{ a: 0, b: 1, score: 0.99 }, { a: 1, b: 2, score: 0.95 }, { a: 0, b: 2, score: 0.93 }, { a: 3, b: 4, score: 0.7 }, { a: 4, b: 5, score: 0.1 }];
    expect(clusterRows(6, pairs, [], thresholds, table(pairs))).toEqual({
      clusters: [[0, 1, 2]],
      pairs: [
        { a: 0, b: 1, score: 0.99, decision: 'merge' },
        { a: 0, b: 2, score: 0.93, decision: 'merge' },
        { a: 1, b: 2, score: 0.95, decision: 'merge' },
        { a: 3, b: 4, score: 0.7, decision: 'review' },
        { a: 4, b: 5, score: 0.1, decision: 'apart' },
      ],
    });
  });

  it('does not chain A=B and B=C into A=C when A and C clearly differ: the weaker link goes to review', () => {
    const pairs = [{ a: 0, b: 1, score: 0.99 }, { a: 1, b: 2, score: 0.95 }, { a: 0, b: 2, score: 0.02 }];
    const found = clusterRows(3, pairs, [], thresholds, table(pairs));
    expect(found.clusters).toEqual([[0, 1]]);
    expect(found.pairs.map((p) => p.decision)).toEqual(['merge', 'apart', 'review']);
  });

  it('scores a pair inside a would-be cluster that the blocks never compared', () => {
    const pairs = [{ a: 0, b: 1, score: 0.99 }, { a: 1, b: 2, score: 0.95 }];
    expect(clusterRows(3, pairs, [], thresholds, () => 0.01).clusters).toEqual([[0, 1]]);
    expect(clusterRows(3, pairs, [], thresholds, () => 0.6).clusters).toEqual([[0, 1, 2]]);
  });

  it('applies rulings: a rejected pair never joins, even through a third row; accepted and forced pairs do', () => {
    const pairs = [{ a: 0, b: 1, score: 0.99 }, { a: 1, b: 2, score: 0.95 }, { a: 0, b: 2, score: 0.96 }, { a: 3, b: 4, score: 0.6 }];
    const found = clusterRows(6, pairs, [{ a: 2, b: 0, ruling: 'reject' }, { a: 3, b: 4, ruling: 'accept' }, { a: 5, b: 0, ruling: 'force' }], thresholds, table(pairs, 0.6));
    expect(found.clusters).toEqual([[0, 1, 5], [3, 4]]);
    expect(found.pairs).toEqual([
      { a: 0, b: 1, score: 0.99, decision: 'merge' },
      { a: 0, b: 2, score: 0.96, decision: 'rejected' },
      { a: 0, b: 5, score: 0.6, decision: 'forced' },
      { a: 1, b: 2, score: 0.95, decision: 'review' },
      { a: 3, b: 4, score: 0.6, decision: 'accepted' },
    ]);
  });

  it('keeps a forced row out of a cluster whose other rows it clearly differs from', () => {
    const pairs = [{ a: 0, b: 1, score: 0.99 }];
    const found = clusterRows(3, pairs, [{ a: 2, b: 0, ruling: 'force' }], thresholds, table(pairs, 0.01));
    expect(found.clusters).toEqual([[0, 2]]);
    expect(found.pairs.map((p) => p.decision)).toEqual(['review', 'forced']);
  });

  it('gives the same clusters whatever order the pairs come in', () => {
    const pairs = [{ a: 0, b: 1, score: 0.99 }, { a: 1, b: 2, score: 0.95 }, { a: 2, b: 3, score: 0.97 }, { a: 0, b: 3, score: 0.2 }];
    const one = clusterRows(4, pairs, [], thresholds, table(pairs));
    const two = clusterRows(4, [...pairs].reverse(), [], thresholds, table(pairs));
    expect(two).toEqual(one);
    expect(one.clusters).toEqual([[0, 1], [2, 3]]);
  });
});
