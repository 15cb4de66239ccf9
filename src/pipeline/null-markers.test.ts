import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckProblem } from '../core/contract/index.js';
import { parseContract } from '../core/contract/index.js';
import { parseProjectConfig, type FileSourceConfig } from '../core/project-config.js';
import { projectLayout } from '../store/project-layout.js';
import { snapshotKeyFrom } from '../store/sealed/index.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import { checkDelivery, fileDelivery, snapshotDelivery } from './check.js';
import { collect } from './collect.js';
import { peekFile } from './peek.js';
import { profileSnapshot } from './profile.js';

// Exports write an empty value as NULL (mysql -B) or \N (INTO OUTFILE). With null_values for
// the file in cutover.yaml, every reading of it (check, profile, run, reconcile) sees them as
// empty, while the snapshot keeps the rows exactly as delivered.
const dir = tempDir('cutover-null-markers');
const layout = projectLayout(dir.path);
const env = { KEY: '33'.repeat(32) };
const key = snapshotKeyFrom(env, 'KEY');
const clock = () => new Date('2026-01-05T09:00:00Z');
const configText = (options: string) =>
  `customer: Test\nsources:\n  export:\n    files: export\n    include: ["*.csv"]\n${options}snapshot_key_env: KEY\nspec: s.yaml\ntarget: { schema: t.sql }\nenvironments: { test: { database: embedded } }\n`;
const plain = parseProjectConfig(configText(''), 'cutover.yaml');
const marked = parseProjectConfig(configText("    options:\n      orders.csv: { null_values: [NULL, '\\N'] }\n"), 'cutover.yaml');
const contract = parseContract('version: 1\nfiles:\n  orders.csv:\n    columns:\n      ID: integer\n      Email: { type: email }\n      Shipped: { type: date, formats: [yyyy-MM-dd] }\n', 'contract.yaml');
let asDelivered: SnapshotManifest;
let withMarkers: SnapshotManifest;

const problemsOf = async (delivery: Awaited<ReturnType<typeof fileDelivery>>) => {
  const found: CheckProblem[] = [];
  await checkDelivery({ delivery, contract, onProblem: (p) => { found.push(p); } });
  return found.map((p) => `${p.line} ${p.column}: ${p.code}`);
};

beforeAll(async () => {
  mkdirSync(join(dir.path, 'export'));
  writeFileSync(join(dir.path, 'export', 'orders.csv'), 'ID,Email,Shipped\n1,a@example.com,NULL\n2,NULL,\\N\n3,b@example.com,2024-01-02\n4,c@example.com,NULL\n');
  ({ snapshot: asDelivered } = await inSession(dir.path, collect, { config: plain, env, clock }));
  ({ snapshot: withMarkers } = await inSession(dir.path, collect, { config: marked, env, clock }));
});
afterAll(() => dir.cleanup());

describe('null markers', () => {
  it('read with other markers, the same delivery is another snapshot holding the same rows', () => {
    expect(withMarkers.id).not.toBe(asDelivered.id);
    expect(withMarkers.tables[0]!.sha256).toBe(asDelivered.tables[0]!.sha256);
    expect(withMarkers.tables[0]!.details['null_values']).toBe('["NULL","\\\\N"]');
  });

  it('are read as empty from the snapshot, and kept as text without them', async () => {
    const read = async (m: SnapshotManifest) => {
      const rows: (readonly (string | null)[])[] = [];
      for await (const row of snapshotTableSource(layout, m, 'orders.csv', key).rows()) rows.push(row.values);
      return rows;
    };
    expect(await read(withMarkers)).toEqual([['1', 'a@example.com', null], ['2', null, null], ['3', 'b@example.com', '2024-01-02'], ['4', 'c@example.com', null]]);
    // \N alone makes the file one with backslash escapes, where it is read as empty anyway
    expect((await read(asDelivered))[1]).toEqual(['2', 'NULL', null]);
  });

  it('are warned of by profile when a column\'s commonest value looks like one, until they are named', async () => {
    const shipped = async (m: SnapshotManifest) => (await profileSnapshot(layout, m, key)).tables[0]!.columns[2]!;
    expect((await shipped(asDelivered)).nullMarker).toEqual({ value: 'NULL', count: 2 });
    const read = await shipped(withMarkers);
    expect(read.nullMarker).toBeUndefined();
    expect(read.nulls).toBe(3);
  });

  it('are read as empty by check, of the snapshot and of the files themselves', async () => {
    const unmarked = ['3 Email: email_invalid', '2 Shipped: date_format', '5 Shipped: date_format'];
    expect((await problemsOf(snapshotDelivery(layout, asDelivered, key))).sort()).toEqual(unmarked.sort());
    expect(await problemsOf(snapshotDelivery(layout, withMarkers, key))).toEqual([]);
    expect(await problemsOf(await fileDelivery(join(dir.path, 'export'), (marked.sources['export'] as FileSourceConfig).options, contract))).toEqual([]);
  });

  it('are shown by peek when it sees them', async () => {
    const peek = await peekFile(join(dir.path, 'export', 'orders.csv'), 10);
    expect(peek.nullMarkers).toEqual([{ value: 'NULL', count: 3 }]);
  });
});

describe('a header ending with a separator', () => {
  it('is read, its empty nameless column left out, and check says so as a warning', async () => {
    writeFileSync(join(dir.path, 'trailing.csv'), 'ID,Email,\n1,a@example.com,\n2,b@example.com,\n');
    const found: CheckProblem[] = [];
    await checkDelivery({ delivery: await fileDelivery(join(dir.path, 'trailing.csv')), onProblem: (p) => { found.push(p); } });
    expect(found).toEqual([{
      file: 'trailing.csv', line: 1, column: null, code: 'csv_header', severity: 'warning',
      message: 'the header ends with a separator, so its last column has no name; that column is empty in every row and was left out',
    }]);
  });
});
