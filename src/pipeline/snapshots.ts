import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import { listSnapshots, readSnapshot } from '../store/snapshot-store.js';
import { verifySnapshot, type SnapshotCheck } from '../store/snapshot-verify.js';
import type { ProjectSession } from './project-session.js';

export type { SnapshotCheck } from '../store/snapshot-verify.js';
export type { SnapshotManifest } from '../store/snapshot-manifest.js';

/** The project's snapshots, oldest first. */
export function projectSnapshots(session: ProjectSession): Promise<SnapshotManifest[]> {
  return listSnapshots(session.layout);
}

/** One snapshot by id, or "latest". */
export function projectSnapshot(session: ProjectSession, id: string): Promise<SnapshotManifest> {
  return readSnapshot(session.layout, id);
}

/** Decrypts and re-hashes one snapshot, or all of them, to prove nothing changed; fails at the first difference. */
export async function verifySnapshots(session: ProjectSession, id?: string): Promise<SnapshotCheck[]> {
  const key = await session.key();
  const chosen = id ? [await readSnapshot(session.layout, id)] : await listSnapshots(session.layout);
  const results: SnapshotCheck[] = [];
  for (const s of chosen) results.push(await verifySnapshot(session.layout, s, key));
  return results;
}
