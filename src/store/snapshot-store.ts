import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson } from '../core/canonical-json.js';
import { CutoverError } from '../core/cutover-error.js';
import { ownerFileMode, ownerFolderMode } from './owner-only.js';
import type { ProjectLayout } from './project-layout.js';
import { blobBinding, snapshotHash, type SnapshotManifest } from './snapshot-manifest.js';
import { createSealWriter, type SnapshotKey } from './sealed/index.js';

const manifestSeal = 'manifest.seal';

/** The folder of a stored snapshot. */
export function snapshotDir(layout: ProjectLayout, id: string): string {
  return join(layout.snapshotsDir, id);
}

/**
 * A folder beside the snapshots where a new one is written before it is published.
 * Leftovers of a collect that was killed are removed first: the caller holds the
 * project lock, so no other collect can be writing them.
 */
export async function startSnapshot(layout: ProjectLayout): Promise<string> {
  await mkdir(layout.snapshotsDir, { recursive: true, mode: ownerFolderMode });
  for (const name of await readdir(layout.snapshotsDir)) {
    if (name.startsWith('.partial-')) await rm(join(layout.snapshotsDir, name), { recursive: true, force: true });
  }
  const dir = join(layout.snapshotsDir, `.partial-${randomBytes(6).toString('hex')}`);
  await mkdir(dir, { recursive: true, mode: ownerFolderMode });
  return dir;
}

/**
 * Publishes a snapshot written in `partialDir`: its manifest is written (and a sealed
 * copy, so an edited manifest is caught), its files made read-only, and the folder
 * renamed to its id in one step: a snapshot is complete or absent. When the same
 * content was collected before, that one is kept and this one dropped.
 */
export async function publishSnapshot(
  layout: ProjectLayout,
  partialDir: string,
  key: SnapshotKey,
  manifest: Omit<SnapshotManifest, 'id' | 'hash' | 'format' | 'keyId'>,
): Promise<{ manifest: SnapshotManifest; reused: boolean }> {
  const hash = snapshotHash(manifest.tables);
  const id = hash.slice(0, 12);
  const finalDir = snapshotDir(layout, id);
  if (existsSync(finalDir)) {
    await rm(partialDir, { recursive: true, force: true });
    return { manifest: await readSnapshot(layout, id), reused: true };
  }
  const complete: SnapshotManifest = { format: 2, id, hash, keyId: key.id, ...manifest };
  await writeFile(join(partialDir, 'manifest.json'), JSON.stringify(complete, null, 2) + '\n', { mode: ownerFileMode });
  const sealed = createSealWriter(join(partialDir, manifestSeal), key, blobBinding(manifestSeal));
  await sealed.write(canonicalJson(complete));
  await sealed.finish();
  for (const name of await readdir(partialDir)) await chmod(join(partialDir, name), 0o400);
  await rename(partialDir, finalDir);
  return { manifest: complete, reused: false };
}

/** Reads a stored snapshot's manifest (`latest` for the newest). */
export async function readSnapshot(layout: ProjectLayout, id: string): Promise<SnapshotManifest> {
  if (id === 'latest') {
    const last = (await listSnapshots(layout)).at(-1);
    if (!last) throw new CutoverError('snapshot_missing', 'This project has no snapshot yet. Run "cutover collect" first.');
    return last;
  }
  let text: string;
  try {
    text = await readFile(join(snapshotDir(layout, id), 'manifest.json'), 'utf8');
  } catch (cause) {
    const known = (await listSnapshots(layout)).map((s) => s.id);
    throw new CutoverError(
      'snapshot_missing',
      `Snapshot ${id} is not in this project${known.length ? ` (it has: ${known.join(', ')})` : ''}. Run "cutover snapshots" to list them, or "cutover collect" to take one.`,
      { cause },
    );
  }
  try {
    return JSON.parse(text) as SnapshotManifest;
  } catch (cause) {
    throw new CutoverError('snapshot_tampered', `Snapshot ${id}: its manifest.json is damaged (${(cause as Error).message}). A snapshot must never change: collect the source again.`, { cause });
  }
}

/** Every complete snapshot, oldest first. */
export async function listSnapshots(layout: ProjectLayout): Promise<SnapshotManifest[]> {
  const names = existsSync(layout.snapshotsDir) ? await readdir(layout.snapshotsDir) : [];
  const manifests: SnapshotManifest[] = [];
  for (const name of names.filter((n) => !n.startsWith('.'))) {
    const text = await readFile(join(layout.snapshotsDir, name, 'manifest.json'), 'utf8').catch(() => undefined);
    if (text !== undefined) manifests.push(JSON.parse(text) as SnapshotManifest);
  }
  return manifests.sort((a, b) => a.collectedAt.localeCompare(b.collectedAt) || a.id.localeCompare(b.id));
}

/** The sealed copy's name, for the verifier. */
export const sealedManifestName = manifestSeal;
