import { CutoverError } from '../../core/cutover-error.js';
import type { JsonProblem } from './json-parser.js';

/** The error for JSON that is broken or not an array of records, at the line and column found. */
export function jsonProblem(name: string, path: string, problem: JsonProblem): CutoverError {
  const { line, column } = problem;
  if (problem.kind === 'empty') return fileEmpty(name, path);
  const advice = problem.kind === 'syntax' ? '. Correct the JSON there or export the file again.' : '.';
  return new CutoverError(
    problem.kind === 'syntax' ? 'json_syntax' : 'json_shape',
    `${name} line ${line} column ${column}: ${problem.message}${advice}`,
    { where: { file: name, line, column }, cause: problem },
  );
}

/** The error for a file with no records at all: empty or only white space. */
export function fileEmpty(name: string, path: string): CutoverError {
  return new CutoverError('file_empty', `${name} at ${path} is empty: it holds no records. Ask for the file again.`, {
    where: { file: name },
  });
}

/** The error for bytes that are not UTF-8, which JSON must be. */
export function notUtf8(name: string, line: number, column: number): CutoverError {
  return new CutoverError(
    'json_encoding',
    `${name} line ${line} column ${column} is not valid UTF-8: the file was probably saved in another encoding (such as Windows-1252). Export it again as UTF-8.`,
    { where: { file: name, line, column } },
  );
}

/** The error for records whose keys never stop growing: keys that are data, not field names. */
export function tooManyKeys(name: string, line: number, limit: number): CutoverError {
  return new CutoverError(
    'json_shape',
    `${name} line ${line}: the records use more than ${limit} different keys, so the keys probably hold data (such as ids or dates) rather than field names. Deliver one object per record, with the same field names in every record.`,
    { where: { file: name, line } },
  );
}

/** The error for a key met on a later read that the first read did not see. */
export function fileChanged(name: string, line: number, key: string): CutoverError {
  return new CutoverError(
    'file_changed',
    `${name} line ${line}: the record has the key "${key}", which the file did not have when it was opened, so the file changed while Cutover read it. Read it again once nothing is writing to it.`,
    { where: { file: name, line } },
  );
}

/** The error for one record longer than the reader holds: a line that never ends, or a brace never closed. */
export function recordTooLong(name: string, line: number, maxChars: number): CutoverError {
  const size = `${Math.round(maxChars / (1024 * 1024))} MB`;
  return new CutoverError(
    'line_too_long',
    `${name}: the record starting on line ${line} is longer than ${size} and Cutover stopped reading there. A record that large is not a person, a property or an order: the line has no end, or a brace or quote on it is never closed. Check the file near line ${line}, or export it again with one record per line.`,
    { where: { file: name, line } },
  );
}
