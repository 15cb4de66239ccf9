/** The parts of a person's full name; a part that is not written is null. */
export interface PersonName {
  readonly title: string | null;
  readonly first: string | null;
  readonly middle: string | null;
  readonly last: string | null;
}

const TITLES = new Set([
  'mr', 'mrs', 'miss', 'ms', 'mx', 'master', 'dr', 'doctor', 'prof', 'professor', 'rev', 'revd', 'reverend',
  'fr', 'father', 'sir', 'dame', 'lady', 'lord', 'capt', 'captain', 'major', 'col', 'cllr', 'hon', 'rt',
]);
// words that belong to the surname that follows them: "van Dyke", "de la Cruz"
const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'del', 'della', 'di', 'da', 'das', 'dos', 'du', 'la', 'le', 'st', 'st.', 'ter', 'ten', 'bin', 'ibn', 'al', 'ap']);
const SUFFIXES = new Set(['jr', 'jnr', 'sr', 'snr', 'ii', 'iii', 'iv']);

const bare = (word: string): string => word.toLowerCase().replace(/\.$/, '');
const isTitle = (word: string): boolean => TITLES.has(bare(word));
const isSuffix = (word: string): boolean => SUFFIXES.has(bare(word));
const joined = (words: readonly string[]): string | null => (words.length === 0 ? null : words.join(' '));

/** Leading titles, written without their full stops: "Dr. Prof. Jane" gives "Dr Prof". */
function takeTitles(words: string[]): string | null {
  const titles: string[] = [];
  // a name that is only titles keeps its last word as the name ("Mr Lord")
  while (words.length > 1 && isTitle(words[0] as string)) titles.push((words.shift() as string).replace(/\.$/, ''));
  if (words.length === 1 && titles.length === 0 && isTitle(words[0] as string)) titles.push((words.shift() as string).replace(/\.$/, ''));
  return joined(titles);
}

/**
 * Splits a full name into title, first, middle and last names. It reads "Mr John A. Smith",
 * "Smith, John" and "Dr Jane van der Berg"; a single word is taken as the last name, and
 * Jr, Snr, III and the like stay with the last name.
 * @example splitName('Mr John A. Smith') // { title: 'Mr', first: 'John', middle: 'A.', last: 'Smith' }
 */
export function splitName(full: string): PersonName {
  const text = full.replace(/\s+/g, ' ').trim();
  const comma = text.indexOf(',');
  const after = comma < 0 ? '' : text.slice(comma + 1).trim();
  if (comma >= 0 && after !== '' && !after.split(' ').every(isSuffix)) {
    // "Smith, Mr John A."
    const last = text.slice(0, comma).trim();
    const words = after.split(' ');
    const title = takeTitles(words);
    return { title, first: words[0] ?? null, middle: joined(words.slice(1)), last: last === '' ? null : last };
  }
  const words = text.replace(/,/g, ' ').split(' ').filter((word) => word !== '');
  const title = takeTitles(words);
  const suffixes: string[] = [];
  while (words.length > 1 && isSuffix(words[words.length - 1] as string)) suffixes.unshift(words.pop() as string);
  if (words.length <= 1) return { title, first: null, middle: null, last: joined([...words, ...suffixes]) };
  let start = words.length - 1;
  while (start > 1 && PARTICLES.has((words[start - 1] as string).toLowerCase())) start -= 1;
  return {
    title,
    first: words[0] as string,
    middle: joined(words.slice(1, start)),
    last: joined([...words.slice(start), ...suffixes]),
  };
}
