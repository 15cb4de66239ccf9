import { join } from 'node:path';
import { canonicalJson } from '../core/canonical-json.js';
import { CutoverError } from '../core/cutover-error.js';
import type { ProjectLayout } from './project-layout.js';
import { blobBinding, snapshotHash, type SnapshotManifest } from './snapshot-manifest.js';
import { sealedManifestName, snapshotDir } from './snapshot-store.js';
import { checkSealedHeader, hashSealed, openSealReader, type SnapshotKey } from './sealed/index.js';

/** What a verify checked. */
export interface SnapshotCheck {
  readonly id: string;
  readonly tables: number;
  readonly blobs: number;
  readonly plainBytes: number;
}

/**
 * Proves a snapshot is as collected: its manifest holds (see `verifyManifest`), and every
 * blob decrypts under the key and re-hashes to the manifest's hash. Fails naming the
 * first thing that differs.
 */
export async function verifySnapshot(layout: ProjectLayout, manifest: SnapshotManifest, key: SnapshotKey): Promise<SnapshotCheck> {
  await verifyManifest(layout, manifest, key);
  const dir = snapshotDir(layout, manifest.id);
  let blobs = 0;
  let plainBytes = 0;
  for (const table of manifest.tables) {
    const rows = await hashSealed(join(dir, table.blob), key, blobBinding(table.blob));
    if (rows.sha256 !== table.sha256) throw tampered(layout, manifest, `the rows of ${table.name} no longer match their hash`);
    blobs++;
    plainBytes += rows.plainBytes;
    if (table.original) {
      const original = await hashSealed(join(dir, table.original.blob), key, blobBinding(table.original.blob));
      if (original.sha256 !== table.original.sha256) throw tampered(layout, manifest, `the delivered file ${table.name} no longer matches its hash`);
      blobs++;
      plainBytes += original.plainBytes;
    }
  }
  return { id: manifest.id, tables: manifest.tables.length, blobs, plainBytes };
}

/**
 * Proves a snapshot's manifest is as collected, without reading its tables: the id
 * matches the content hash, and the manifest equals its sealed copy; and the tables
 * named in `reading` are there and open under the key (their headers only). A run
 * checks this before it loads anything; it checks each table it maps as it reads it.
 */
export async function verifyManifest(layout: ProjectLayout, manifest: SnapshotManifest, key: SnapshotKey, reading: readonly string[] = []): Promise<void> {
  if (manifest.hash !== snapshotHash(manifest.tables) || !manifest.hash.startsWith(manifest.id)) {
    throw tampered(layout, manifest, 'its manifest.json does not match its own content hash');
  }
  const dir = snapshotDir(layout, manifest.id);
  const chunks: Uint8Array[] = [];
  for await (const chunk of openSealReader(join(dir, manifest.sealName ?? sealedManifestName), key, blobBinding(manifest.sealName ?? sealedManifestName))) chunks.push(chunk);
  // decoded whole: a character split between two chunks is still one character
  if (Buffer.concat(chunks).toString('utf8') !== canonicalJson(manifest)) throw tampered(layout, manifest, 'its manifest.json was edited after collection');
  for (const table of manifest.tables.filter((t) => reading.includes(t.name))) await checkSealedHeader(join(dir, table.blob), key, blobBinding(table.blob));
}

function tampered(layout: ProjectLayout, manifest: SnapshotManifest, what: string): CutoverError {
  return new CutoverError('snapshot_tampered', `Snapshot ${manifest.id}: ${what}. A snapshot must never change: collect the source again.`, {
    where: { file: snapshotDir(layout, manifest.id) },
  });
}
