import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../connectors/open-database.js';
import { cutover } from '../test-support/capture-io.js';
import { requirePostgres } from '../test-support/servers.js';
import { parseProjectConfig } from '../core/project-config.js';
import { readRunFacts } from '../store/run-records.js';
import { inSession } from '../test-support/test-session.js';
import { demoSnapshotKey, runDemo } from './demo.js';
import { openRunTarget } from './environment-target.js';

const clock = () => new Date('2026-11-23T10:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'cutover-reconcile-pg-'));
// a database of its own, so other tests loading env_test on the server cannot disturb it
const database = 'cutover_reconcile_test';
let url: string;
const savedKey = process.env['CUTOVER_SNAPSHOT_KEY'];

async function onServer(serverUrl: string, ...statements: string[]): Promise<void> {
  const db = await openDatabase(serverUrl);
  try {
    for (const sql of statements) await db.query(sql);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  const test = await requirePostgres();
  await onServer(test, `DROP DATABASE IF EXISTS ${database}`, `CREATE DATABASE ${database}`);
  url = test.replace(/\/test$/, `/${database}`);
  process.env['CUTOVER_SNAPSHOT_KEY'] = demoSnapshotKey;
  await inSession(dir, (s) => runDemo(s, { rows: 1500, seed: 11, sampleChosen: true, targetUrl: url }), { clock });
});

afterAll(async () => {
  if (savedKey === undefined) delete process.env['CUTOVER_SNAPSHOT_KEY'];
  else process.env['CUTOVER_SNAPSHOT_KEY'] = savedKey;
  rmSync(dir, { recursive: true, force: true });
  await onServer(await requirePostgres(), `DROP DATABASE IF EXISTS ${database}`);
});

describe('reconcile a run that loaded a real PostgreSQL server', () => {
  it('refuses to compare with another database than the one the run loaded', async () => {
    const out = await cutover('reconcile', '--project', dir);
    expect([out.code, out.stderr]).toEqual([
      1,
      `error: Run 1 loaded PostgreSQL at 127.0.0.1:5432/${database}, but this would read the embedded database. Name the database the run loaded with --target postgres://…\n`,
    ]);
  });

  it('reads the server named with --target: every line explained, and writes the workbook', async () => {
    const out = await cutover('reconcile', '--project', dir, '--target', url, '--json');
    expect(out.code, out.stderr).toBe(0);
    const json = JSON.parse(out.stdout) as { unexplained: number; counts: { target: number }[]; columns: { differ: number; compared: number; skipped: string | null }[] };
    expect(json.unexplained).toBe(0);
    expect(json.counts.every((c) => c.target > 0)).toBe(true);
    expect(json.columns.filter((c) => c.skipped === null).every((c) => c.differ === 0 && c.compared > 0)).toBe(true);
    const report = await cutover('report', '--project', dir, '--target', url, '--json');
    expect(report.code, report.stderr).toBe(0);
  });

  it('opens an environment whose URL comes from a variable, as run does, and says when it is not set', async () => {
    const config = parseProjectConfig(readFileSync(join(dir, 'cutover.yaml'), 'utf8'), 'cutover.yaml');
    const fromVariable = { ...config, environments: { test: { database_url_env: 'RECONCILE_TARGET_URL', stage: 'test' as const } } };
    const opened = (env: NodeJS.ProcessEnv) => inSession(dir, async (session) => {
      const target = await openRunTarget(session, await readRunFacts((await session.store()).db, 1));
      await target.close();
      return target.label;
    }, { config: fromVariable, env });
    await expect(opened({})).rejects.toThrow(
      'Run 1 loaded environment "test", whose database URL comes from the variable RECONCILE_TARGET_URL, which is not set. Set it, or name the database with --target postgres://…',
    );
    expect(await opened({ RECONCILE_TARGET_URL: url })).toBe(`PostgreSQL at 127.0.0.1:5432/${database}`);
  });

  it('flags a row deleted on the server and a changed amount', async () => {
    await onServer(url, 'DELETE FROM env_test.diary_entry WHERE id = (SELECT min(id) FROM env_test.diary_entry)',
      `UPDATE env_test.opening_balance SET amount = amount - 0.01 WHERE id = (SELECT max(id) FROM env_test.opening_balance WHERE account = 'deposit')`);
    const out = await cutover('reconcile', '--project', dir, '--target', url, '--json');
    expect(out.code).toBe(1);
    const json = JSON.parse(out.stdout) as { unexplained: number; counts: { label: string; status: string; notes: string[] }[]; money: { label: string; status: string; unexplained: string }[] };
    expect(json.counts.filter((c) => c.status === 'unexplained').map((c) => [c.label, c.notes])).toEqual([['Diary entries', ['1 row was imported but is no longer in the new system.']]]);
    expect(json.money.find((m) => m.label === 'Deposit account balance')).toMatchObject({ status: 'unexplained', unexplained: '0.01' });
  });
});
