/** Orders source keys by UTF-16 code units: the one order both the sort and the merge use. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
