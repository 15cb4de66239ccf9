import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../connectors/open-database.js';
import { projectLayout } from '../store/project-layout.js';
import { openProjectStore } from '../store/project-store.js';
import { requirePostgres } from '../test-support/servers.js';
import { dumpSchema } from '../test-support/target-dump.js';
import { inSession } from '../test-support/test-session.js';
import { runDemo, type DemoResult } from './demo.js';

const clock = () => new Date('2026-11-23T10:00:00Z');
const dirs = [mkdtempSync(join(tmpdir(), 'cutover-pg-')), mkdtempSync(join(tmpdir(), 'cutover-embedded-'))] as const;
let url: string;
let onServer: DemoResult;
let embedded: DemoResult;

beforeAll(async () => {
  url = await requirePostgres();
  const options = { rows: 1500, seed: 11, sampleChosen: true };
  onServer = await inSession(dirs[0], (s) => runDemo(s, { ...options, targetUrl: url }), { clock });
  embedded = await inSession(dirs[1], (s) => runDemo(s, options), { clock });
});

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('a test migration into a real PostgreSQL server', () => {
  it('balances its books and names the server it loaded', () => {
    expect(onServer.run.status).toBe('succeeded');
    expect(onServer.run.target).toBe('PostgreSQL at 127.0.0.1:5432/test');
    expect(onServer.run.entities.every((e) => e.balanced)).toBe(true);
  });

  it('loads exactly the rows the embedded database gets from the same sample', async () => {
    const server = await openDatabase(url);
    const store = await openProjectStore(projectLayout(dirs[1]), 'test', clock());
    try {
      expect(await dumpSchema(server, 'env_test')).toEqual(await dumpSchema(store.db, 'env_test'));
      expect(onServer.run.entities.map(({ seconds: _s, ...b }) => b)).toEqual(embedded.run.entities.map(({ seconds: _s, ...b }) => b));
    } finally {
      await server.close();
      await store.close();
    }
  });
});
