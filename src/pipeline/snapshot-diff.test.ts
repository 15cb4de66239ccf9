import { cp, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCutoverError } from '../core/cutover-error.js';
import { displayKey } from '../core/mapping/source-key.js';
import { changesName, readChangeManifest, writeSampleExport, type SampleChange } from '../sample/index.js';
import { readSnapshot } from '../store/snapshot-store.js';
import { cutover } from '../test-support/capture-io.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import { collect, demoSnapshotKey, diffPlanFromSpec, diffSnapshots, diffTable, sampleProjectTemplate, type DiffOptions, type ProjectSession } from './index.js';

// Two deliveries of the sample: the first export, and the same customer's export three days later.
const dir = tempDir('cutover-diff');
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
const step = <T>(work: (s: ProjectSession) => Promise<T>) => inSession(dir.path, work, { env });
const exportDir = join(dir.path, 'export');
const ids = { first: '', later: '', keyRenamed: '', tableRenamed: '', other: '' };
let listed: SampleChange[] = [];
let renamedListed: SampleChange[] = [];

const order = (c: SampleChange) => `${c.table} ${c.key} ${c.kind}`;
const sorted = (list: SampleChange[]) => list.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));

/** Every change the diff finds between two snapshots, in the change manifest's words. */
async function changesBetween(from: string, to: string, options: DiffOptions = {}): Promise<SampleChange[]> {
  return step(async (s) => {
    const a = await readSnapshot(s.layout, from);
    const b = await readSnapshot(s.layout, to);
    const found: SampleChange[] = [];
    for (const table of (await diffPlanFromSpec(s)).tables) {
      for await (const c of diffTable(s, a, b, table, undefined, options)) {
        found.push({ table: table.table, key: displayKey(c.key), kind: c.kind, ...(c.kind === 'changed' ? { columns: c.columns } : {}) });
      }
    }
    return found;
  });
}

beforeAll(async () => {
  for (const part of ['specs', 'target', 'contract.yaml', 'cutover.yaml']) await cp(join(sampleProjectTemplate, part), join(dir.path, part), { recursive: true });
  const sample = { outDir: exportDir, rows: 2000, seed: 7 };
  // one session for the deliveries of the same sources: opening the store once keeps this quick
  await step(async (session) => {
    const collected = async () => (await collect(session)).snapshot.id;
    await writeSampleExport(sample);
    ids.first = await collected();
    await writeSampleExport({ ...sample, daysLater: 3 });
    listed = [...readChangeManifest(join(exportDir, changesName)).changes];
    ids.later = await collected();
    // a day later still, its people's key column renamed (a snapshot's hash covers rows, not the header, so the rows differ too)
    await writeSampleExport({ ...sample, daysLater: 4 });
    renamedListed = [...readChangeManifest(join(exportDir, changesName)).changes];
    const people = join(exportDir, 'people.csv');
    await writeFile(people, (await readFile(people, 'utf8')).replace('PersonID,', 'PersonRef,'));
    ids.keyRenamed = await collected();
    // the first export again, with suppliers.csv delivered as contractors.csv
    await writeSampleExport(sample);
    await rename(join(exportDir, 'suppliers.csv'), join(exportDir, 'contractors.csv'));
    ids.tableRenamed = await collected();
    await rename(join(exportDir, 'contractors.csv'), join(exportDir, 'suppliers.csv'));
  });
  // a delivery from another system altogether
  const config = await readFile(join(dir.path, 'cutover.yaml'), 'utf8');
  await cp(join(exportDir, 'suppliers.csv'), join(dir.path, 'crm', 'vendors.csv'), { recursive: true });
  await writeFile(join(dir.path, 'cutover.yaml'), config.replace('  export:\n    files: export', '  crm:\n    files: crm'));
  ids.other = (await step((s) => collect(s))).snapshot.id;
  await writeFile(join(dir.path, 'cutover.yaml'), config);
}, 120_000);
afterAll(() => dir.cleanup());

describe('the diff of two snapshots', () => {
  it('finds every change of the change manifest as new, changed or deleted, and nothing else', async () => {
    expect(listed.length).toBeGreaterThan(40);
    // a row moved to another parent is a row changed in its parent's column
    const expected = listed.map((c) => (c.kind === 'moved' ? { ...c, kind: 'changed' as const } : c));
    expect(sorted(await changesBetween(ids.first, ids.later))).toEqual(sorted(expected));
  });

  it('gives the same changes, in the same order, when both sides spill sorted runs to disk', async () => {
    const inMemory = await changesBetween(ids.first, ids.later);
    expect(await changesBetween(ids.first, ids.later, { sortBudget: 16 * 1024 })).toEqual(inMemory);
    // the runs are removed afterwards
    expect(await readdir(join(dir.path, '.cutover', 'tmp'))).toEqual([]);
  });

  it('counts each table: rows before and after, new, changed with its columns, deleted, unchanged, blank keys', async () => {
    const diff = await step((s) => diffSnapshots(s, ids.first, ids.later));
    expect(diff.from).toBe(ids.first);
    const people = diff.tables.find((t) => t.table === 'people.csv')!;
    const count = (kind: string) => listed.filter((c) => c.table === 'people.csv' && c.kind === kind).length;
    expect(people).toMatchObject({ keyColumns: ['PersonID'], added: count('new'), changed: count('changed'), deleted: 0, changedColumns: { Phone: count('changed') } });
    expect(people.blankKeys).toBeGreaterThan(0);
    expect(people.notes.find((n) => n.includes('later snapshot have a blank PersonID'))).toMatch(/^\d+ rows of people\.csv in the later snapshot have a blank PersonID, so a gap cannot carry them over \(lines \d+/);
    // every row of the later snapshot is new, changed, unchanged or has a blank key, once repeated keys are set aside
    for (const t of diff.tables) expect(t.rowsBefore - t.deleted + t.added).toBe(t.rowsAfter);
  });

  it('matches rows by a key column renamed between deliveries, and says so', async () => {
    const diff = await step((s) => diffSnapshots(s, ids.first, ids.keyRenamed));
    const people = diff.tables.find((t) => t.table === 'people.csv')!;
    const count = (kind: string) => renamedListed.filter((c) => c.table === 'people.csv' && c.kind === kind).length;
    expect(people).toMatchObject({ added: count('new'), changed: count('changed'), deleted: 0 });
    expect(people.notes).toContain('The key column "PersonID" of people.csv is called "PersonRef" in the later snapshot: rows are matched by it all the same.');
  });

  it('compares a table renamed between deliveries with its old self, and says so', async () => {
    const diff = await step((s) => diffSnapshots(s, ids.first, ids.tableRenamed));
    const suppliers = diff.tables.find((t) => t.table === 'suppliers.csv')!;
    expect(suppliers).toMatchObject({ added: 0, changed: 0, deleted: 0 });
    expect(suppliers.notes).toEqual(['suppliers.csv is called contractors.csv in the later snapshot: compared as the same table.']);
  });

  it('refuses snapshots of different sources, naming both', async () => {
    const error = await step((s) => diffSnapshots(s, ids.first, ids.other)).catch((e: unknown) => e);
    expect(isCutoverError(error, 'snapshots_unrelated')).toBe(true);
    expect((error as Error).message).toBe(
      `Snapshot ${ids.first} was collected from export (files) and snapshot ${ids.other} from crm (files): they are not deliveries of the same sources, so they cannot be compared. Compare two snapshots of the same sources (cutover snapshots lists them).`,
    );
  });

  it('refuses an unknown snapshot id and a table neither snapshot has', async () => {
    expect(isCutoverError(await step((s) => diffSnapshots(s, ids.first, 'nosuch')).catch((e: unknown) => e), 'snapshot_missing')).toBe(true);
    const error = await step(async (s) => {
      for await (const _ of diffTable(s, await readSnapshot(s.layout, ids.first), await readSnapshot(s.layout, ids.later), { table: 'landlords.csv', keyColumns: ['ID'] })) break;
    }).catch((e: unknown) => e);
    expect(isCutoverError(error, 'table_missing')).toBe(true);
    expect((error as Error).message).toMatch(/^Neither snapshot \w+ nor \w+ has the table landlords\.csv the spec reads/);
  });

  it('prints what changed per table in words, and as JSON', async () => {
    const saved = process.env['CUTOVER_SNAPSHOT_KEY'];
    process.env['CUTOVER_SNAPSHOT_KEY'] = demoSnapshotKey;
    try {
      const out = await cutover('diff', ids.first, ids.later, '--project', dir.path);
      expect(out.code).toBe(0);
      expect(out.stdout).toContain(`What changed from snapshot ${ids.first} to snapshot ${ids.later}:`);
      expect(out.stdout).toMatch(/people\.csv:\n {2}changed: Phone in \d+ rows?\n/);
      expect(out.stdout).toMatch(/diary\.csv:\n {2}changed: PropertyID in \d+ rows?\n/);
      const json = await cutover('diff', ids.first, ids.later, '--project', dir.path, '--json');
      expect((JSON.parse(json.stdout) as { tables: unknown[] }).tables).toHaveLength(7);
      const refused = await cutover('diff', ids.first, ids.other, '--project', dir.path);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('they are not deliveries of the same sources');
    } finally {
      if (saved === undefined) delete process.env['CUTOVER_SNAPSHOT_KEY'];
      else process.env['CUTOVER_SNAPSHOT_KEY'] = saved;
    }
  });
});
