import { CutoverError } from '../../core/cutover-error.js';
import { listNames, sourceUnreachable } from '../table-source-errors.js';

/** The error for a server that could not be reached or refused the login; never shows the URL. */
export function connectionFailed(label: string, cause: unknown): CutoverError {
  const error = cause as { severity?: string; message?: string };
  // a severity means the server itself answered (bad user, database or password)
  if (!error.severity && !/password/i.test(error.message ?? '')) return sourceUnreachable(label, cause);
  return new CutoverError(
    'source_refused',
    `${label} refused the connection (${error.message}). Check the user, the password variable and the database in cutover.yaml.`,
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
    `Schema "${schema}" was not found on ${label}. ${listNames('schemas', existing)} Check the table name in cutover.yaml (write schema.table).`,
  );
}
