/**
 * A count with its noun agreeing: `1 row`, `2 rows`, `1,234 rows`; the plural is the noun
 * with an s unless given.
 * @example countWords(1, 'query', 'queries') // '1 query'
 */
export function countWords(count: number, noun: string, plural = `${noun}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? noun : plural}`;
}
