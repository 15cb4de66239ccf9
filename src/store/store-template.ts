import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../connectors/database.js';
import { openPgliteDatabase, pgliteVersion } from '../connectors/pglite/pglite-database.js';
import { ownerFolderMode, restrictToOwner } from './owner-only.js';

/**
 * Where this machine keeps prepared stores: CUTOVER_CACHE_DIR, else the user's cache
 * folder (XDG_CACHE_HOME, else ~/.cache) under `cutover`.
 */
export function storeCacheDir(env: NodeJS.ProcessEnv): string {
  return env['CUTOVER_CACHE_DIR'] || join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'cutover');
}

/** The prepared store for this PGlite and this store schema: an upgrade of either never loads a stale one. */
export function storeTemplateDir(cacheDir: string, schemaHash: string): string {
  return join(cacheDir, `store-pglite-${pgliteVersion()}-schema-${schemaHash.slice(0, 16)}`);
}

/**
 * Makes a new embedded database in `databaseDir` as a copy of the prepared one in
 * `templateDir`, preparing that first when this machine has none: an empty PostgreSQL
 * (initdb takes about 3 s and 850 MB) with the store's tables, closed cleanly. A copy of a
 * closed data directory is what PGlite's `loadDataDir` would unpack, without passing it
 * through the WebAssembly file system. Returns false, having made nothing, when the cache
 * cannot be written: the caller then makes the database in place.
 */
export async function copyStoreTemplate(templateDir: string, databaseDir: string, prepare: (db: Database) => Promise<void>): Promise<boolean> {
  if (!existsSync(templateDir) && !(await prepareTemplate(templateDir, prepare))) return false;
  // copied beside and renamed: a copy cut short never passes for a database
  const partial = `${databaseDir}.new`;
  rmSync(partial, { recursive: true, force: true });
  cpSync(templateDir, partial, { recursive: true });
  renameSync(partial, databaseDir);
  return true;
}

async function prepareTemplate(templateDir: string, prepare: (db: Database) => Promise<void>): Promise<boolean> {
  const cacheDir = join(templateDir, '..');
  let work: string;
  try {
    mkdirSync(cacheDir, { recursive: true, mode: ownerFolderMode });
    work = mkdtempSync(join(cacheDir, '.preparing-'));
  } catch {
    return false;
  }
  try {
    const db = await openPgliteDatabase(join(work, 'db'), 'the prepared embedded database');
    try {
      await prepare(db);
    } finally {
      await db.close();
    }
    restrictToOwner(work);
    try {
      renameSync(join(work, 'db'), templateDir);
    } catch (error) {
      // another process prepared the same one meanwhile: theirs serves as well
      if (!existsSync(templateDir)) throw error;
    }
    return true;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
