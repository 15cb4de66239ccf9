import { mkdirSync } from 'node:fs';
import { openPgliteDatabase } from '../connectors/pglite/pglite-database.js';
import type { Database } from '../connectors/database.js';
import { acquireProjectLock } from './project-lock.js';
import type { ProjectLayout } from './project-layout.js';
import { reviewSchemaSql } from './review-schema.js';
import { storeSchemaSql } from './store-schema.js';

/** The project's state, open and locked for one command. */
export interface ProjectStore {
  readonly layout: ProjectLayout;
  /** The embedded database: the store's schema `cutover`, and embedded environments. */
  readonly db: Database;
  close(): Promise<void>;
}

/** Locks the project and opens its embedded database, creating the store's tables when new. */
export async function openProjectStore(layout: ProjectLayout, command: string, now: Date): Promise<ProjectStore> {
  mkdirSync(layout.stateDir, { recursive: true });
  const lock = acquireProjectLock(layout.lockFile, command, now);
  try {
    const db = await openPgliteDatabase(layout.databaseDir, 'the embedded database');
    await db.exec(storeSchemaSql);
    await db.exec(reviewSchemaSql);
    return {
      layout,
      db,
      async close() {
        try {
          await db.close();
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
