import type { PGlite, Transaction } from '@electric-sql/pglite';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { copyStatement, type Database, type QualifiedName, type SqlValue } from '../database.js';
import { keepTextParsers } from '../type-parsers.js';

type Session = Pick<PGlite, 'query' | 'exec'> | Transaction;

/**
 * PostgreSQL's buffer pool, touched whole when the database starts: at the default 128 MB
 * every command that opens the store paid about 330 MB of memory, at 32 MB about 250 MB,
 * and a run of 100,000 rows took the same CPU time (the operating system caches the files).
 */
const sharedBuffers = '32MB';

/** Opens (creating when absent) an embedded PostgreSQL in `dataDir`. */
export async function openPgliteDatabase(dataDir: string, label = `embedded database (${dataDir})`): Promise<Database> {
  // heavy module: loaded only when the embedded database is used
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = await PGlite.create({ dataDir, parsers: keepTextParsers, startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffers}`] });
  return wrap(pg, label, async () => pg.close(), (work) => pg.transaction(work));
}

/** The installed PGlite's version, read from its package without loading it. */
export function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const manifest = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

function wrap(
  session: Session,
  label: string,
  close: () => Promise<void>,
  begin: (<T>(work: (tx: Transaction) => Promise<T>) => Promise<T>) | undefined,
): Database {
  const db: Database = {
    label,
    async query<T extends object>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
      const result = await session.query<T>(sql, [...params]);
      return result.rows;
    },
    async exec(sql: string): Promise<void> {
      await session.exec(sql);
    },
    async copyIn(table: QualifiedName, columns: readonly string[], text: string): Promise<void> {
      if (text.length === 0) return;
      await session.query(copyStatement(table, columns, `'/dev/blob'`), [], { blob: new Blob([text]) });
    },
    async transaction<T>(work: (inner: Database) => Promise<T>): Promise<T> {
      // PGlite has no nested transactions: inside one, work runs in the same transaction
      if (!begin) return work(db);
      return begin((tx) => work(wrap(tx, label, async () => {}, undefined)));
    },
    close,
  };
  return db;
}
