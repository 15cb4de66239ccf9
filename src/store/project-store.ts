import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { sha256Hex } from '../core/canonical-json.js';
import { openPgliteDatabase } from '../connectors/pglite/pglite-database.js';
import type { Database } from '../connectors/database.js';
import { ensureDiskRoom } from './disk-room.js';
import { ownerFolderMode, restrictToOwner } from './owner-only.js';
import { acquireProjectLock } from './project-lock.js';
import type { ProjectLayout } from './project-layout.js';
import { reviewSchemaSql } from './review-schema.js';
import { storeSchemaSql } from './store-schema.js';
import { copyStoreTemplate, storeCacheDir, storeTemplateDir } from './store-template.js';

/** The project's state, open and locked for one command. */
export interface ProjectStore {
  readonly layout: ProjectLayout;
  /** The embedded database: the store's schema `cutover`, and embedded environments. */
  readonly db: Database;
  close(): Promise<void>;
}

const schemaSql = `${storeSchemaSql}\n${reviewSchemaSql}`;
const schemaHash = sha256Hex(schemaSql);

/**
 * Creates the store's tables, or adds what a newer Cutover needs, unless this very
 * schema was applied already: the hash of its text is kept, so opening a project does
 * not replay the whole schema every time.
 */
async function bringSchemaUpToDate(db: Database): Promise<void> {
  const [known] = await db.query<{ present: boolean }>("SELECT to_regclass('cutover.store_schema') IS NOT NULL AS present");
  const [kept] = known?.present ? await db.query<{ hash: string }>('SELECT hash FROM cutover.store_schema') : [];
  if (kept?.hash === schemaHash) return;
  await db.transaction(async (tx) => {
    await tx.exec(schemaSql);
    await tx.exec('CREATE TABLE IF NOT EXISTS cutover.store_schema (hash text NOT NULL); DELETE FROM cutover.store_schema');
    await tx.query('INSERT INTO cutover.store_schema (hash) VALUES ($1)', [schemaHash]);
  });
}

/**
 * Locks the project and opens its embedded database. A new one starts as a copy of the
 * store prepared once per machine in `cacheDir` (see `storeCacheDir`), its tables made.
 */
export async function openProjectStore(layout: ProjectLayout, command: string, now: Date, cacheDir = storeCacheDir(process.env)): Promise<ProjectStore> {
  mkdirSync(layout.stateDir, { recursive: true, mode: ownerFolderMode });
  // before the lock file is written: a project made by an older Cutover may be open to others
  chmodSync(layout.stateDir, ownerFolderMode);
  const lock = acquireProjectLock(layout.lockFile, command, now);
  try {
    // PGlite makes its files 0666 less the umask. A process umask is not used: it is
    // shared with every other write of the process (reports the user must read) and
    // cannot be set in a worker thread. The state is closed to others after opening (an
    // older Cutover's snapshots too) and the database again after closing instead; what
    // PGlite adds meanwhile sits in the 0700 state folder.
    // on a full disk the embedded database neither starts nor says why: refuse first, in words
    // (a new one takes about 40 MB; an existing one a write-ahead log segment of 16 MB to start)
    const exists = existsSync(layout.databaseDir);
    await ensureDiskRoom(exists ? layout.databaseDir : layout.stateDir, (exists ? 24 : 64) * 1024 * 1024, command);
    if (!exists) await copyStoreTemplate(storeTemplateDir(cacheDir, schemaHash), layout.databaseDir, bringSchemaUpToDate);
    const db = await openPgliteDatabase(layout.databaseDir, 'the embedded database');
    restrictToOwner(layout.stateDir);
    await bringSchemaUpToDate(db);
    return {
      layout,
      db,
      async close() {
        try {
          await db.close();
          restrictToOwner(layout.databaseDir);
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
