import { closestName } from '../spec/closest-name.js';
import type { SpecProblem } from '../spec/spec-error.js';
import type { SpecLocation } from '../spec/spec-model.js';

/** Turns column names into indexes once, collecting a problem for each name that is missing. */
export class ColumnBinder {
  readonly problems: SpecProblem[] = [];
  private readonly indexes = new Map<string, number>();

  constructor(
    private readonly columns: readonly string[],
    private readonly sourceName: string,
  ) {
    // with a repeated header the first column of that name wins
    columns.forEach((column, index) => {
      if (!this.indexes.has(column)) this.indexes.set(column, index);
    });
  }

  /** The index of `column`, or -1 after recording a problem at `where`. */
  index(column: string, where: SpecLocation): number {
    const index = this.indexes.get(column);
    if (index !== undefined) return index;
    const suggestion = closestName(column, this.columns);
    this.problems.push({
      code: 'unknown_column',
      file: where.file,
      line: where.line,
      column: where.column,
      message:
        `column "${column}" is not in ${this.sourceName} (its columns are: ${this.columns.join(', ')}).` +
        (suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`),
    });
    return -1;
  }
}
