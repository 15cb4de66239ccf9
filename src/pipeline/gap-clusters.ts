import { CutoverError } from '../core/cutover-error.js';
import { clusterPlaces, findDuplicates, type ClusterPlace } from '../core/dedup/index.js';
import { displayKey } from '../core/mapping/index.js';
import type { EntitySpec } from '../core/spec/index.js';
import { readDedupMembers, readDedupRulings, saveDedupMembers } from '../store/dedup-records.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import { readDedupRows } from './dedup-rows.js';
import type { EntityKeys } from './gap-keys.js';
import type { ProjectSession } from './project-session.js';

/** Where a row of the later snapshot stands in its duplicate cluster, as a gap applies it. */
export interface GapClusterPlace extends ClusterPlace {
  /** the cluster's stable id */
  readonly cluster: string;
}

/**
 * The duplicate clusters of an entity in the later snapshot, as a full run of it would
 * find them (the same rulings, the ids kept from before), and what the environment holds
 * of each: the one target row a cluster is (its anchor), once one of its rows has one.
 */
export class GapClusters {
  constructor(
    private readonly places: ReadonlyMap<string, GapClusterPlace>,
    private readonly members: ReadonlyMap<string, readonly string[]>,
    /** every key of the later snapshot's rows */
    readonly laterKeys: ReadonlySet<string>,
  ) {}

  /** The cluster a key of the later snapshot belongs to, if any. */
  placeOf(key: string): GapClusterPlace | undefined {
    return this.places.get(key);
  }

  /** The cluster's members, survivor first. */
  membersOf(cluster: string): readonly string[] {
    return this.members.get(cluster) ?? [];
  }

  /** The member of a cluster with a target row of its own in the environment (at most one, see `checkClusters`). */
  anchor(cluster: string, keys: EntityKeys): { key: string; id: number | null } | undefined {
    for (const key of this.membersOf(cluster)) {
      const id = keys.ownId(key);
      if (id !== undefined) return { key, id };
    }
    return undefined;
  }
}

/** The clusters of the later snapshot, with the rulings people made; their ids are kept for `dedup` and the next gap. */
export async function gapClusters(session: ProjectSession, to: SnapshotManifest, entity: EntitySpec): Promise<GapClusters> {
  const dedup = entity.dedup!;
  const { db } = await session.store();
  const rows = await readDedupRows(session, to, entity, dedup);
  const proposal = findDuplicates(dedup, rows, entity.name, await readDedupRulings(db, entity.name), await readDedupMembers(db, entity.name));
  await saveDedupMembers(db, entity.name, proposal.clusters);
  const clusterOf = new Map(proposal.clusters.flatMap((c) => c.members.map((m) => [m, c.id] as const)));
  const places = new Map<string, GapClusterPlace>();
  for (const [key, place] of clusterPlaces(proposal)) places.set(key, { ...place, cluster: clusterOf.get(key)! });
  return new GapClusters(places, new Map(proposal.clusters.filter((c) => c.members.length > 1).map((c) => [c.id, c.members])), new Set(rows.keys));
}

/**
 * Refuses, before anything is written, a gap whose clusters the environment cannot follow
 * exactly once: a cluster that would join rows the new system holds apart (two target
 * rows would have to become one, their children moved), or a row the new system holds
 * merged whose cluster no longer holds the row it was merged into (it would need a
 * target row of its own, and its share of the children).
 */
export function checkClusters(entity: EntitySpec, clusters: GapClusters, keys: EntityKeys): void {
  const what = `The gap cannot carry over the duplicates of entity "${entity.name}"`;
  const todo = 'Load a test environment afresh from the later snapshot (cutover run --env ENV --fresh) to see the clusters as a full run makes them, or record decisions with "cutover dedup review" so that the clusters stay as the environment holds them.';
  const anchors = new Map<string, string>();
  for (const key of keys.ids.keys()) {
    const place = clusters.placeOf(key);
    if (place === undefined || keys.merged.has(key)) continue;
    const other = anchors.get(place.cluster);
    if (other !== undefined) {
      throw new CutoverError('gap_dedup_refused', `${what}: in the later snapshot ${displayKey(other)} and ${displayKey(key)} are the same person (cluster ${place.cluster}), but the new system holds them as two records, which a gap cannot join. ${todo}`);
    }
    anchors.set(place.cluster, key);
  }
  for (const key of keys.merged) {
    const survivor = keys.ledger.get(key)?.survivorKey;
    if (survivor == null || !clusters.laterKeys.has(key)) continue;
    const place = clusters.placeOf(key);
    if (place === undefined || clusters.placeOf(survivor)?.cluster !== place.cluster) {
      throw new CutoverError('gap_dedup_refused', `${what}: ${displayKey(key)} was merged into ${displayKey(survivor)} in the new system, but in the later snapshot they are no longer the same person, and a gap cannot give a merged record its own again. ${todo}`);
    }
  }
}
