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
