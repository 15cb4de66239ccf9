import { CutoverError } from '../core/cutover-error.js';
import { maskUrl } from '../core/url-mask.js';
import type { Database } from './database.js';

/**
 * Opens a database by its address: a `postgres://` (or `postgresql://`) URL for a real
 * server, anything else is the data directory of an embedded PGlite database.
 */
export async function openDatabase(address: string): Promise<Database> {
  if (isPostgresUrl(checkDatabaseAddress(address))) {
    const { openPostgresDatabase } = await import('./postgres-target/postgres-database.js');
    return openPostgresDatabase(address);
  }
  const { openPgliteDatabase } = await import('./pglite/pglite-database.js');
  return openPgliteDatabase(address, `embedded database (${maskUrl(address)})`);
}

function isPostgresUrl(address: string): boolean {
  return /^postgres(ql)?:\/\//.test(address);
}

/** Returns the address when Cutover can load it; a URL of another kind is refused with a clear message. */
export function checkDatabaseAddress(address: string): string {
  if (!isPostgresUrl(address) && /^[a-z][a-z0-9+.-]*:\/\//i.test(address)) {
    throw new CutoverError(
      'target_url',
      `"${maskUrl(address)}" is not a target Cutover can load: use a postgres:// URL, or leave --target out for the embedded database.`,
    );
  }
  return address;
}
