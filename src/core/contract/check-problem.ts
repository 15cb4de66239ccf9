import type { Severity } from './contract-model.js';

/** The closed set of things `check` finds in a delivery. */
export type CheckCode =
  // the file as a whole
  | 'file_missing'
  | 'file_unexpected'
  | 'file_unreadable'
  | 'file_binary'
  | 'file_no_rows'
  | 'encoding_unexpected'
  // the header
  | 'column_missing'
  | 'column_renamed'
  | 'column_unexpected'
  | 'column_order'
  // a row
  | 'ragged_row'
  | 'encoding_invalid'
  | 'encoding_mixed'
  | 'control_characters'
  // a value
  | 'value_blank'
  | 'date_impossible'
  | 'date_format'
  | 'time_impossible'
  | 'time_format'
  | 'number_format'
  | 'money_format'
  | 'email_invalid'
  | 'phone_invalid'
  | 'postcode_invalid'
  | 'value_not_allowed'
  | 'value_pattern'
  | 'value_too_long'
  // keys and references
  | 'key_blank'
  | 'key_duplicate'
  | 'reference_missing'
  | 'reference_unchecked'
  // what the file readers report when they cannot go on
  | 'file_empty'
  | 'csv_header'
  | 'csv_malformed'
  | 'line_too_long'
  | 'json_malformed'
  | 'xlsx_malformed';

/**
 * One problem of a delivery: where it is (file, line, column name) and a sentence a
 * customer's office manager understands. `line` is null for the file as a whole.
 */
export interface CheckProblem {
  readonly file: string;
  readonly line: number | null;
  readonly column: string | null;
  readonly code: CheckCode | string;
  readonly severity: Severity;
  readonly message: string;
}

/** `tenancies.csv line 4,812, column StartDate: the tenancy start date "31/02/2021" is not a real date` */
export function describeProblem(problem: CheckProblem): string {
  const line = problem.line === null ? '' : ` line ${problem.line.toLocaleString('en-GB')}`;
  const column = problem.column === null ? '' : `, column ${problem.column}`;
  return `${problem.file}${line}${column}: ${problem.message}`;
}

const kindNames: Readonly<Record<string, string>> = {
  file_missing: 'file not delivered',
  file_unexpected: 'file not in the contract',
  file_unreadable: 'file cannot be read',
  file_binary: 'not a text file',
  file_no_rows: 'no rows below the header',
  file_empty: 'empty file',
  encoding_unexpected: 'not in the agreed text encoding',
  column_missing: 'column missing',
  column_renamed: 'column renamed',
  column_unexpected: 'column not in the contract',
  column_order: 'columns out of order',
  ragged_row: 'rows with too many or too few values',
  encoding_invalid: 'characters that are not valid text',
  encoding_mixed: 'text encodings mixed in one file',
  control_characters: 'control characters in text',
  value_blank: 'required values left empty',
  date_impossible: 'dates that do not exist',
  date_format: 'dates not written as agreed',
  time_impossible: 'times that do not exist',
  time_format: 'times not written as agreed',
  number_format: 'numbers not written as agreed',
  money_format: 'amounts not written as agreed',
  email_invalid: 'e-mail addresses that are not valid',
  phone_invalid: 'phone numbers that are not valid',
  postcode_invalid: 'postcodes that are not valid',
  value_not_allowed: 'values outside the agreed list',
  value_pattern: 'values not in the agreed form',
  value_too_long: 'values longer than agreed',
  key_blank: 'rows without their key',
  key_duplicate: 'keys used twice',
  reference_missing: 'references to rows that do not exist',
  reference_unchecked: 'references not checked',
  csv_header: 'header not usable',
  csv_malformed: 'quotes never closed',
  line_too_long: 'lines too long to read',
};

/** A kind of problem in plain words, for summaries: `date_impossible` → `dates that do not exist`. */
export function problemKindName(code: string): string {
  return kindNames[code] ?? code.replaceAll('_', ' ');
}
