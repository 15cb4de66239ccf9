import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCutoverError } from '../core/cutover-error.js';
import { writeSampleExport } from '../sample/index.js';
import { ExportFile } from '../test-support/export-edits.js';
import { newSystemRows, newSystemSchema } from '../test-support/new-system.js';
import { rowsBySourceKey, runKeys } from '../test-support/rows-by-source-key.js';
import { withDatabase, freshPostgresDatabases } from '../test-support/servers.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import { demoSnapshotKey, runDemo } from './demo.js';
import { collect, decideDedup, dedup, gapMigration, suggestDedup, type DedupResult, type GapResult } from './index.js';
import { migrate, type Migration } from './migrate.js';

// The sample with a dedup section, loaded live, then its own later export, with people
// typed in again on top: a new row that joins an existing cluster, one that copies a
// person loaded alone, two new rows of one new person, and a merged row whose phone
// changed. The gap must leave the new system as a fresh full run of the later export.
const dir = tempDir('cutover-gap-dedup');
const databases = { production: 'cutover_gap_dedup_production', fresh: 'cutover_gap_dedup_fresh' } as const;
const rows = 3000;
const seed = 11;
let tick = 0;
const clock = () => new Date(Date.UTC(2026, 11, 1, 10, 0, tick++));
let urls: Record<keyof typeof databases, string>;
const env = () => ({ CUTOVER_SNAPSHOT_KEY: demoSnapshotKey, NEW_SYSTEM_URL: urls.production, FRESH_URL: urls.fresh });
const session = <T>(work: Parameters<typeof inSession<T>>[1]) => inSession(dir.path, work, { env: env(), clock });
const run = (environment: string) => session((s) => migrate(s, { environment, fresh: false, resume: true, overrideGate: { by: 'Sam Analyst', note: 'the gap test loads an unreviewed rehearsal' } }));
const storeQuery = (sql: string, params: (string | number)[] = []) => session(async (s) => (await s.store()).db.query(sql, params));

let full: Migration;
let gap: GapResult;
let before: DedupResult;
const planted = { joinsCluster: 'P9100001', copiesSingle: 'P9100002', newA: 'P9100003', newB: 'P9100004' } as const;
let clusterSurvivor: string;
let single: string;
let phoned: { key: string; survivor: string };

beforeAll(async () => {
  urls = await freshPostgresDatabases(databases);
  await withDatabase(urls.production, (db) => db.exec(newSystemSchema() + newSystemRows));
  await withDatabase(urls.fresh, (db) => db.exec(newSystemSchema()));
  await session((s) => runDemo(s, { rows, seed, sampleChosen: true }));
  appendFileSync(join(dir.path, 'cutover.yaml'), [
    '  production: { database_url_env: NEW_SYSTEM_URL, schema: public, stage: production }',
    '  fresh: { database_url_env: FRESH_URL, schema: public, stage: preproduction }',
    '',
  ].join('\n'));
  // merges come from the dedup section alone, whose survive rules pick the merged person's values
  await session((s) => suggestDedup(s, { entity: 'person', write: 'specs/estate-agency.yaml' }));
  const specFile = join(dir.path, 'specs', 'estate-agency.yaml');
  writeFileSync(specFile, readFileSync(specFile, 'utf8')
    .replace(/ {4}merge:\n {6}on: \[ ?email ?\]\n {6}reason: the same person was typed in twice\n/, '')
    .replace('    dedup:\n', '    dedup:\n      survive:\n        email: longest\n        notes: { all_of: phone }\n'));
  full = await run('production');
  expect(full.run.status).toBe('succeeded');
  before = await session((s) => dedup(s));

  await writeSampleExport({ outDir: join(dir.path, 'export'), rows, seed, daysLater: 3 });
  const people = ExportFile.of(join(dir.path, 'export'), 'people.csv');
  const lineOf = new Map(people.plain().map((i) => [people.cells(i)[0]!.trim(), i]));
  const row = (key: string) => lineOf.get(key) ?? -1;
  const clustered = new Set(before.clusters.flatMap((c) => c.members));
  const whole = before.clusters.filter((c) => c.members.every((m) => row(m) >= 0));
  expect(whole.length).toBeGreaterThan(0);
  clusterSurvivor = whole[0]!.survivor;
  people.append([planted.joinsCluster, ...people.cells(row(clusterSurvivor)).slice(1)]);
  phoned = { key: whole.at(-1)!.members.find((m) => m !== whole.at(-1)!.survivor)!, survivor: whole.at(-1)!.survivor };
  people.set(row(phoned.key), 'Phone', '07700 900555');
  const alone = people.find((c) => !clustered.has(c[0]!.trim()) && c[4] !== '' && c[5] !== '' && /^P0\d+$/.test(c[0]!.trim()) && before.pairs.every((p) => p.a !== c[0]!.trim() && p.b !== c[0]!.trim()));
  single = people.get(alone, 'PersonID').trim();
  people.append([planted.copiesSingle, ...people.cells(alone).slice(1)]);
  const stranger = people.cells(alone);
  stranger[2] = 'Zebedee';
  stranger[3] = 'Quillfeather';
  stranger[4] = 'zebedee.quillfeather@example.com';
  stranger[5] = '';
  people.append([planted.newA, ...stranger.slice(1)]);
  people.append([planted.newB, ...stranger.slice(1)]);
  people.save();
  await session((s) => collect(s, { sources: [] }));
  gap = await session((s) => gapMigration(s, { environment: 'production', batchRows: 50 }));
}, 600_000);

afterAll(() => dir.cleanup());

describe('a gap into an entity with a dedup section', () => {
  it('balances its books', () => {
    expect(gap.error).toBeNull();
    expect(gap.gap.filter((b) => !b.balanced)).toEqual([]);
  });

  it('merges the new rows into the cluster\'s survivor, into the person loaded alone, and into the first of a new person', async () => {
    const changes = await storeQuery(
      "SELECT source_key, action, survivor_key FROM cutover.gap_change WHERE run_id = $1 AND entity = 'person' AND source_key LIKE 'P91%' ORDER BY source_key", [gap.runId],
    );
    expect(changes).toEqual([
      { source_key: planted.joinsCluster, action: 'merged', survivor_key: clusterSurvivor },
      { source_key: planted.copiesSingle, action: 'merged', survivor_key: single },
      { source_key: planted.newA, action: 'inserted', survivor_key: null },
      { source_key: planted.newB, action: 'merged', survivor_key: planted.newA },
    ]);
    const ledger = await storeQuery(
      "SELECT source_key, value, message FROM cutover.ledger_entry WHERE run_id = $1 AND entity = 'person' AND source_key = $2", [gap.runId, planted.joinsCluster],
    );
    expect(ledger).toEqual([{ source_key: planted.joinsCluster, value: expect.stringMatching(/^0\.9\d*|1$/), message: expect.stringMatching(new RegExp(`^merged into ${clusterSurvivor}: the same person typed in again \\(score `)) }]);
  });

  it('gives the survivor of a cluster whose merged row changed the values the survive rules pick', async () => {
    const keys = await session(async (s) => runKeys((await s.store()).db, gap.runId));
    const id = [...keys.get('person')!].find(([, key]) => key === phoned.survivor)![0];
    const [person] = await withDatabase(urls.production, (db) => db.query<{ notes: string | null }>('SELECT notes FROM public.person WHERE id = $1', [Number(id)]));
    expect(person!.notes).toContain('07700 900555');
  });

  it('leaves the new system as a fresh full run of the later export would, apart from ids and the rows kept', async () => {
    const fresh = await run('fresh');
    expect(fresh.snapshot.id).toBe(gap.to);
    const books = (entities: readonly { seconds: number }[]) => entities.map(({ seconds: _s, ...b }) => b);
    expect(books(gap.entities)).toEqual(books(fresh.run.entities));
    const rowsOf = (runId: number, url: string) => session(async (s) => {
      const keys = await runKeys((await s.store()).db, runId);
      return withDatabase(url, (db) => rowsBySourceKey(full.spec, keys, db, 'public'));
    });
    const g = await rowsOf(gap.runId, urls.production);
    const f = await rowsOf(fresh.run.runId, urls.fresh);
    const only = (x: Record<string, string[]>, y: Record<string, string[]>) => Object.entries(x).flatMap(([t, r]) => r.filter((v) => !y[t]!.includes(v)).map((v) => `${t} ${v}`));
    expect(only(f, g)).toEqual([]);
    // a role given up is kept (its table has no ids of its own), and still names its person
    const extra = only(g, f);
    expect(extra.filter((r) => !r.startsWith('person_role '))).toEqual([]);
    expect(extra.length).toBeLessThanOrEqual(gap.gap.find((b) => b.table === 'person_role')!.kept);
    const merged = (runId: number) => storeQuery("SELECT source_key, survivor_key FROM cutover.ledger_entry WHERE run_id = $1 AND outcome = 'merged' ORDER BY source_key", [runId]);
    expect(await merged(gap.runId)).toEqual(await merged(fresh.run.runId));
  });

  it('keeps the clusters\' ids', async () => {
    const after = await session((s) => dedup(s));
    const idOf = (r: DedupResult, key: string) => r.clusters.find((c) => c.members.includes(key))?.id;
    expect(idOf(after, planted.joinsCluster)).toBe(idOf(before, clusterSurvivor));
  });

  it('refuses, naming the entity and what to do, a gap that would join two records the new system holds apart', async () => {
    // a person forced together with another in review after the environment was loaded
    const two = before.clusters.filter((c) => c.members.length === 2).map((c) => c.survivor);
    await session((s) => decideDedup(s, { action: 'force', a: two[0]!, b: two[1]! }));
    const people = ExportFile.of(join(dir.path, 'export'), 'people.csv');
    people.set(people.find((c) => c[0]!.trim() === single), 'Notes', 'called back');
    people.save();
    await session((s) => collect(s, { sources: [] }));
    const error = await session((s) => gapMigration(s, { environment: 'production' })).catch((e: unknown) => e);
    expect(isCutoverError(error, 'gap_dedup_refused')).toBe(true);
    expect((error as Error).message).toMatch(new RegExp(`^The gap cannot carry over the duplicates of entity "person": in the later snapshot \\S+ and \\S+ are the same person \\(cluster \\S+\\), but the new system holds them as two records, which a gap cannot join\\. Load a test environment afresh from the later snapshot \\(cutover run --env ENV --fresh\\)`));
    // no run was started
    expect(await storeQuery('SELECT count(*)::int AS n FROM cutover.run')).toEqual([{ n: 4 }]);
  });
});
