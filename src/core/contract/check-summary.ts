import type { CheckCode } from './check-problem.js';
import type { Severity } from './contract-model.js';

/** Counts for one file. */
export interface FileSummary {
  readonly file: string;
  readonly rows: number;
  readonly errors: number;
  readonly warnings: number;
}

/** Counts for one kind of problem in one file. */
export interface KindSummary {
  readonly file: string;
  readonly code: CheckCode;
  readonly severity: Severity;
  readonly count: number;
}

/** What a check found, in counts; the problems themselves went to `onProblem`. */
export interface CheckSummary {
  readonly files: readonly FileSummary[];
  readonly kinds: readonly KindSummary[];
  readonly rows: number;
  readonly errors: number;
  readonly warnings: number;
  /** no errors: the delivery can be mapped, warnings or not */
  readonly acceptable: boolean;
}
