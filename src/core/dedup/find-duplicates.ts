import { forEachCandidatePair } from './blocking.js';
import { clusterIds } from './cluster-ids.js';
import { clusterRows, type PairDecision, type PairRuling, type ScoredPair } from './clustering.js';
import type { Level } from './compare-values.js';
import type { DedupRows } from './dedup-rows.js';
import { levels, type DedupSpec } from './dedup-spec.js';
import { pairLevels, pairModel, pairScore } from './fellegi-sunter.js';

/** A person's ruling on two rows, by their source keys. */
export interface KeyRuling {
  readonly a: string;
  readonly b: string;
  readonly ruling: PairRuling['ruling'];
}

/** One proposed cluster: its stable id, its members' source keys (survivor first, then in file order). */
export interface ProposedCluster {
  readonly id: string;
  readonly members: readonly string[];
  readonly survivor: string;
}

/** One pair, with its score, what became of it, and how each comparison came out. */
export interface ProposedPair {
  readonly a: string;
  readonly b: string;
  readonly score: number;
  readonly decision: PairDecision;
  /** per comparison name: agree, close, differ or blank */
  readonly fields: Readonly<Record<string, (typeof levels)[number] | 'blank'>>;
}

/** What deduplication proposes for one entity. */
export interface DedupProposal {
  readonly rows: number;
  /** pairs the blocks brought together and compared */
  readonly compared: number;
  readonly clusters: readonly ProposedCluster[];
  /** pairs scored at or above review_at, or ruled on by a person */
  readonly pairs: readonly ProposedPair[];
}

const rounded = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Compares the rows within their blocks, scores each pair, and joins the rows into
 * clusters, with rulings applied and cluster ids kept from `earlierIds` (source key to
 * cluster id) where members were clustered before.
 */
export function findDuplicates(
  spec: DedupSpec,
  rows: DedupRows,
  entity: string,
  rulings: readonly KeyRuling[] = [],
  earlierIds: ReadonlyMap<string, string> = new Map(),
): DedupProposal {
  const model = pairModel(spec);
  const indexOf = new Map(rows.keys.map((key, i) => [key, i]));
  const scoreOf = (a: number, b: number) => pairScore(model, pairLevels(spec, rows, a, b));
  // only pairs that could join a cluster are kept; the rest are counted
  const scored: ScoredPair[] = [];
  const compared = forEachCandidatePair(spec, rows, entity, (a, b) => {
    const score = scoreOf(a, b);
    if (score >= spec.reviewAt) scored.push({ a, b, score });
  });
  const byIndex: PairRuling[] = [];
  for (const r of rulings) {
    const a = indexOf.get(r.a);
    const b = indexOf.get(r.b);
    if (a !== undefined && b !== undefined) byIndex.push({ a, b, ruling: r.ruling });
  }
  const found = clusterRows(rows.keys.length, scored, byIndex, spec, scoreOf);
  const memberKeys = found.clusters.map((c) => c.map((i) => rows.keys[i]!));
  const ids = clusterIds(memberKeys, earlierIds);
  const fields = (levelsOf: readonly Level[]) =>
    Object.fromEntries(spec.compare.map((c, i) => {
      const level = levelsOf[i]!;
      return [c.name, level === -1 ? 'blank' : levels[level]];
    })) as ProposedPair['fields'];
  return {
    rows: rows.keys.length,
    compared,
    clusters: memberKeys.map((members, i) => ({ id: ids[i]!, members, survivor: members[0]! })),
    pairs: found.pairs
      .filter((p) => p.decision !== 'apart' || byIndex.some((r) => (r.a === p.a && r.b === p.b) || (r.a === p.b && r.b === p.a)))
      .map((p) => ({ a: rows.keys[p.a]!, b: rows.keys[p.b]!, score: rounded(p.score), decision: p.decision, fields: fields(pairLevels(spec, rows, p.a, p.b)) })),
  };
}
