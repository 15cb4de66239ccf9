import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import { readSnapshot } from '../store/snapshot-store.js';
import { verifyManifest } from '../store/snapshot-verify.js';
import type { ProjectSession } from './project-session.js';

/** Reads a snapshot's manifest and proves it is as collected before anything reads its tables. */
export async function readVerifiedSnapshot(session: ProjectSession, id: string): Promise<SnapshotManifest> {
  const manifest = await readSnapshot(session.layout, id);
  await verifyManifest(session.layout, manifest, await session.key());
  return manifest;
}
