import { existsSync, lstatSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pgliteVersion } from '../connectors/pglite/pglite-database.js';
import { tempDir } from '../test-support/temp-dir.js';
import { projectLayout } from './project-layout.js';
import { openProjectStore } from './project-store.js';
import { storeCacheDir, storeTemplateDir } from './store-template.js';

// a new project's store is a copy of one prepared once per machine, not a fresh initdb
const dir = tempDir('cutover-store-template');
afterAll(() => dir.cleanup());
const cache = join(dir.path, 'cache');
const now = new Date('2026-12-02T09:00:00Z');

function modes(path: string): number[] {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return [stat.mode & 0o777];
  return [stat.mode & 0o777, ...readdirSync(path).flatMap((name) => modes(join(path, name)))];
}

async function storeTables(project: string, cacheDir: string): Promise<string[]> {
  const store = await openProjectStore(projectLayout(project), 'test', now, cacheDir);
  try {
    await store.db.exec('INSERT INTO cutover.environment_state (env, target) VALUES (\'test\', \'embedded\')');
    const rows = await store.db.query<{ env: string }>('SELECT env FROM cutover.environment_state');
    expect(rows).toEqual([{ env: 'test' }]);
    const tables = await store.db.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'cutover' ORDER BY 1");
    return tables.map((t) => t.name);
  } finally {
    await store.close();
  }
}

describe('a new project store', () => {
  it('is prepared once in the cache, owner-only, and copied for every new project', async () => {
    const first = await storeTables(join(dir.path, 'one'), cache);
    const [template, ...others] = readdirSync(cache);
    expect(others).toEqual([]);
    expect(template).toMatch(new RegExp(`^store-pglite-${pgliteVersion().replaceAll('.', '\\.')}-schema-[0-9a-f]{16}$`));
    expect(modes(join(cache, template!)).filter((mode) => (mode & 0o077) !== 0)).toEqual([]);
    const prepared = statSync(join(cache, template!)).ino;

    // the second project copies the same template and gets the same tables, empty
    const second = await storeTables(join(dir.path, 'two'), cache);
    expect(second).toEqual(first);
    expect(first).toEqual(expect.arrayContaining(['audit_event', 'run', 'store_schema']));
    expect(readdirSync(cache)).toEqual([template]);
    expect(statSync(join(cache, template!)).ino).toBe(prepared);
    expect(modes(join(dir.path, 'two', '.cutover', 'db')).filter((mode) => (mode & 0o077) !== 0)).toEqual([]);
    expect(existsSync(join(dir.path, 'two', '.cutover', 'db.new'))).toBe(false);
  });

  it('is made in place when the cache cannot be written', async () => {
    const blocked = join(dir.path, 'a-file');
    writeFileSync(blocked, 'not a folder');
    const tables = await storeTables(join(dir.path, 'three'), join(blocked, 'cache'));
    expect(tables).toEqual(expect.arrayContaining(['audit_event', 'run', 'store_schema']));
  });

  it('names its template by the PGlite version and the schema, in the cache the environment names', () => {
    expect(storeCacheDir({ CUTOVER_CACHE_DIR: '/srv/cache' })).toBe('/srv/cache');
    expect(storeCacheDir({ XDG_CACHE_HOME: '/home/ann/.cache' })).toBe('/home/ann/.cache/cutover');
    expect(storeTemplateDir('/srv/cache', 'ab'.repeat(32))).toBe(`/srv/cache/store-pglite-${pgliteVersion()}-schema-${'ab'.repeat(8)}`);
  });
});
