import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CutoverError } from '../core/cutover-error.js';
import { sha256Hex } from '../core/canonical-json.js';
import type { ProjectLayout } from './project-layout.js';

/** What Cutover read in one collected file, so runs need not sniff it again. */
export interface SnapshotFile {
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly encoding: string;
  readonly delimiter: string;
  readonly columns: readonly string[];
}

/** A snapshot's manifest: its files with their hashes, and the hash of the whole. */
export interface SnapshotManifest {
  readonly id: string;
  readonly hash: string;
  readonly source: string;
  readonly collectedAt: string;
  readonly collectedBy: string;
  readonly files: readonly SnapshotFile[];
}

/** The hash of a whole snapshot: of its file names and file hashes, in name order. */
export function snapshotHash(files: readonly Pick<SnapshotFile, 'name' | 'sha256'>[]): string {
  const lines = [...files].sort((a, b) => (a.name < b.name ? -1 : 1)).map((f) => `${f.sha256}  ${f.name}\n`);
  return sha256Hex(lines.join(''));
}

/** The path of a file inside a stored snapshot. */
export function snapshotFilePath(layout: ProjectLayout, id: string, name: string): string {
  return join(layout.snapshotsDir, id, 'files', name);
}

/** Copies `path` to `target` and returns the SHA-256 and size of what was copied. */
export async function copyHashing(path: string, target: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(createReadStream(path), tap, createWriteStream(target, { flags: 'wx' }));
  return { sha256: hash.digest('hex'), bytes };
}

/** A folder beside the snapshots where a new one is written before it is published. */
export async function startSnapshot(layout: ProjectLayout): Promise<string> {
  const dir = join(layout.snapshotsDir, `.partial-${randomBytes(6).toString('hex')}`);
  await mkdir(join(dir, 'files'), { recursive: true });
  return dir;
}

/**
 * Publishes a snapshot written in `partialDir`: its manifest is written, its files made
 * read-only, and the folder renamed to its id in one step, so a snapshot is either
 * complete or absent. When the same content was collected before, that one is kept.
 */
export async function publishSnapshot(
  layout: ProjectLayout,
  partialDir: string,
  manifest: Omit<SnapshotManifest, 'id' | 'hash'>,
): Promise<{ manifest: SnapshotManifest; reused: boolean }> {
  const hash = snapshotHash(manifest.files);
  const id = hash.slice(0, 12);
  const finalDir = join(layout.snapshotsDir, id);
  if (existsSync(finalDir)) {
    await rm(partialDir, { recursive: true, force: true });
    return { manifest: await readSnapshot(layout, id), reused: true };
  }
  const complete: SnapshotManifest = { id, hash, ...manifest };
  await writeFile(join(partialDir, 'manifest.json'), JSON.stringify(complete, null, 2) + '\n');
  for (const f of manifest.files) await chmod(join(partialDir, 'files', f.name), 0o444);
  await rename(partialDir, finalDir);
  return { manifest: complete, reused: false };
}

/** Reads a stored snapshot's manifest. */
export async function readSnapshot(layout: ProjectLayout, id: string): Promise<SnapshotManifest> {
  try {
    return JSON.parse(await readFile(join(layout.snapshotsDir, id, 'manifest.json'), 'utf8')) as SnapshotManifest;
  } catch (cause) {
    throw new CutoverError('snapshot_missing', `Snapshot ${id} is not in this project (${layout.snapshotsDir}). Run "cutover collect" first.`, { cause });
  }
}

/** Every complete snapshot, oldest first. */
export async function listSnapshots(layout: ProjectLayout): Promise<SnapshotManifest[]> {
  const names = existsSync(layout.snapshotsDir) ? await readdir(layout.snapshotsDir) : [];
  const manifests = await Promise.all(names.filter((n) => !n.startsWith('.')).map((n) => readSnapshot(layout, n)));
  return manifests.sort((a, b) => a.collectedAt.localeCompare(b.collectedAt));
}

/** Re-hashes every file of a snapshot; fails naming the first file that changed. */
export async function verifySnapshot(layout: ProjectLayout, manifest: SnapshotManifest): Promise<void> {
  for (const f of manifest.files) {
    const path = snapshotFilePath(layout, manifest.id, f.name);
    const hash = createHash('sha256');
    try {
      for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    } catch (cause) {
      throw new CutoverError('snapshot_damaged', `Snapshot ${manifest.id}: ${f.name} can no longer be read (${(cause as Error).message}). Collect the source again.`, { cause });
    }
    if (hash.digest('hex') !== f.sha256) {
      throw new CutoverError(
        'snapshot_tampered',
        `Snapshot ${manifest.id}: ${f.name} has changed since it was collected (its content hash no longer matches). A snapshot must never change: collect the source again.`,
        { where: { file: path } },
      );
    }
  }
}
