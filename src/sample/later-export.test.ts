import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCsvSource } from '../connectors/csv/index.js';
import { isCutoverError } from '../core/cutover-error.js';
import { cutover } from '../test-support/capture-io.js';
import { changesName, readChangeManifest, type SampleChange } from './change-manifest.js';
import { manifestName, sampleFiles, writeSampleExport } from './sample-export.js';

const dir = mkdtempSync(join(tmpdir(), 'cutover-later-'));
const folder = (name: string) => join(dir, name);
const options = { rows: 3000, seed: 11 };
const keyColumns: Readonly<Record<string, number>> = { 'person_roles.csv': 2 };

/** Every file of an export hashed, by name. */
function hashes(out: string): Record<string, string> {
  const names = [...sampleFiles.map((f) => f.name), manifestName, changesName].filter((n) => existsSync(join(out, n)));
  return Object.fromEntries(names.map((n) => [n, createHash('sha256').update(readFileSync(join(out, n))).digest('hex')]));
}

/** A delivered file's rows by source key (parts joined by " / "), blank keys left out, repeats in order. */
async function rowsByKey(out: string, file: string): Promise<Map<string, string[][]>> {
  const source = await openCsvSource(join(out, file));
  const parts = keyColumns[file] ?? 1;
  const byKey = new Map<string, string[][]>();
  for await (const row of source.rows()) {
    const key = row.values.slice(0, parts).map((v) => (v ?? '').trim());
    if (key.some((k) => k === '')) continue;
    const list = byKey.get(key.join(' / ')) ?? [];
    list.push(row.values.map((v) => v ?? ''));
    byKey.set(key.join(' / '), list);
  }
  return byKey;
}

/** What differs between two exports of a file, worked out from the files alone. */
async function fileDifferences(file: string): Promise<SampleChange[]> {
  const source = await openCsvSource(join(folder('first'), file));
  const before = await rowsByKey(folder('first'), file);
  const after = await rowsByKey(folder('later'), file);
  const found: SampleChange[] = [];
  for (const [key, rows] of after) {
    const old = before.get(key);
    if (!old) {
      found.push({ table: file, key, kind: 'new' });
      continue;
    }
    if (old.length > rows.length) found.push({ table: file, key, kind: 'deleted' });
    else {
      const columns = source.columns.filter((_, i) => old.some((row, n) => row[i] !== rows[n]![i]));
      if (columns.length > 0) found.push({ table: file, key, kind: 'changed', columns });
    }
  }
  for (const key of before.keys()) if (!after.has(key)) found.push({ table: file, key, kind: 'deleted' });
  return found;
}

beforeAll(async () => {
  await writeSampleExport({ outDir: folder('first'), ...options });
  await writeSampleExport({ outDir: folder('zero'), ...options, daysLater: 0 });
  await writeSampleExport({ outDir: folder('later'), ...options, daysLater: 4 });
  await writeSampleExport({ outDir: folder('again'), ...options, daysLater: 4 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a later export of the sample', () => {
  it('is the first export itself at zero days, with no change manifest', () => {
    expect(hashes(folder('zero'))).toEqual(hashes(folder('first')));
    expect(existsSync(join(folder('zero'), changesName))).toBe(false);
  });

  it('writes the same bytes for the same seed and days', () => {
    expect(hashes(folder('again'))).toEqual(hashes(folder('later')));
    expect(Object.keys(hashes(folder('later')))).toContain(changesName);
  });

  it('lists in changes.json exactly what differs between the two exports, file by file', async () => {
    const manifest = readChangeManifest(join(folder('later'), changesName));
    expect(manifest).toMatchObject({ seed: 11, rows: 3000, daysLater: 4 });
    const order = (c: SampleChange) => `${c.table} ${c.key}`;
    // a row moved to another parent is, in the files, a row changed in its parent's column
    const listed = manifest.changes.map((c) => (c.kind === 'moved' ? { ...c, kind: 'changed' as const } : c)).sort((a, b) => (order(a) < order(b) ? -1 : 1));
    const found: SampleChange[] = [];
    for (const file of sampleFiles) found.push(...(await fileDifferences(file.name)));
    expect(found.sort((a, b) => (order(a) < order(b) ? -1 : 1))).toEqual(listed);
  });

  it('makes every kind of change, at about 1% of the rows a day', () => {
    const { changes } = readChangeManifest(join(folder('later'), changesName));
    const kinds = (table: string) => [...new Set(changes.filter((c) => c.table === table).map((c) => `${c.kind}${c.columns ? ` ${c.columns.join('+')}` : ''}`))].sort();
    expect(kinds('people.csv')).toEqual(['changed Phone', 'new']);
    expect(kinds('properties.csv')).toEqual(['changed Status', 'new']);
    expect(kinds('tenancies.csv')).toEqual(expect.arrayContaining(['changed EndDate+Status', 'new']));
    expect(kinds('diary.csv')).toEqual(['deleted', 'moved PropertyID', 'new']);
    expect(kinds('balances.csv')).toEqual(expect.arrayContaining(['changed Balance', 'deleted', 'new']));
    // four days at about 1% a day of about 3,000 rows
    expect(changes.length).toBeGreaterThan(60);
    expect(changes.length).toBeLessThan(180);
  });

  it('keeps the defect manifest true of the later files', () => {
    const defects = JSON.parse(readFileSync(join(folder('later'), manifestName), 'utf8')) as { defects: { file: string; line: number; key: string }[] };
    const lines = new Map(sampleFiles.map((f) => [f.name, readFileSync(join(folder('later'), f.name), 'latin1').split('\n')]));
    for (const d of defects.defects.filter((x) => x.key !== '' && x.line > 1)) {
      // the defect's line starts with its key (a role's key is its first part and code)
      expect(lines.get(d.file)![d.line - 1]!.replace(/^\uFEFF|^ï»¿/, '').trimStart().startsWith(d.key.split(' / ')[0]!)).toBe(true);
    }
  });

  it('refuses days that are not a whole number from 0 to 365', async () => {
    for (const daysLater of [-1, 1.5, 366]) {
      const error = await writeSampleExport({ outDir: folder('bad'), ...options, daysLater }).catch((e: unknown) => e);
      expect(isCutoverError(error, 'sample_days')).toBe(true);
      expect((error as Error).message).toBe(`The days after the first export must be a whole number from 0 to 365; got ${daysLater}.`);
    }
  });

  it('is written by cutover sample --days-later, which refuses days out of range', async () => {
    const out = await cutover('sample', '--out', folder('cli'), '--rows', '3000', '--seed', '11', '--days-later', '4');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`changes since the first export are listed in ${join(folder('cli'), changesName)}`);
    expect(hashes(folder('cli'))).toEqual(hashes(folder('later')));
    const refused = await cutover('sample', '--out', folder('cli'), '--days-later', '400');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('--days-later must be a whole number from 0 to 365.');
  });
});
