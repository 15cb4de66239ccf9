import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutover } from '../test-support/capture-io.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import { collect, demoSnapshotKey, leftovers, migrate, peekFile, runDemo, type Leftovers } from './index.js';

// After go-live the customer moves by hand what the spec does not carry: a delivered file
// no entity reads, and a column no rule reads (here the diary's notes, dropped from the spec).
const dir = tempDir('cutover-leftovers');
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
let found: Leftovers;
let notesFilled = 0;
let diaryRows = 0;

beforeAll(async () => {
  await inSession(dir.path, (s) => runDemo(s, { rows: 1200, seed: 6, sampleChosen: true }), { env });
  writeFileSync(join(dir.path, 'export', 'branches.csv'), 'BranchID,Name\nB1,Harbour\nB2,Hart\n');
  const specFile = join(dir.path, 'specs', 'estate-agency.yaml');
  const spec = readFileSync(specFile, 'utf8');
  const diaryNotes = '      notes: { from: Notes, rules: [trim] }\n    examples:\n      - source: { EntryID: D1';
  expect(spec).toContain(diaryNotes);
  writeFileSync(specFile, spec.replace(diaryNotes, '    examples:\n      - source: { EntryID: D1'));
  // what the delivered file holds, read as Cutover reads a file before it is collected
  const diary = await peekFile(join(dir.path, 'export', 'diary.csv'), Number.MAX_SAFE_INTEGER);
  const notes = diary.columns.indexOf('Notes');
  diaryRows = diary.rows.length;
  notesFilled = diary.rows.filter((r) => (r[notes] ?? '').trim() !== '').length;
  // a day after the demo's: the latest snapshot is the newest collected, not the first by id
  await inSession(dir.path, async (s) => {
    await collect(s);
    await migrate(s, { environment: 'test', fresh: true, resume: false });
  }, { env, clock: () => new Date('2026-11-24T10:00:00Z') });
  found = await inSession(dir.path, (s) => leftovers(s), { env });
});
afterAll(() => dir.cleanup());

describe('leftovers', () => {
  it('lists the delivered tables no entity reads, with their rows', () => {
    expect(found.runId).toBe(2);
    expect(found.tables).toEqual([{ table: 'branches.csv', rows: 2 }]);
  });

  it('lists the columns no rule reads, with how many rows hold something in them', () => {
    expect(notesFilled).toBeGreaterThan(0);
    expect(found.columns).toEqual([{ table: 'diary.csv', column: 'Notes', rows: diaryRows, filled: notesFilled }]);
  });

  it('prints them for the team, in words', async () => {
    const saved = process.env['CUTOVER_SNAPSHOT_KEY'];
    process.env['CUTOVER_SNAPSHOT_KEY'] = demoSnapshotKey;
    const out = await cutover('leftovers', '--project', dir.path).finally(() => {
      if (saved === undefined) delete process.env['CUTOVER_SNAPSHOT_KEY'];
      else process.env['CUTOVER_SNAPSHOT_KEY'] = saved;
    });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Delivered tables run 2 does not carry over:');
    expect(out.stdout).toMatch(/branches\.csv\s+2\n/);
    expect(out.stdout).toMatch(new RegExp(`diary\\.csv\\s+Notes\\s+${notesFilled.toLocaleString('en-GB')}\\s+`));
  });
});
