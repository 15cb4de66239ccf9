import { CutoverError } from '../../core/cutover-error.js';
import type { UnclosedQuote } from './csv-parser.js';

const checkName = 'Check the file name in cutover.yaml or the delivery folder.';

/** The error for a file system failure while opening or reading `path`. */
export function fileError(name: string, path: string, cause: unknown): CutoverError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const where = { file: name };
  if (code === 'ENOENT') {
    return new CutoverError('file_missing', `${name} was not found at ${path}. ${checkName}`, { where, cause });
  }
  if (code === 'EISDIR') return fileIsFolder(name, path);
  return new CutoverError(
    'file_unreadable',
    `${name} at ${path} could not be read (${code ?? (cause as Error).message}). Check that the file exists and that this user may read it.`,
    { where, cause },
  );
}

/** The error for a path that names a folder instead of a file. */
export function fileIsFolder(name: string, path: string): CutoverError {
  return new CutoverError('file_unreadable', `${name} at ${path} is a folder, not a file. ${checkName}`, {
    where: { file: name },
  });
}

/** The error for a file with no header line: empty, only blank lines, or only a BOM. */
export function fileEmpty(name: string, path: string): CutoverError {
  return new CutoverError(
    'file_empty',
    `${name} at ${path} is empty: it has no header line. Ask for the file again, with the column names on its first line.`,
    { where: { file: name } },
  );
}

/** The error for a quoted field still open when the file ends. */
export function unclosedQuote(name: string, at: UnclosedQuote): CutoverError {
  return new CutoverError(
    'csv_malformed',
    `${name} line ${at.line}: the quoted value in column ${at.field} opens here and is never closed, so the rest of the file would be read as one value. Fix the stray quote near line ${at.line} or export the file again.`,
    { where: { file: name, line: at.line, column: at.field } },
  );
}

/** The error for a header with blank or repeated column names; `problems` are already worded. */
export function badHeader(name: string, line: number, problems: readonly string[]): CutoverError {
  return new CutoverError(
    'csv_header',
    `${name} line ${line} is not a usable header: ${problems.join('; ')}. Give every column a distinct name on the first line of the file.`,
    { where: { file: name, line } },
  );
}

/** The error for a record longer than the reader holds: a line without end, or a quote never closed. */
export function lineTooLong(name: string, line: number, maxChars: number): CutoverError {
  const size = maxChars >= 1024 * 1024 ? `${Math.round(maxChars / (1024 * 1024))} MB` : `${Math.round(maxChars / 1024)} KB`;
  return new CutoverError(
    'line_too_long',
    `${name} line ${line} is longer than ${size} and Cutover stopped reading there. The line has no end, or a quote on it is never closed, so the rest of the file runs into it. Check that the file is really a CSV export, fix the stray quote near line ${line}, or export the file again.`,
    { where: { file: name, line } },
  );
}

/** The error for a file meant to be text whose first bytes are not: a workbook, a PDF, random bytes, or UTF-16 without its mark. */
export function notText(name: string, kind: string, utf16: 'utf-16le' | 'utf-16be' | undefined): CutoverError {
  const advice = utf16 === undefined
    ? 'Ask for the file again, exported as CSV'
    : `If it is, set "encoding: ${utf16}" for it in cutover.yaml; or ask for the file again, exported as CSV in UTF-8`;
  return new CutoverError('file_binary', `${name} is not a text file: its first bytes are those of ${kind}. ${advice}`, { where: { file: name } });
}
