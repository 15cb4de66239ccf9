/** Joins the parts of a composite key; a unit separator never occurs in real data. */
export const KEY_SEPARATOR = '\u001f';

/** Builds a row's source key from the key columns: trimmed, null when any part is blank. */
export function compileSourceKey(indexes: readonly number[]): (values: readonly (string | null)[]) => string | null {
  const [only] = indexes;
  if (indexes.length === 1 && only !== undefined) {
    return (values) => {
      const value = values[only]?.trim();
      return value === undefined || value === '' ? null : value;
    };
  }
  return (values) => {
    let key = '';
    for (let part = 0; part < indexes.length; part += 1) {
      const value = values[indexes[part] as number]?.trim();
      if (value === undefined || value === '') return null;
      key = part === 0 ? value : `${key}${KEY_SEPARATOR}${value}`;
    }
    return key;
  };
}

/**
 * A source key as people read it: composite parts joined by " / ".
 * @example displayKey('P0001\u001fAPP') // 'P0001 / APP'
 */
export function displayKey(key: string): string {
  return key.split(KEY_SEPARATOR).join(' / ');
}

/**
 * The mapped values a row merges on (`merge: { on: [...] }`), joined; null when there is
 * no merge rule or one of them is blank, so such a row merges with nothing.
 */
export function mergeKeyOf(values: readonly (string | null)[], indexes: readonly number[]): string | null {
  if (indexes.length === 0) return null;
  // built as it goes: this runs for every mapped row
  let key = '';
  for (let i = 0; i < indexes.length; i++) {
    const value = values[indexes[i]!];
    if (value === null || value === undefined) return null;
    key = i === 0 ? value : `${key}${KEY_SEPARATOR}${value}`;
  }
  return key;
}
