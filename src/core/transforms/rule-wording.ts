// Pieces of the sentences that put rules in plain words, for people who do not read specs.

/**
 * A value inside a sentence: bare when that reads unambiguously, quoted otherwise.
 * @example shownValue(' legacy, crm') // '" legacy, crm"'; shownValue(null) // 'blank'
 */
export function shownValue(value: string | null): string {
  if (value === null) return 'blank';
  return value === '' || /^\s|\s$|[,;"→]/.test(value) ? JSON.stringify(value) : value;
}

/**
 * Items joined for a sentence.
 * @example orList(['a', 'b', 'c']) // 'a, b or c'
 */
export function orList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}
