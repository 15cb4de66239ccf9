import { CutoverError } from '../core/cutover-error.js';
import type { Database } from './database.js';

/**
 * Opens a database by its address: a `postgres://` (or `postgresql://`) URL for a real
 * server, anything else is the data directory of an embedded PGlite database.
 */
export async function openDatabase(address: string): Promise<Database> {
  if (/^postgres(ql)?:\/\//.test(address)) {
    const { openPostgresDatabase } = await import('./postgres/postgres-database.js');
    return openPostgresDatabase(address);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(address)) {
    throw new CutoverError(
      'target_url',
      `"${address.replace(/\/\/[^@/]*@/, '//***@')}" is not a target Cutover can load: use a postgres:// URL, or leave --target out for the embedded database.`,
    );
  }
  const { openPgliteDatabase } = await import('./pglite/pglite-database.js');
  return openPgliteDatabase(address);
}
