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

  /** The index of the first of `names` the source has, or -1. */
  find(names: readonly string[]): number {
    for (const name of names) {
      const index = this.indexes.get(name);
      if (index !== undefined) return index;
    }
    return -1;
  }

  /**
   * The index of `column`, else of the first of its `aliases` the source has, or -1 after
   * recording a problem at `where` that names every name tried.
   */
  index(column: string, where: SpecLocation, aliases: readonly string[] = []): number {
    const names = [column, ...aliases];
    const found = this.find(names);
    if (found >= 0) return found;
    const suggestion = names.map((name) => closestName(name, this.columns)).find((name) => name !== undefined);
    const list = `(its columns are: ${this.columns.join(', ')}).`;
    this.problems.push({
      code: 'unknown_column',
      file: where.file,
      line: where.line,
      column: where.column,
      message:
        (aliases.length === 0
          ? `column "${column}" is not in ${this.sourceName} ${list}`
          : `none of the names ${names.map((name) => `"${name}"`).join(', ')} is a column of ${this.sourceName} ${list}`) +
        (suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`) +
        (aliases.length === 0 ? '' : ' Add the name this file uses to the list.'),
    });
    return -1;
  }
}
