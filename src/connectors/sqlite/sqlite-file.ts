import { statSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { fileMissing, fileUnreadable, notSqlite } from './sqlite-errors.js';

/** The better-sqlite3 constructor, loaded when a source is opened. */
export type SqliteDriver = typeof BetterSqlite3;
/** One open connection to an SQLite file. */
export type SqliteConnection = BetterSqlite3.Database;

/** How messages name an SQLite file: "the SQLite file /data/crm.db". */
export function describeSqliteFile(path: string): string {
  return `the SQLite file ${path}`;
}

/** Loads better-sqlite3 (a native module) only when an SQLite source is opened. */
export async function loadSqliteDriver(): Promise<SqliteDriver> {
  const { default: driver } = await import('better-sqlite3');
  return driver;
}

/**
 * Opens an existing SQLite file read-only and checks that it is a database; fails with
 * a CutoverError naming the path, and never creates an empty database in its place.
 */
export function openSqliteFile(driver: SqliteDriver, path: string): SqliteConnection {
  checkFile(path);
  let db: SqliteConnection;
  try {
    db = new driver(path, { readonly: true, fileMustExist: true });
  } catch (cause) {
    throw explainOpenError(path, cause);
  }
  try {
    // the header is only read on the first statement
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (cause) {
    db.close();
    throw explainOpenError(path, cause);
  }
  return db;
}

/** Turns a driver error met while opening into the file error users can act on. */
export function explainOpenError(path: string, cause: unknown): Error {
  const code = (cause as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB') return notSqlite(path, cause);
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_PERM')) {
    return fileUnreadable(path, (cause as Error).message, cause);
  }
  return cause instanceof Error ? cause : new Error(String(cause));
}

function checkFile(path: string): void {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw fileMissing(path, cause);
    throw fileUnreadable(path, code ?? (cause as Error).message, cause);
  }
  if (!isFile) throw fileUnreadable(path, 'it is a folder');
}
