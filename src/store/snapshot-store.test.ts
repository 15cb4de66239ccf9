import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectLayout } from './project-layout.js';
import { copyHashing, listSnapshots, publishSnapshot, snapshotFilePath, snapshotHash, startSnapshot, verifySnapshot } from './snapshot-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function collectOne(content: string) {
  const root = mkdtempSync(join(tmpdir(), 'cutover-snap-'));
  dirs.push(root);
  const layout = projectLayout(root);
  const source = join(root, 'people.csv');
  writeFileSync(source, content);
  const partial = await startSnapshot(layout);
  const copied = await copyHashing(source, join(partial, 'files', 'people.csv'));
  const file = { name: 'people.csv', ...copied, encoding: 'utf-8', delimiter: ',', columns: ['id'] };
  return { layout, partial, file, publish: () => publishSnapshot(layout, partial, { source: 'files:.', collectedAt: '2026-11-23T10:00:00.000Z', collectedBy: 'tester', files: [file] }) };
}

describe('snapshots', () => {
  it('are published whole under an id taken from their content hash', async () => {
    const { layout, file, publish } = await collectOne('id\n1\n');
    expect(file).toMatchObject({ bytes: 5, sha256: '7cde7fb64fd82bd152710cf238e017b9ab46c0592483edc067ba4f6c75fac108' });
    const { manifest, reused } = await publish();
    expect(reused).toBe(false);
    expect(manifest.hash).toBe(snapshotHash([file]));
    expect(manifest.id).toBe(manifest.hash.slice(0, 12));
    expect(readdirSync(layout.snapshotsDir)).toEqual([manifest.id]);
    expect(await listSnapshots(layout)).toEqual([manifest]);
    await verifySnapshot(layout, manifest);
  });

  it('are never rewritten: the same content collected again keeps the first', async () => {
    const one = await collectOne('id\n1\n');
    const { manifest } = await one.publish();
    const partial = await startSnapshot(one.layout);
    writeFileSync(join(partial, 'files', 'people.csv'), 'id\n1\n');
    const again = await publishSnapshot(one.layout, partial, { source: 'files:.', collectedAt: '2026-11-24T10:00:00.000Z', collectedBy: 'other', files: [one.file] });
    expect(again).toEqual({ manifest, reused: true });
    expect(existsSync(partial)).toBe(false);
  });

  it('detect one changed byte', async () => {
    const { layout, publish } = await collectOne('id\n1\n');
    const { manifest } = await publish();
    const path = snapshotFilePath(layout, manifest.id, 'people.csv');
    chmodSync(path, 0o644);
    writeFileSync(path, 'id\n2\n');
    await expect(verifySnapshot(layout, manifest)).rejects.toThrow(
      `Snapshot ${manifest.id}: people.csv has changed since it was collected (its content hash no longer matches). A snapshot must never change: collect the source again.`,
    );
  });
});
