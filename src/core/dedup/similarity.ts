// the string measures come from talisman, a well-kept record-linkage library; this file is
// the one place that knows it
import talismanDoubleMetaphone from 'talisman/phonetics/double-metaphone.js';
import talismanJaroWinkler from 'talisman/metrics/jaro-winkler.js';

/** Jaro-Winkler similarity, 0 (nothing alike) to 1 (the same). */
export function jaroWinkler(a: string, b: string): number {
  return talismanJaroWinkler(a, b);
}

/**
 * The Double Metaphone primary code of a name key (its words run together), or null for
 * a name with no sounding letters.
 * @example soundKey('smyth') === soundKey('smith') // both 'SM0'
 */
export function soundKey(name: string): string | null {
  const [primary] = talismanDoubleMetaphone(name.replace(/ /g, ''));
  return primary === '' ? null : primary;
}
