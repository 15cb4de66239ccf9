import { join } from 'node:path';
import { canonicalJson } from '../core/canonical-json.js';
import { CutoverError } from '../core/cutover-error.js';
import type { ProjectLayout } from './project-layout.js';
import { blobBinding, snapshotHash, type SnapshotManifest } from './snapshot-manifest.js';
import { sealedManifestName, snapshotDir } from './snapshot-store.js';
import { hashSealed, openSealReader, type SnapshotKey } from './sealed/index.js';

/** What a verify checked. */
export interface SnapshotCheck {
  readonly id: string;
  readonly tables: number;
  readonly blobs: number;
  readonly plainBytes: number;
}

/**
 * Proves a snapshot is as collected: its id matches its hash, its manifest matches the
 * sealed copy, and every blob decrypts under the key and re-hashes to the manifest's
 * hash. Fails naming the first thing that differs.
 */
export async function verifySnapshot(layout: ProjectLayout, manifest: SnapshotManifest, key: SnapshotKey): Promise<SnapshotCheck> {
  const dir = snapshotDir(layout, manifest.id);
  const tampered = (what: string) =>
    new CutoverError('snapshot_tampered', `Snapshot ${manifest.id}: ${what}. A snapshot must never change: collect the source again.`, { where: { file: dir } });
  if (manifest.hash !== snapshotHash(manifest.tables) || !manifest.hash.startsWith(manifest.id)) {
    throw tampered('its manifest.json does not match its own content hash');
  }
  let sealed = '';
  for await (const chunk of openSealReader(join(dir, sealedManifestName), key, blobBinding(sealedManifestName))) sealed += Buffer.from(chunk).toString('utf8');
  if (sealed !== canonicalJson(manifest)) throw tampered('its manifest.json was edited after collection');
  let blobs = 0;
  let plainBytes = 0;
  for (const table of manifest.tables) {
    const rows = await hashSealed(join(dir, table.blob), key, blobBinding(table.blob));
    if (rows.sha256 !== table.sha256) throw tampered(`the rows of ${table.name} no longer match their hash`);
    blobs++;
    plainBytes += rows.plainBytes;
    if (table.original) {
      const original = await hashSealed(join(dir, table.original.blob), key, blobBinding(table.original.blob));
      if (original.sha256 !== table.original.sha256) throw tampered(`the delivered file ${table.name} no longer matches its hash`);
      blobs++;
      plainBytes += original.plainBytes;
    }
  }
  return { id: manifest.id, tables: manifest.tables.length, blobs, plainBytes };
}
