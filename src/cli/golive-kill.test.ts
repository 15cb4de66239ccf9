import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../connectors/database.js';
import { parseSpec } from '../core/spec/index.js';
import { projectLayout } from '../store/project-layout.js';
import { openProjectStore } from '../store/project-store.js';
import { newSystemRows, newSystemSchema } from '../test-support/new-system.js';
import { rowsBySourceKey, runKeys } from '../test-support/rows-by-source-key.js';
import { requirePostgres, withDatabase } from '../test-support/servers.js';
import { sampleSpecText } from '../test-support/spec-fixtures.js';
import { tempDir } from '../test-support/temp-dir.js';

// A production run into the new system's own database, killed with SIGKILL at random
// moments and started again with the same command: it ends with the rows, references and
// books of the test run, beside the new system's own rows untouched, and goes live once.
const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const database = 'cutover_golive_kill';
const rows = '20000';
const kills = 4;
const dir = tempDir('cutover-golive-kill');
let env: NodeJS.ProcessEnv;
let url: string;

beforeAll(async () => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" first (npm test does).`);
  const server = await requirePostgres();
  url = server.replace(/\/test$/, `/${database}`);
  await withDatabase(server, async (admin) => {
    await admin.exec(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.exec(`CREATE DATABASE ${database}`);
  });
  await withDatabase(url, (db) => db.exec(newSystemSchema() + newSystemRows));
  env = { ...process.env, CUTOVER_SNAPSHOT_KEY: '6b'.repeat(32), NEW_SYSTEM_URL: url };
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

interface RunJson {
  readonly run: { readonly id: number; readonly status: string };
  readonly entities: readonly { entity: string; source: number; loaded: number; rejected: number; excluded: number; merged: number }[];
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

const books = (entities: RunJson['entities']) => entities.map(({ entity, source, loaded, rejected, excluded, merged }) => ({ entity, source, loaded, rejected, excluded, merged }));

// the gate is weighed in its own tests; here the team lets the final run through, recorded
const finalRun = ['run', '--env', 'production', '--override-gate', '--by', 'Sam Analyst', '--note', 'the kill test loads an unreviewed rehearsal'];

describe('a production run killed at random moments and started again', () => {
  it('ends with the test run\'s rows, references and books, beside the new system\'s own rows, and goes live once', async () => {
    const demo = cutover(['demo', '--rows', rows]);
    expect(demo.status, demo.err).toBe(0);
    // the test run again, timed, to know how long a load takes
    const reference = cutover(['run', '--env', 'test', '--fresh']);
    expect(reference.status, reference.err).toBe(0);
    const testRun = JSON.parse(reference.out) as RunJson;
    appendFileSync(join(dir.path, 'cutover.yaml'), '  production: { database_url_env: NEW_SYSTEM_URL, schema: public, stage: production }\n');
    const own = () => withDatabase(url, async (db) => db.query("SELECT row_to_json(t)::text AS row FROM public.person t WHERE id <= 3 UNION ALL SELECT row_to_json(t)::text FROM public.supplier t WHERE id <= 2 OR id = 500 ORDER BY 1"));
    const ownBefore = await own();

    const delays: number[] = [];
    let ended: 'killed' | { status: number | null; err: string } = 'killed';
    for (let i = 0; i < kills && ended === 'killed'; i++) {
      // anywhere from opening the project to going live; an attempt that finishes first ends the killing
      const delay = 0.2 + Math.random() * reference.seconds * 0.6;
      delays.push(Number(delay.toFixed(2)));
      ended = await killAfter(finalRun, delay);
    }
    const context = `killed after ${delays.join(', ')} s`;
    expect(delays.length > 1 || ended === 'killed', `${context}: the first attempt was not killed`).toBe(true);
    if (ended === 'killed') {
      const last = cutover(finalRun);
      ended = { status: last.status, err: last.err };
    }
    // killed once the load was whole and marked live, the next attempt records the run as it ended and is refused
    if (ended.status !== 0) expect(ended.err, context).toContain('is live');
    const runs = await withStore((db) => db.query<{ id: string; status: string }>("SELECT id::text, status FROM cutover.run WHERE env = 'production' ORDER BY id"));
    const live = await withStore((db) => db.query<{ run: string }>("SELECT live_run_id::text AS run FROM cutover.environment_state WHERE env = 'production'"));
    expect(live.length, context).toBe(1);
    const runId = Number(live[0]!.run);
    expect(runs.filter((r) => r.status === 'succeeded').map((r) => Number(r.id)), context).toEqual([runId]);
    const entities = await withStore((db) => db.query<{ entity: string; source: string; loaded: string; rejected: string; excluded: string; merged: string }>(
      'SELECT entity, source, loaded, rejected, excluded, merged FROM cutover.run_entity WHERE run_id = $1 ORDER BY position', [runId],
    ));
    expect(books(entities.map((e) => ({ entity: e.entity, source: +e.source, loaded: +e.loaded, rejected: +e.rejected, excluded: +e.excluded, merged: +e.merged }))), context)
      .toEqual(books(testRun.entities));

    const spec = parseSpec(sampleSpecText, 'specs/estate-agency.yaml');
    const inTest = await withStore(async (db) => rowsBySourceKey(spec, await runKeys(db, testRun.run.id), db, 'env_test'));
    const keys = await withStore((db) => runKeys(db, runId));
    expect(await withDatabase(url, (db) => rowsBySourceKey(spec, keys, db, 'public')), context).toEqual(inTest);
    expect(await own(), context).toEqual(ownBefore);
    const counted = await withDatabase(url, (db) => db.query<{ n: string }>('SELECT count(*)::text AS n FROM public.person'));
    expect(Number(counted[0]!.n), context).toBe(3 + testRun.entities.find((e) => e.entity === 'person')!.loaded);

    const again = cutover(finalRun);
    expect(again.status).not.toBe(0);
    expect(again.err).toContain('would create a duplicate of every single record');
  });
});
