/** Edits (insert, delete, change, swap two neighbours) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i += 1) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j += 1) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const previous = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/**
 * The candidate a typo most likely meant, or undefined when none is close.
 * @example closestName('tabel', ['source', 'table']) // 'table'
 */
export function closestName(input: string, candidates: Iterable<string>): string | undefined {
  const wanted = input.toLowerCase();
  // about one slip per three letters, and at least one
  let bestDistance = Math.max(1, Math.floor(wanted.length / 3)) + 1;
  let best: string | undefined;
  for (const candidate of candidates) {
    if (candidate === input) continue;
    const distance = candidate.toLowerCase() === wanted ? 0 : editDistance(wanted, candidate.toLowerCase());
    // a name that shares nothing with the input is no suggestion
    if (distance < bestDistance && distance < wanted.length) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best;
}

/** ` Did you mean "x"?` when a candidate is close, else ''. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const suggestion = closestName(input, candidates);
  return suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
}
