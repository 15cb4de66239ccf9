import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../connectors/open-database.js';
import type { Database } from '../connectors/database.js';
import { projectLayout } from '../store/project-layout.js';
import { openProjectStore } from '../store/project-store.js';
import { requirePostgres } from '../test-support/servers.js';
import { dumpSchema } from '../test-support/target-dump.js';

// Runs killed with SIGKILL at random moments, as a real process, then started again with
// the same command: each must end with the same target rows and the same ledger as a run
// that was never interrupted. The built command, as a user runs it: `npm test` builds first.
const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const env = { ...process.env, CUTOVER_SNAPSHOT_KEY: '6b'.repeat(32) };
const rows = '20000';
const kills = 4;
const database = 'cutover_resume_test';
const dirs: string[] = [];
let serverUrl: string;
let targetUrl: string;

beforeAll(async () => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" first (npm test does).`);
  serverUrl = await requirePostgres();
  // a database of its own, so other tests loading environment "test" cannot interfere
  const admin = await openDatabase(serverUrl);
  try {
    await admin.exec(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.exec(`CREATE DATABASE ${database}`);
  } finally {
    await admin.close();
  }
  targetUrl = serverUrl.replace(/\/test$/, `/${database}`);
});

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cutover-resume-'));
  dirs.push(dir);
  return dir;
}

/** Runs `cutover ARGS` to the end and returns its JSON output and how long it took. */
function complete(args: readonly string[]): { result: RunJson; seconds: number } {
  const started = performance.now();
  const out = spawnSync(process.execPath, [cli, ...args, '--json'], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (out.status !== 0) throw new Error(`cutover ${args.join(' ')} failed (${out.status}):\n${out.stderr}`);
  return { result: JSON.parse(out.stdout) as RunJson, seconds: (performance.now() - started) / 1000 };
}

/** Starts `cutover ARGS` and kills it with SIGKILL after `seconds`; its output when it finished first. */
async function killAfter(args: readonly string[], seconds: number): Promise<RunJson | 'killed'> {
  const child = spawn(process.execPath, [cli, ...args, '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const timer = setTimeout(() => child.kill('SIGKILL'), seconds * 1000);
  const code = await exited;
  clearTimeout(timer);
  if (code === null) return 'killed';
  if (code !== 0) throw new Error(`cutover ${args.join(' ')} failed (${code}) before it was killed:\n${err}`);
  return JSON.parse(out) as RunJson;
}

interface RunJson {
  readonly run: { readonly id: number; readonly status: string };
  readonly entities: readonly { entity: string; file: string; source: number; loaded: number; rejected: number; excluded: number; merged: number; balanced: boolean }[];
}

/** A run's ledger and key map as sorted text, from the project's store. */
async function bookkeeping(dir: string, runId: number): Promise<{ ledger: string[]; keyMap: string }> {
  const store = await openProjectStore(projectLayout(dir), 'test', new Date());
  try {
    const ledger = await store.db.query<{ line: string }>(
      `SELECT concat_ws(' | ', entity, file, line, source_key, outcome, reason, field, value, message, survivor_key) AS line
       FROM cutover.ledger_entry WHERE run_id = $1 ORDER BY entity, line`,
      [runId],
    );
    const [keyMap] = await store.db.query<{ digest: string }>(
      `SELECT md5(string_agg(concat_ws(' ', entity, source_key, target_id, line), ',' ORDER BY entity, line)) AS digest FROM cutover.key_map WHERE run_id = $1`,
      [runId],
    );
    return { ledger: ledger.map((r) => r.line), keyMap: keyMap!.digest };
  } finally {
    await store.close();
  }
}

/** The environment's latest run after run `after`, as `--json` gives it, when it finished. */
async function finishedRun(dir: string, env: string, after: number): Promise<RunJson | undefined> {
  const store = await openProjectStore(projectLayout(dir), 'test', new Date());
  try {
    const [run] = await store.db.query<{ id: string; status: string }>('SELECT id, status FROM cutover.run WHERE env = $1 AND id > $2 ORDER BY id DESC LIMIT 1', [env, after]);
    if (run?.status !== 'succeeded') return undefined;
    const entities = await store.db.query<{ entity: string; source_file: string; source: string; loaded: string; rejected: string; excluded: string; merged: string }>(
      'SELECT entity, source_file, source, loaded, rejected, excluded, merged FROM cutover.run_entity WHERE run_id = $1 ORDER BY position',
      [run.id],
    );
    return {
      run: { id: Number(run.id), status: run.status },
      entities: entities.map((e) => {
        const [source, loaded, rejected, excluded, merged] = [e.source, e.loaded, e.rejected, e.excluded, e.merged].map(Number) as [number, number, number, number, number];
        return { entity: e.entity, file: e.source_file, source, loaded, rejected, excluded, merged, balanced: source === loaded + rejected + excluded + merged };
      }),
    };
  } finally {
    await store.close();
  }
}

async function withDatabase<T>(url: string | undefined, dir: string, work: (db: Database) => Promise<T>): Promise<T> {
  if (url !== undefined) {
    const db = await openDatabase(url);
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  }
  const store = await openProjectStore(projectLayout(dir), 'test', new Date());
  try {
    return await work(store.db);
  } finally {
    await store.close();
  }
}

/**
 * Makes the sample project (`setup`), loads environment test once without interruption
 * (`reference`, timed), then starts `again` up to `kills` times and kills it at a random
 * moment, then lets it finish loading environment `env`, and compares the two.
 */
async function killAndResume(setup: readonly string[], reference: readonly string[], again: readonly string[], env: string, url?: string): Promise<void> {
  const dir = project();
  complete([...setup, '--project', dir]);
  const uninterrupted = complete([...reference, '--project', dir]);
  const targetBefore = await withDatabase(url, dir, (db) => dumpSchema(db, 'env_test'));
  const booksBefore = await bookkeeping(dir, uninterrupted.result.run.id);

  const delays: number[] = [];
  let last: RunJson | 'killed' = 'killed';
  for (let i = 0; i < kills && last === 'killed'; i++) {
    // anywhere from opening the project to checking the money; an attempt that finishes first ends the killing
    const delay = 0.2 + Math.random() * uninterrupted.seconds * 0.6;
    delays.push(Number(delay.toFixed(2)));
    last = await killAfter([...again, '--project', dir], delay);
    // killed in its last moments (writing the summary, closing), the run may have finished already
    if (last === 'killed') last = (await finishedRun(dir, env, uninterrupted.result.run.id)) ?? 'killed';
  }
  const context = `killed after ${delays.join(', ')} s`;
  expect(delays.length > 1 || last === 'killed', `${context}: the first attempt was not killed`).toBe(true);
  if (last === 'killed') last = complete([...again, '--project', dir]).result;
  expect(last.run.status, context).toBe('succeeded');
  expect(last.entities, context).toEqual(uninterrupted.result.entities);
  expect(await withDatabase(url, dir, (db) => dumpSchema(db, `env_${env}`)), context).toEqual(targetBefore);
  expect(await bookkeeping(dir, last.run.id), context).toEqual(booksBefore);
}

describe('a run killed at random moments and started again', () => {
  it('into a real PostgreSQL server ends with the same target rows and ledger as an uninterrupted run', async () => {
    // into an environment of its own, empty at first: `run` without --fresh carries on a killed run
    const target = ['--target', targetUrl];
    await killAndResume(['demo', '--rows', rows, ...target], ['run', '--env', 'test', '--fresh', ...target], ['run', '--env', 'resumed', ...target], 'resumed', targetUrl);
  });

  it('as `cutover demo --target URL`, started again with the same arguments, resumes rather than loading twice', async () => {
    const demo = ['demo', '--rows', rows, '--target', targetUrl];
    await killAndResume(demo, demo, demo, 'test', targetUrl);
  });

  it('into the embedded database ends the same way', async () => {
    const demo = ['demo', '--rows', rows];
    await killAndResume(demo, demo, demo, 'test');
  });
});
