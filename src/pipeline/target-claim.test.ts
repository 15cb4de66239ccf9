import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget } from '../connectors/target.js';
import { isCutoverError } from '../core/cutover-error.js';
import { requirePostgres, withDatabase } from '../test-support/servers.js';
import { inSession } from '../test-support/test-session.js';
import { demoSnapshotKey, runDemo } from './demo.js';
import { migrate } from './migrate.js';

// a database of its own, so no other test's run of environment "test" meets this one's lock
const database = 'cutover_claim_test';
const dir = mkdtempSync(join(tmpdir(), 'cutover-claim-'));
let url: string;
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };

beforeAll(async () => {
  const server = await requirePostgres();
  await withDatabase(server, async (db) => {
    await db.exec(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await db.exec(`CREATE DATABASE ${database}`);
  });
  url = server.replace(/\/test$/, `/${database}`);
  await inSession(dir, (s) => runDemo(s, { rows: 600, seed: 5, sampleChosen: true, targetUrl: url }));
}, 300_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('two copies of a project loading one server', () => {
  it('refuses the second run while the first holds the environment, loading nothing, and runs once it is let go', async () => {
    // another copy of the project, mid-run: it holds environment "test" in the server
    const other = await openTarget(url);
    await other.claim('test', 'env_test', 'cutover run --env test by ann on laptop-2');
    const rowsBefore = await withDatabase(url, (db) => db.query<{ n: string }>('SELECT count(*) AS n FROM env_test.person'));
    try {
      const refused = await inSession(dir, (s) => migrate(s, { environment: 'test', fresh: true, resume: false, targetUrl: url }), { env }).catch((e: unknown) => e);
      expect(isCutoverError(refused, 'target_busy')).toBe(true);
      expect((refused as Error).message).toMatch(/^Environment "test" in PostgreSQL at 127\.0\.0\.1:5432\/cutover_claim_test is being loaded by "cutover run --env test by ann on laptop-2"/);
      expect(await withDatabase(url, (db) => db.query('SELECT count(*) AS n FROM env_test.person'))).toEqual(rowsBefore);
    } finally {
      await other.close();
    }
    const { run } = await inSession(dir, (s) => migrate(s, { environment: 'test', fresh: true, resume: false, targetUrl: url }), { env });
    expect(run.status).toBe('succeeded');
  }, 300_000);
});
