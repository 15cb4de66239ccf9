import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../connectors/database.js';
import { parseSpec } from '../core/spec/index.js';
import { projectLayout } from '../store/project-layout.js';
import { openProjectStore } from '../store/project-store.js';
import { ExportFile } from '../test-support/export-edits.js';
import { newSystemRows, newSystemSchema } from '../test-support/new-system.js';
import { rowsBySourceKey, runKeys } from '../test-support/rows-by-source-key.js';
import { withDatabase, freshPostgresDatabases } from '../test-support/servers.js';
import { tempDir } from '../test-support/temp-dir.js';

// A gap migration into a live production environment, killed with SIGKILL at random
// moments and started again with the same command: it ends as the same gap run without
// a kill ends in a twin environment, every change applied once.
const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const databases = { production: 'cutover_gap_kill', twin: 'cutover_gap_kill_twin' } as const;
const kills = 4;
const dir = tempDir('cutover-gap-kill');
let env: NodeJS.ProcessEnv;
let urls: Record<keyof typeof databases, string>;

beforeAll(async () => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" first (npm test does).`);
  urls = await freshPostgresDatabases(databases);
  for (const url of Object.values(urls)) await withDatabase(url, (db) => db.exec(newSystemSchema() + newSystemRows));
  env = { ...process.env, CUTOVER_SNAPSHOT_KEY: '6b'.repeat(32), NEW_SYSTEM_URL: urls.production, TWIN_URL: urls.twin };
});

afterAll(() => dir.cleanup());

async function withStore<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const store = await openProjectStore(projectLayout(dir.path), 'test', new Date());
  try {
    return await work(store.db);
  } finally {
    await store.close();
  }
}

function cutover(args: readonly string[]): { status: number | null; out: string; err: string; seconds: number } {
  const started = performance.now();
  const r = spawnSync(process.execPath, [cli, ...args, '--project', dir.path, '--json'], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  return { status: r.status, out: r.stdout, err: r.stderr, seconds: (performance.now() - started) / 1000 };
}

/** Starts `cutover ARGS`, kills it with SIGKILL after `seconds`: 'killed', or how it ended first. */
async function killAfter(args: readonly string[], seconds: number): Promise<'killed' | { status: number | null; err: string }> {
  const child = spawn(process.execPath, [cli, ...args, '--project', dir.path, '--json'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), seconds * 1000);
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
  clearTimeout(timer);
  return signal === 'SIGKILL' ? 'killed' : { status: code, err };
}

/** A day of work in the legacy system: many phones and notes changed, viewings booked, diary entries and balances deleted. */
function makeLaterExport(exportDir: string): void {
  const people = ExportFile.of(exportDir, 'people.csv');
  people.plain().filter((_, n) => n % 4 === 0).forEach((i, n) => people.set(i, 'Phone', `07700 9${String(n).padStart(5, '0')}`));
  people.save();
  const diary = ExportFile.of(exportDir, 'diary.csv');
  const properties = diary.plain().map((i) => diary.get(i, 'PropertyID')).filter((p) => p.startsWith('PR'));
  diary.plain().filter((_, n) => n % 5 === 0).forEach((i) => diary.set(i, 'Notes', 'called back'));
  for (let n = 0; n < 150; n++) diary.append([`D9${String(n).padStart(6, '0')}`, 'Viewing', properties[n % properties.length]!, '', '02/12/2026', '10:30', 'booked after the extract']);
  for (const i of diary.plain().filter((_, n) => n % 23 === 1).reverse()) diary.remove(i);
  diary.save();
  const balances = ExportFile.of(exportDir, 'balances.csv');
  for (const i of balances.plain().filter((_, n) => n % 17 === 3).reverse()) balances.remove(i);
  balances.save();
}

interface GapJson {
  readonly runId: number;
  readonly status: string;
  readonly gap: readonly Record<string, unknown>[];
  readonly entities: readonly Record<string, unknown>[];
}

const withoutSeconds = (entities: readonly Record<string, unknown>[]) => entities.map(({ seconds: _s, ...b }) => b);
const finalRun = (environment: string) => ['run', '--env', environment, '--override-gate', '--by', 'Sam Analyst', '--note', 'the kill test loads an unreviewed rehearsal'];

describe('a gap migration killed at random moments and started again', () => {
  it('ends as the same gap uninterrupted: every change applied once', async () => {
    const demo = cutover(['demo', '--rows', '1000', '--seed', '5']);
    expect(demo.status, demo.err).toBe(0);
    appendFileSync(join(dir.path, 'cutover.yaml'), [
      '  production: { database_url_env: NEW_SYSTEM_URL, schema: public, stage: production }',
      '  twin: { database_url_env: TWIN_URL, schema: public, stage: production }',
      '',
    ].join('\n'));
    for (const environment of ['production', 'twin']) {
      const loaded = cutover(finalRun(environment));
      expect(loaded.status, loaded.err).toBe(0);
    }
    makeLaterExport(join(dir.path, 'export'));
    const collected = cutover(['collect']);
    expect(collected.status, collected.err).toBe(0);

    const reference = cutover(['gap', '--env', 'twin', '--batch', '40']);
    expect(reference.status, reference.err).toBe(0);
    const twin = JSON.parse(reference.out) as GapJson;
    expect(twin.gap.every((b) => b['balanced'])).toBe(true);

    const gap = ['gap', '--env', 'production', '--batch', '40'];
    const delays: number[] = [];
    let ended: 'killed' | { status: number | null; err: string } = 'killed';
    for (let i = 0; i < kills && ended === 'killed'; i++) {
      const delay = 0.3 + Math.random() * reference.seconds * 0.8;
      delays.push(Number(delay.toFixed(2)));
      ended = await killAfter(gap, delay);
    }
    const context = `killed after ${delays.join(', ')} s`;
    expect(delays.length > 1 || ended === 'killed', `${context}: the first attempt was not killed`).toBe(true);
    const last = cutover(gap);
    // killed after it finished, the environment holds the later snapshot: the gap is refused as applied
    if (last.status !== 0) expect(last.err, context).toContain('there is nothing to carry over');
    const runs = await withStore((db) => db.query<{ id: string; status: string }>("SELECT id::text, status FROM cutover.run WHERE env = 'production' AND kind = 'gap' ORDER BY id"));
    expect(runs.map((r) => r.status), context).toEqual(['succeeded']);
    const runId = Number(runs[0]!.id);
    const stored = (id: number) => withStore(async (db) => ({
      gap: (await db.query<{ books: string }>('SELECT books FROM cutover.gap_entity WHERE run_id = $1 ORDER BY position', [id])).map((r) => JSON.parse(r.books) as Record<string, unknown>),
      actions: await db.query('SELECT entity, action, count(*)::text AS n FROM cutover.gap_change WHERE run_id = $1 GROUP BY entity, action ORDER BY entity, action', [id]),
      changes: await db.query<{ n: string }>('SELECT count(*)::text AS n, count(DISTINCT (entity, seq))::text AS d FROM cutover.gap_change WHERE run_id = $1', [id]),
    }));
    const [killed, uninterrupted] = [await stored(runId), await stored(twin.runId)];
    expect(killed.gap, context).toEqual(twin.gap);
    expect(killed.actions, context).toEqual(uninterrupted.actions);
    expect(killed.changes, context).toEqual(uninterrupted.changes);
    const entities = await withStore((db) => db.query('SELECT entity, source::int, loaded::int, rejected::int, excluded::int, merged::int FROM cutover.run_entity WHERE run_id = $1 ORDER BY position', [runId]));
    expect(entities, context).toEqual(withoutSeconds(twin.entities).map((e) => ({ entity: e['entity'], source: e['source'], loaded: e['loaded'], rejected: e['rejected'], excluded: e['excluded'], merged: e['merged'] })));

    const spec = parseSpec(readFileSync(join(dir.path, 'specs', 'estate-agency.yaml'), 'utf8'), 'specs/estate-agency.yaml');
    const inTwin = await withDatabase(urls.twin, async (db) => rowsBySourceKey(spec, await withStore((s) => runKeys(s, twin.runId)), db, 'public'));
    const inProduction = await withDatabase(urls.production, async (db) => rowsBySourceKey(spec, await withStore((s) => runKeys(s, runId)), db, 'public'));
    expect(inProduction, context).toEqual(inTwin);
    const counts = (url: string) => withDatabase(url, (db) => db.query("SELECT 'person' AS t, count(*)::int AS n FROM public.person UNION ALL SELECT 'diary', count(*) FROM public.diary_entry UNION ALL SELECT 'balance', count(*) FROM public.opening_balance ORDER BY 1"));
    expect(await counts(urls.production), context).toEqual(await counts(urls.twin));
    writeFileSync(join(dir.path, 'kills.txt'), context);
    // a whole demo, two final runs and five gap attempts, as real processes on a busy machine
  }, 900_000);
});
