import { CutoverError, type Location } from '../core/cutover-error.js';

// `label` names a database for people: "PostgreSQL at db:5432/crm", "the SQLite file /data/crm.db"

const maxListed = 30;

/**
 * Names what a database holds, at most 30 of them.
 * @example listNames('tables', ['diary', 'people']) // 'Its tables are: diary, people.'
 */
export function listNames(kind: string, names: readonly string[]): string {
  if (names.length === 0) return `It has no ${kind}.`;
  const more = names.length > maxListed ? ` and ${names.length - maxListed} more` : '';
  return `Its ${kind} are: ${names.slice(0, maxListed).join(', ')}${more}.`;
}

/**
 * The error for a table that is not there, listing the tables that are; `place` is where
 * it was looked for: "database crm on MariaDB/MySQL at db:3306", "the SQLite file /data/crm.db".
 */
export function tableMissing(place: string, table: string, existing: readonly string[], where?: Location): CutoverError {
  return new CutoverError(
    'table_missing',
    `Table "${table}" was not found in ${place}. ${listNames('tables', existing)} Check the table name in cutover.yaml.`,
    { where },
  );
}

/** The error for an order-by column the table does not have. */
export function columnMissing(table: string, column: string, existing: readonly string[]): CutoverError {
  return new CutoverError(
    'column_missing',
    `Table "${table}" has no column "${column}" to order by. Its columns are: ${existing.join(', ')}. Check orderBy in cutover.yaml.`,
  );
}

/** The error for a failure while reading rows, naming the table and the database. */
export function readFailed(label: string, table: string, cause: unknown, where?: Location): CutoverError {
  const error = cause as { code?: string; message?: string };
  return new CutoverError(
    'source_read_failed',
    `Reading table "${table}" from ${label} failed (${error.message || error.code || String(cause)}). Check the database and run again.`,
    { where, cause },
  );
}

/** The error for a database server that did not answer; `label` never shows the URL, which may hold a password. */
export function sourceUnreachable(label: string, cause: unknown): CutoverError {
  const error = cause as { code?: string; syscall?: string; message?: string };
  const reason = error.syscall && error.code ? `${error.syscall} ${error.code}` : (error.code ?? error.message ?? String(cause));
  return new CutoverError(
    'source_unreachable',
    `${label} did not answer (${reason}). Check that the server is running and the URL in cutover.yaml.`,
    { cause },
  );
}

/** The error a read meets once its table source is closed. */
export function sourceClosed(table: string): Error {
  return new Error(`The source for table "${table}" was closed.`);
}
