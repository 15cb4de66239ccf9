import type { DedupProposal } from './find-duplicates.js';

/** Where one row stands in the clusters a run applies. */
export interface ClusterPlace {
  /** the cluster's survivor, the row the others are merged into */
  readonly survivor: string;
  /** how many rows the cluster holds */
  readonly size: number;
  /** the best score of a merged pair joining this row to another of its cluster; 1 for a forced pair */
  readonly score: number;
}

/** Decisions that put two rows in one cluster. */
const joined = new Set(['merge', 'accepted', 'forced']);

/** Each clustered row's place, by source key: what a run needs to merge the clusters. */
export function clusterPlaces(proposal: Pick<DedupProposal, 'clusters' | 'pairs'>): Map<string, ClusterPlace> {
  const best = new Map<string, number>();
  for (const p of proposal.pairs) {
    if (!joined.has(p.decision)) continue;
    const score = p.decision === 'forced' ? Math.max(p.score, 1) : p.score;
    for (const key of [p.a, p.b]) best.set(key, Math.max(best.get(key) ?? 0, score));
  }
  const places = new Map<string, ClusterPlace>();
  for (const c of proposal.clusters) {
    if (c.members.length < 2) continue;
    for (const key of c.members) places.set(key, { survivor: c.survivor, size: c.members.length, score: best.get(key) ?? 0 });
  }
  return places;
}
