import { CutoverError } from '../../core/cutover-error.js';
import { sourceUnreachable } from '../table-source-errors.js';

/** The error for a server that could not be reached or refused the login; never shows the URL. */
export function connectionFailed(label: string, cause: unknown): CutoverError {
  const error = cause as { sqlMessage?: string };
  // a sqlMessage means the server itself answered (bad user, password or database)
  if (!error.sqlMessage) return sourceUnreachable(label, cause);
  return new CutoverError(
    'source_refused',
    `${label} refused the connection (${error.sqlMessage}). Check the user, the password variable and the database in cutover.yaml.`,
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
