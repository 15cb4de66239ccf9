/**
 * Orders source keys shorter first, then by UTF-16 code units: the one order the sort,
 * the merge and the check for tables already in order share. Whole numbers without
 * leading zeros come in numeric order (9 before 10), and so do codes whose digits grow
 * (T999999 before T1000000), so a table read by its key is usually in it already.
 */
export function compareKeys(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when key `a` comes before key `b` (see compareKeys). */
export function keyBefore(a: string, b: string): boolean {
  return a.length < b.length || (a.length === b.length && a < b);
}
