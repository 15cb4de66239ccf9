import { CutoverError } from '../../core/cutover-error.js';

const maxListed = 30;

/** The error for a server that could not be reached or refused the login; never shows the URL. */
export function sourceUnreachable(label: string, cause: unknown): CutoverError {
  const error = cause as { code?: string; syscall?: string; sqlMessage?: string; message?: string };
  if (error.sqlMessage) {
    return new CutoverError(
      'source_refused',
      `${label} refused the connection (${error.sqlMessage}). Check the user, the password variable and the database in cutover.yaml.`,
      { cause },
    );
  }
  const reason = error.syscall && error.code ? `${error.syscall} ${error.code}` : (error.code ?? error.message ?? String(cause));
  return new CutoverError(
    'source_unreachable',
    `${label} did not answer (${reason}). Check that the server is running and the URL in cutover.yaml.`,
    { cause },
  );
}

/** The error for a URL that names no database. */
export function databaseMissing(label: string): CutoverError {
  return new CutoverError(
    'source_refused',
    `The URL for ${label} names no database. Add it to the URL in cutover.yaml, as in mysql://user@host:3306/crm.`,
  );
}

/** The error for a table that is not in the database, listing the tables that are. */
export function tableMissing(label: string, database: string, table: string, existing: readonly string[]): CutoverError {
  const listed = existing.slice(0, maxListed).join(', ');
  const more = existing.length > maxListed ? ` and ${existing.length - maxListed} more` : '';
  const there = existing.length === 0 ? 'It has no tables.' : `Its tables are: ${listed}${more}.`;
  return new CutoverError(
    'table_missing',
    `Table "${table}" was not found in database ${database} on ${label}. ${there} Check the table name in cutover.yaml.`,
  );
}

/** The error for an order-by column the table does not have. */
export function columnMissing(table: string, column: string, existing: readonly string[]): CutoverError {
  return new CutoverError(
    'column_missing',
    `Table "${table}" has no column "${column}" to order by. Its columns are: ${existing.join(', ')}. Check orderBy in cutover.yaml.`,
  );
}

/** The error for a failure while reading rows, naming the table and the server. */
export function readFailed(label: string, table: string, cause: unknown): CutoverError {
  const error = cause as { sqlMessage?: string; code?: string; message?: string };
  return new CutoverError(
    'source_read_failed',
    `Reading table "${table}" from ${label} failed (${error.sqlMessage ?? error.code ?? error.message}). Check the server and run again.`,
    { cause },
  );
}
