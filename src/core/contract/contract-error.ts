import { CutoverError } from '../cutover-error.js';

/** One problem in a contract file, at the place it is written. */
export interface ContractProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** What is wrong and what to write instead, without the position. */
  readonly message: string;
}

/** Every problem found in a contract, thrown once; the message lists one problem per line. */
export class ContractError extends CutoverError {
  readonly problems: readonly ContractProblem[];

  constructor(problems: readonly ContractProblem[]) {
    const first = problems[0];
    const lines = problems.map((p) => `${p.file} line ${p.line} column ${p.column}: ${p.message}`);
    super('contract_invalid', lines.join('\n'), {
      where: first === undefined ? undefined : { file: first.file, line: first.line, column: first.column },
    });
    this.problems = Object.freeze([...problems]);
  }
}
