import { CutoverError } from '../../core/cutover-error.js';

const maxListed = 30;
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

/** The error for a table that is not in the file, listing the tables that are. */
export function tableMissing(path: string, table: string, existing: readonly string[]): CutoverError {
  const listed = existing.slice(0, maxListed).join(', ');
  const more = existing.length > maxListed ? ` and ${existing.length - maxListed} more` : '';
  const there = existing.length === 0 ? 'It has no tables.' : `Its tables are: ${listed}${more}.`;
  return new CutoverError(
    'table_missing',
    `Table "${table}" was not found in the SQLite file ${path}. ${there} Check the table name in cutover.yaml.`,
    { where: { file: path } },
  );
}

/** The error for an order-by column the table does not have. */
export function columnMissing(table: string, column: string, existing: readonly string[]): CutoverError {
  return new CutoverError(
    'column_missing',
    `Table "${table}" has no column "${column}" to order by. Its columns are: ${existing.join(', ')}. Check orderBy in cutover.yaml.`,
  );
}

/** The error for a failure while reading rows, naming the table and the file. */
export function readFailed(path: string, table: string, cause: unknown): CutoverError {
  const error = cause as { code?: string; message?: string };
  return new CutoverError(
    'source_read_failed',
    `Reading table "${table}" from the SQLite file ${path} failed (${error.message ?? error.code}). Check the file and run again.`,
    { where: { file: path }, cause },
  );
}
