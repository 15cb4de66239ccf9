import { CutoverError } from '../core/cutover-error.js';
import { maskUrl } from '../core/url-mask.js';
import type { Database } from './database.js';

/**
 * Opens a database by its address: a `postgres://` (or `postgresql://`) URL for a real
 * server, a path without a scheme the data directory of an embedded PGlite database.
 */
export async function openDatabase(address: string): Promise<Database> {
  if (isPostgresUrl(address)) {
    const { openPostgresDatabase } = await import('./postgres-target/postgres-database.js');
    return openPostgresDatabase(address);
  }
  // a URL of another kind, or a mistyped one, must not become a folder named after it
  if (/^[a-z][a-z0-9+.-]*:/i.test(address)) throw notATarget(address);
  const { openPgliteDatabase } = await import('./pglite/pglite-database.js');
  return openPgliteDatabase(address);
}

function isPostgresUrl(address: string): boolean {
  return /^postgres(ql)?:\/\/[^/]/i.test(address);
}

function notATarget(address: string): CutoverError {
  return new CutoverError(
    'target_url',
    `"${maskUrl(address)}" is not a target Cutover can load. A target is named by a PostgreSQL URL, postgres://user@host:5432/database or postgresql://user@host:5432/database; ` +
      'for the embedded database leave --target out and use an environment with "database: embedded".',
  );
}

/**
 * Returns the address when it is a PostgreSQL URL, the only target named by address;
 * anything else is refused with the forms accepted, its password masked.
 */
export function checkDatabaseAddress(address: string): string {
  if (!isPostgresUrl(address)) throw notATarget(address);
  return address;
}
