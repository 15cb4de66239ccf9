import { CutoverError } from '../../core/cutover-error.js';

const checkPath = 'Check the path in the database URL in cutover.yaml (sqlite:PATH).';

/** The error for a database file that is not there; nothing is created in its place. */
export function fileMissing(path: string, cause?: unknown): CutoverError {
  return new CutoverError('file_missing', `The SQLite file ${path} was not found. ${checkPath}`, { where: { file: path }, cause });
}

/** The error for a path that names a folder, or a file this user may not read. */
export function fileUnreadable(path: string, reason: string, cause?: unknown): CutoverError {
  return new CutoverError(
    'file_unreadable',
    `The SQLite file ${path} could not be read (${reason}). ${checkPath}`,
    { where: { file: path }, cause },
  );
}

/** The error for a file that exists but is not an SQLite database. */
export function notSqlite(path: string, cause?: unknown): CutoverError {
  return new CutoverError(
    'file_not_sqlite',
    `${path} is not an SQLite database (it does not start with the SQLite header). Check that the path names the database file and not an export of it.`,
    { where: { file: path }, cause },
  );
}

