/**
 * What is wrong with a header's column names, worded for people: blank names and names
 * used more than once, by 1-based position.
 * @example headerProblems(['id', '', 'id']) // ['column 2 has no name', 'columns 1 and 3 are both named "id"']
 */
export function headerProblems(columns: readonly string[]): string[] {
  const blank: number[] = [];
  const positions = new Map<string, number[]>();
  columns.forEach((column, k) => {
    if (column === '') blank.push(k + 1);
    else positions.set(column, [...(positions.get(column) ?? []), k + 1]);
  });
  const problems: string[] = [];
  if (blank.length === 1) problems.push(`column ${blank[0]} has no name`);
  if (blank.length > 1) problems.push(`columns ${listPositions(blank)} have no name`);
  for (const [column, at] of positions) {
    if (at.length < 2) continue;
    problems.push(`columns ${listPositions(at)} are ${at.length > 2 ? 'all' : 'both'} named "${column}"`);
  }
  return problems;
}

function listPositions(at: readonly number[]): string {
  return `${at.slice(0, -1).join(', ')} and ${at[at.length - 1]}`;
}
