/**
 * One record read from a source, before any rule touches it. `line` is the 1-based
 * physical line where the record starts in its file (the header is line 1), or the
 * row's ordinal for a database table. Empty fields are '' from files, null from databases.
 */
export interface SourceRow {
  readonly values: readonly (string | null)[];
  readonly line: number;
}
