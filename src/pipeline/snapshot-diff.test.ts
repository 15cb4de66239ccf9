import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCutoverError } from '../core/cutover-error.js';
import { writeSampleExport } from '../sample/index.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import { collect, demoSnapshotKey, diffSnapshots, sampleProjectTemplate, type RowChange, type SnapshotDiff } from './index.js';
import { diffTable } from './snapshot-diff.js';

const dir = tempDir('cutover-diff');
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
const step = <T>(work: Parameters<typeof inSession<T>>[1]) => inSession(dir.path, work, { env });
let first = '';
let second = '';

async function makeProject(root: string): Promise<void> {
  for (const part of ['specs', 'target', 'contract.yaml', 'cutover.yaml']) await cp(join(sampleProjectTemplate, part), join(root, part), { recursive: true });
  await writeSampleExport({ outDir: join(root, 'export'), rows: 1000, seed: 3 });
}

/** Edits a delivered CSV file's text. */
async function edit(file: string, change: (text: string) => string): Promise<void> {
  const path = join(dir.path, 'export', file);
  await writeFile(path, change(await readFile(path, 'utf8')));
}

beforeAll(async () => {
  await makeProject(dir.path);
  first = (await step((s) => collect(s))).snapshot.id;
  await edit('suppliers.csv', (t) => {
    const lines = t.split('\r\n');
    // S00003 deleted, S00002's name changed, S99999 new
    const kept = lines.filter((l) => !l.startsWith('S00003,'));
    return kept.map((l) => (l.startsWith('S00002,') ? l.replace(/^S00002,[^,]*/, 'S00002,Renamed Ltd') : l)).join('\r\n').trimEnd() + '\r\nS99999,New Supplier Ltd,PLUMBER\r\n';
  });
  second = (await step((s) => collect(s))).snapshot.id;
});
afterAll(() => dir.cleanup());

describe('diffSnapshots', () => {
  it('finds a row new, one changed and one deleted, and nothing else', async () => {
    const diff: SnapshotDiff = await step((s) => diffSnapshots(s, first, second));
    const suppliers = diff.tables.find((t) => t.table === 'suppliers.csv')!;
    expect(suppliers).toMatchObject({ added: 1, changed: 1, deleted: 1 });
    expect(diff.tables.filter((t) => t.table !== 'suppliers.csv').every((t) => t.added + t.changed + t.deleted === 0)).toBe(true);
  });

  it('refuses an unknown snapshot id', async () => {
    const error = await step((s) => diffSnapshots(s, first, 'nosuch')).catch((e: unknown) => e);
    expect(isCutoverError(error, 'snapshot_missing')).toBe(true);
  });

  it('streams the changes of one table in key order', async () => {
    const changes: RowChange[] = [];
    await step(async (s) => {
      const { readSnapshot } = await import('../store/snapshot-store.js');
      const a = await readSnapshot(s.layout, first);
      const b = await readSnapshot(s.layout, second);
      for await (const c of diffTable(s, a, b, { table: 'suppliers.csv', keyColumns: ['SupplierID'] })) changes.push(c);
    });
    expect(changes.map((c) => [c.kind, c.key])).toEqual([['changed', 'S00002'], ['deleted', 'S00003'], ['new', 'S99999']]);
  });
});
