import { readdir, readFile, rename, rm, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson } from '../core/canonical-json.js';
import { CutoverError } from '../core/cutover-error.js';
import { ownerFileMode } from './owner-only.js';
import type { ProjectLayout } from './project-layout.js';
import { blobBinding, type SnapshotManifest, type SnapshotTable } from './snapshot-manifest.js';
import { sealedManifestName, snapshotDir } from './snapshot-store.js';
import { verifySnapshot } from './snapshot-verify.js';
import { createSealWriter, openSealReader, type SnapshotKey } from './sealed/index.js';

const nextManifest = 'manifest.json.next';

/** A blob's name under another key: `rows-0001.seal` -> `rows-0001.<key id>.seal`, so both can sit side by side. */
function blobUnder(blob: string, key: SnapshotKey): string {
  return blob.replace(/(\.[0-9a-f]{16})?\.seal$/, `.${key.id}.seal`);
}

/** Every file a manifest refers to, with the manifest itself. */
function referenced(manifest: SnapshotManifest): Set<string> {
  const names = new Set(['manifest.json', manifest.sealName ?? sealedManifestName]);
  for (const t of manifest.tables) {
    names.add(t.blob);
    if (t.original) names.add(t.original.blob);
  }
  return names;
}

/** Removes what a killed rekey left in a snapshot's folder: files its manifest does not name. */
async function removeStrays(dir: string, manifest: SnapshotManifest): Promise<void> {
  const keep = referenced(manifest);
  for (const name of await readdir(dir)) if (!keep.has(name)) await rm(join(dir, name), { force: true });
}

async function reseal(dir: string, from: SnapshotKey, to: SnapshotKey, blob: string, sha256: string): Promise<string> {
  const name = blobUnder(blob, to);
  const writer = createSealWriter(join(dir, name), to, blobBinding(name));
  try {
    for await (const chunk of openSealReader(join(dir, blob), from, blobBinding(blob))) await writer.write(chunk);
  } catch (error) {
    await writer.abort();
    throw error;
  }
  const summary = await writer.finish();
  if (summary.sha256 !== sha256) throw new CutoverError('snapshot_tampered', `${join(dir, blob)} no longer matches its hash; nothing was re-sealed. A snapshot must never change: collect the source again.`);
  return name;
}

/**
 * Re-seals one snapshot under a new key. Its manifest.json is the marker of the key a
 * snapshot is under: the new blobs and sealed manifest are written beside the old ones
 * under their own names, verified under the new key, and then the new manifest.json
 * replaces the old one by a rename, in one step; the old files are removed after. A
 * kill at any point leaves the snapshot whole under exactly one of the keys, and a
 * second call finishes the job. `anchor` moves the audit head the manifest holds to
 * the re-chained log.
 */
export async function rekeySnapshot(
  layout: ProjectLayout,
  id: string,
  from: SnapshotKey,
  to: SnapshotKey,
  anchor: (head: NonNullable<SnapshotManifest['auditHead']>) => NonNullable<SnapshotManifest['auditHead']>,
): Promise<'rekeyed' | 'done before'> {
  const dir = snapshotDir(layout, id);
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as SnapshotManifest;
  await removeStrays(dir, manifest);
  if (manifest.keyId === to.id) {
    await verifySnapshot(layout, manifest, to);
    return 'done before';
  }
  if (manifest.keyId !== from.id) {
    throw new CutoverError('snapshot_key_wrong', `Snapshot ${id} is sealed with key ${manifest.keyId}, which is neither ${from.variable} (${from.id}) nor ${to.variable} (${to.id}). Set ${from.variable} to the key it was collected with.`, { where: { file: dir } });
  }
  await verifySnapshot(layout, manifest, from);
  const tables: SnapshotTable[] = [];
  for (const t of manifest.tables) {
    const blob = await reseal(dir, from, to, t.blob, t.sha256);
    const original = t.original && { ...t.original, blob: await reseal(dir, from, to, t.original.blob, t.original.sha256) };
    tables.push({ ...t, blob, ...(original ? { original } : {}) });
  }
  const sealName = `manifest.${to.id}.seal`;
  const next: SnapshotManifest = { ...manifest, keyId: to.id, sealName, ...(manifest.auditHead ? { auditHead: anchor(manifest.auditHead) } : {}), tables };
  const sealed = createSealWriter(join(dir, sealName), to, blobBinding(sealName));
  await sealed.write(canonicalJson(next));
  await sealed.finish();
  await writeFile(join(dir, nextManifest), JSON.stringify(next, null, 2) + '\n', { mode: ownerFileMode, flush: true });
  // checked under the new key before it is the snapshot: the rename below is the switch
  await verifySnapshot(layout, next, to);
  await rename(join(dir, nextManifest), join(dir, 'manifest.json'));
  await removeStrays(dir, next);
  for (const name of referenced(next)) await chmod(join(dir, name), 0o400);
  return 'rekeyed';
}
