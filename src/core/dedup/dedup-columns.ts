import { didYouMean } from '../spec/closest-name.js';
import { SpecError, type SpecProblem } from '../spec/spec-error.js';
import type { DedupSpec } from './dedup-spec.js';

/**
 * The index in `header` of each comparison's column; a column the delivered file does
 * not have is a spec error at the line that names it.
 */
export function dedupColumnIndexes(spec: DedupSpec, entity: string, file: string, header: readonly string[]): number[] {
  const problems: SpecProblem[] = [];
  const indexes = spec.compare.map((c) => {
    const index = header.indexOf(c.column);
    if (index < 0) {
      problems.push({
        code: 'unknown_column',
        file: c.where.file,
        line: c.where.line,
        column: c.where.column,
        message: `comparison "${c.name}" of the dedup section of entity "${entity}" compares column "${c.column}", which ${file} does not have.${didYouMean(c.column, header)} Its columns are: ${header.join(', ')}`,
      });
    }
    return index;
  });
  if (problems.length > 0) throw new SpecError(problems);
  return indexes;
}
