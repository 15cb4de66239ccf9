import type { Severity } from './contract-model.js';

/**
 * The closed set of things `check` finds in a delivery, each with its name in plain words
 * for summaries. The file readers' codes are here because a reader that stops is a problem
 * of the file, not a failure of the check.
 */
export const checkCodeNames = {
  // the file as a whole
  file_missing: 'file not delivered',
  file_unexpected: 'file not in the contract',
  file_unreadable: 'file cannot be read',
  file_binary: 'not a text file',
  file_no_rows: 'no rows below the header',
  encoding_unexpected: 'not in the agreed text encoding',
  // the header
  column_missing: 'column missing',
  column_renamed: 'column renamed',
  column_unexpected: 'column not in the contract',
  column_order: 'columns out of order',
  // a row
  ragged_row: 'rows with too many or too few values',
  encoding_invalid: 'characters that are not valid text',
  encoding_mixed: 'text encodings mixed in one file',
  control_characters: 'control characters in text',
  // a value
  value_blank: 'required values left empty',
  date_impossible: 'dates that do not exist',
  date_format: 'dates not written as agreed',
  time_impossible: 'times that do not exist',
  time_format: 'times not written as agreed',
  number_format: 'numbers not written as agreed',
  money_format: 'amounts not written as agreed',
  email_invalid: 'e-mail addresses that are not valid',
  email_domain_typo: 'e-mail domains that look mistyped',
  phone_invalid: 'phone numbers that are not valid',
  postcode_invalid: 'postcodes that are not valid',
  value_not_allowed: 'values outside the agreed list',
  value_pattern: 'values not in the agreed form',
  value_too_long: 'values longer than agreed',
  // keys and references
  key_blank: 'rows without their key',
  key_duplicate: 'keys used twice',
  reference_missing: 'references to rows that do not exist',
  reference_unchecked: 'references not checked',
  reference_problem: 'references to rows that have problems of their own',
  // what the file readers report when they cannot go on
  file_kind: 'kind of file Cutover cannot read',
  file_empty: 'empty file',
  file_changed: 'file changed while being read',
  csv_header: 'header not usable',
  csv_malformed: 'quotes never closed',
  line_too_long: 'lines too long to read',
  json_syntax: 'broken JSON',
  json_shape: 'JSON not a list of records',
  json_encoding: 'JSON not saved as UTF-8',
  sheet_missing: 'sheet missing',
  xlsx_header: 'sheet header not usable',
  xlsx_damaged: 'damaged workbook',
  xlsx_too_large: 'workbook too large to read',
} as const satisfies Readonly<Record<string, string>>;

/** A kind of problem `check` finds in a delivery. */
export type CheckCode = keyof typeof checkCodeNames;

/** True when `value`, such as the code of an error a file reader stopped with, is a check code. */
export function isCheckCode(value: string): value is CheckCode {
  return Object.hasOwn(checkCodeNames, value);
}

// problems of a file as a whole or of its header quote file and column names, never a value
const namesOnly = [
  'file_missing', 'file_unexpected', 'file_no_rows', 'encoding_unexpected',
  'column_missing', 'column_renamed', 'column_unexpected', 'column_order',
] as const satisfies readonly CheckCode[];
const aboutNames: ReadonlySet<string> = new Set(namesOnly);

/** True when a problem's message may quote a value of its column, which may be personal. */
export function quotesValues(code: CheckCode): boolean {
  return !aboutNames.has(code);
}

/**
 * One problem of a delivery: where it is (file, line, column name) and a sentence a
 * customer's office manager understands. `line` is null for the file as a whole.
 */
export interface CheckProblem {
  readonly file: string;
  readonly line: number | null;
  readonly column: string | null;
  readonly code: CheckCode;
  readonly severity: Severity;
  readonly message: string;
}

/** `tenancies.csv line 4,812, column StartDate: the tenancy start date "31/02/2021" is not a real date` */
export function describeProblem(problem: CheckProblem): string {
  const line = problem.line === null ? '' : ` line ${problem.line.toLocaleString('en-GB')}`;
  const column = problem.column === null ? '' : `, column ${problem.column}`;
  return `${problem.file}${line}${column}: ${problem.message}`;
}

/** A kind of problem in plain words, for summaries: `date_impossible` → `dates that do not exist`. */
export function problemKindName(code: string): string {
  // summaries carry their code as a plain string
  return isCheckCode(code) ? checkCodeNames[code] : code.replaceAll('_', ' ');
}
