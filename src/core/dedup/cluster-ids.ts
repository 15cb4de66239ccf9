import { sha256Hex } from '../canonical-json.js';

/**
 * An id for a new cluster, from its sorted member keys: the same members always give the
 * same id. `D` and 12 hex digits.
 */
export function newClusterId(memberKeys: readonly string[]): string {
  return `D${sha256Hex([...memberKeys].sort().join('\n')).slice(0, 12)}`;
}

/**
 * Ids for clusters (each its member keys), keeping the id a member's cluster had before:
 * a cluster takes the earlier id most of its members had (the smallest on a tie), if no
 * cluster before it took that id; otherwise a new id from its members.
 */
export function clusterIds(clusters: readonly (readonly string[])[], earlier: ReadonlyMap<string, string>): string[] {
  const taken = new Set<string>();
  return clusters.map((keys) => {
    const votes = new Map<string, number>();
    for (const key of keys) {
      const id = earlier.get(key);
      if (id !== undefined && !taken.has(id)) votes.set(id, (votes.get(id) ?? 0) + 1);
    }
    const best = [...votes].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))[0]?.[0];
    const id = best ?? newClusterId(keys);
    taken.add(id);
    return id;
  });
}
