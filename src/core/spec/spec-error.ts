import { CutoverError } from '../cutover-error.js';

/** The closed set of things that can be wrong with a spec. */
export type SpecProblemCode =
  | 'yaml_syntax'
  | 'unknown_key'
  | 'missing_key'
  | 'invalid_value'
  | 'duplicate_name'
  | 'unknown_transform'
  | 'invalid_options'
  | 'unknown_entity'
  | 'unknown_field'
  | 'invalid_regex'
  | 'lookup_cycle'
  | 'unknown_column';

/** One problem in a spec, at the place it is written. */
export interface SpecProblem {
  readonly code: SpecProblemCode;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** What is wrong and what to write instead, without the position. */
  readonly message: string;
}

/** `specs/x.yaml line 42 column 13: unknown transform "datee". ...` */
export function formatProblem(problem: SpecProblem): string {
  return `${problem.file} line ${problem.line} column ${problem.column}: ${problem.message}`;
}

/** Every problem found in a spec, thrown once; the message lists one problem per line. */
export class SpecError extends CutoverError {
  readonly problems: readonly SpecProblem[];

  constructor(problems: readonly SpecProblem[]) {
    const first = problems[0];
    super('spec_invalid', problems.map(formatProblem).join('\n'), {
      where: first === undefined ? undefined : { file: first.file, line: first.line, column: first.column },
    });
    this.problems = Object.freeze([...problems]);
  }
}
