import { CutoverError } from '../../core/cutover-error.js';

const maxListed = 30;

/** The error for a server that could not be reached or refused the login; never shows the URL. */
export function sourceUnreachable(label: string, cause: unknown): CutoverError {
  const error = cause as { code?: string; syscall?: string; severity?: string; message?: string };
  // a severity means the server itself answered (bad user, database or password)
  if (error.severity || /password/i.test(error.message ?? '')) {
    return new CutoverError(
      'source_refused',
      `${label} refused the connection (${error.message}). Check the user, the password variable and the database in cutover.yaml.`,
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

/** The error for a URL that cannot be parsed; it is not repeated, as it may hold a password. */
export function urlUnreadable(): CutoverError {
  return new CutoverError(
    'source_url',
    'The PostgreSQL URL could not be read. Write it as postgres://user@host:5432/database, with any special character in the password percent-encoded.',
  );
}

/** The error for a schema that is not in the database, listing the schemas that are. */
export function schemaMissing(label: string, schema: string, existing: readonly string[]): CutoverError {
  return new CutoverError(
    'schema_missing',
    `Schema "${schema}" was not found on ${label}. ${listed('schemas', existing)} Check the table name in cutover.yaml (write schema.table).`,
  );
}

/** The error for a table that is not in its schema, listing the tables that are. */
export function tableMissing(label: string, schema: string, table: string, existing: readonly string[]): CutoverError {
  return new CutoverError(
    'table_missing',
    `Table "${table}" was not found in schema ${schema} on ${label}. ${listed('tables', existing)} Check the table name in cutover.yaml.`,
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
  const error = cause as { code?: string; message?: string };
  return new CutoverError(
    'source_read_failed',
    `Reading table "${table}" from ${label} failed (${error.message ?? error.code}). Check the server and run again.`,
    { cause },
  );
}

function listed(kind: string, names: readonly string[]): string {
  if (names.length === 0) return `It has no ${kind}.`;
  const more = names.length > maxListed ? ` and ${names.length - maxListed} more` : '';
  return `Its ${kind} are: ${names.slice(0, maxListed).join(', ')}${more}.`;
}
