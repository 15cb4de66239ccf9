import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson, sha256Hex } from '../core/canonical-json.js';
import { CutoverError } from '../core/cutover-error.js';
import type { ErasureMatch } from '../core/privacy/index.js';
import { ownerFileMode, ownerFolderMode } from './owner-only.js';
import type { ProjectLayout } from './project-layout.js';
import { createSealWriter, openSealReader, type SnapshotKey } from './sealed/index.js';

// An erasure list is a folder under .cutover/erasure/: a plain manifest that names no
// entry, and the entries with their salt sealed under the snapshot key, like a snapshot.

/** What is known of an imported list without opening it: never an entry. */
export interface ErasureListManifest {
  readonly format: 1;
  readonly id: string;
  readonly entity: string;
  readonly match: ErasureMatch;
  /** the source column an e-mail or phone list is matched against */
  readonly column?: string;
  /** distinct entries */
  readonly count: number;
  readonly importedAt: string;
  readonly importedBy: string;
  /** which key sealed it (a fingerprint, never the key) */
  readonly keyId: string;
  /** the sealed entries, in the list's folder */
  readonly blob: string;
  /** SHA-256 of the sealed content */
  readonly sha256: string;
}

/** A list's sealed content: the salt its evidence hashes use, and its entries in matching form. */
export interface ErasureListContent {
  readonly salt: string;
  readonly entries: readonly string[];
}

/** Where erasure lists live. */
export function erasureDir(layout: ProjectLayout): string {
  return join(layout.stateDir, 'erasure');
}

const binding = (id: string, blob: string) => `cutover-erasure/${id}/${blob}`;
const blobName = (key: SnapshotKey) => `entries.${key.id}.seal`;

async function sealContent(dir: string, id: string, key: SnapshotKey, content: ErasureListContent): Promise<{ blob: string; sha256: string }> {
  const blob = blobName(key);
  const writer = createSealWriter(join(dir, blob), key, binding(id, blob));
  try {
    await writer.write(canonicalJson(content));
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return { blob, sha256: (await writer.finish()).sha256 };
}

/** Every imported list's manifest, by id order. */
export async function listErasureLists(layout: ProjectLayout): Promise<ErasureListManifest[]> {
  const names = await readdir(erasureDir(layout)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const lists: ErasureListManifest[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    lists.push(JSON.parse(await readFile(join(erasureDir(layout), name, 'manifest.json'), 'utf8')) as ErasureListManifest);
  }
  return lists.sort((a, b) => Number(a.id) - Number(b.id));
}

/**
 * Seals a new list under the next id. Written in a partial folder renamed into place, so a
 * list is either whole or absent; never a plain copy on disk.
 */
export async function saveErasureList(
  layout: ProjectLayout,
  key: SnapshotKey,
  facts: Pick<ErasureListManifest, 'entity' | 'match' | 'column' | 'importedAt' | 'importedBy'>,
  content: ErasureListContent,
): Promise<ErasureListManifest> {
  const root = erasureDir(layout);
  await mkdir(root, { recursive: true, mode: ownerFolderMode });
  const id = String((await listErasureLists(layout)).reduce((max, l) => Math.max(max, Number(l.id)), 0) + 1);
  const partial = join(root, `.${id}.partial`);
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { mode: ownerFolderMode });
  try {
    const sealed = await sealContent(partial, id, key, content);
    const manifest: ErasureListManifest = { format: 1, id, ...facts, count: content.entries.length, keyId: key.id, ...sealed };
    await writeFile(join(partial, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n', { mode: ownerFileMode, flush: true });
    await rename(partial, join(root, id));
    return manifest;
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

/** Opens a list's entries; a wrong key or a changed file fails with the sealed file's own message. */
export async function readErasureList(layout: ProjectLayout, manifest: ErasureListManifest, key: SnapshotKey): Promise<ErasureListContent> {
  const path = join(erasureDir(layout), manifest.id, manifest.blob);
  const chunks: Buffer[] = [];
  for await (const chunk of openSealReader(path, key, binding(manifest.id, manifest.blob))) chunks.push(Buffer.from(chunk));
  const text = Buffer.concat(chunks).toString('utf8');
  if (sha256Hex(text) !== manifest.sha256) {
    throw new CutoverError('snapshot_tampered', `Erasure list ${manifest.id} (${path}) no longer matches its hash. Import the list again.`);
  }
  return JSON.parse(text) as ErasureListContent;
}

/**
 * Re-seals one list under a new key, as a snapshot is: the new blob beside the old, the
 * new manifest checked under the new key, then swapped in by a rename; a kill at any point
 * leaves the list whole under exactly one key, and a second call finishes the job.
 */
export async function rekeyErasureList(layout: ProjectLayout, id: string, from: SnapshotKey, to: SnapshotKey): Promise<'rekeyed' | 'done before'> {
  const dir = join(erasureDir(layout), id);
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as ErasureListManifest;
  const strays = async (keep: ErasureListManifest) => {
    for (const name of await readdir(dir)) if (name !== 'manifest.json' && name !== keep.blob) await rm(join(dir, name), { force: true });
  };
  await strays(manifest);
  if (manifest.keyId === to.id) {
    await readErasureList(layout, manifest, to);
    return 'done before';
  }
  if (manifest.keyId !== from.id) {
    throw new CutoverError('snapshot_key_wrong', `Erasure list ${id} is sealed with key ${manifest.keyId}, which is neither ${from.variable} (${from.id}) nor ${to.variable} (${to.id}). Set ${from.variable} to the key it was imported with.`, { where: { file: dir } });
  }
  const content = await readErasureList(layout, manifest, from);
  const next: ErasureListManifest = { ...manifest, keyId: to.id, ...(await sealContent(dir, id, to, content)) };
  await writeFile(join(dir, 'manifest.json.next'), JSON.stringify(next, null, 2) + '\n', { mode: ownerFileMode, flush: true });
  await readErasureList(layout, next, to);
  await rename(join(dir, 'manifest.json.next'), join(dir, 'manifest.json'));
  await strays(next);
  return 'rekeyed';
}
