/** A column or table name as words, for comparing names written in different styles. */
export interface NameWords {
  /** the words as written, lower case and singular: `RentPCM` → rent, pcm */
  readonly plain: readonly string[];
  /** the same with synonyms replaced by one word for each idea: `Forename` → first, name */
  readonly words: readonly string[];
}

const irregular: Readonly<Record<string, string>> = { people: 'person', persons: 'person', children: 'child', data: 'data' };

// each phrase on the left, as whole words, means the words on the right
const synonyms: readonly (readonly [readonly string[], string])[] = [
  [['forename', 'forenames', 'firstname', 'given name', 'christian name'], 'first name'],
  [['surname', 'lastname', 'family name'], 'last name'],
  [['post code', 'postal code', 'zip code', 'zip', 'postcode'], 'postcode'],
  [['telephone number', 'telephone', 'phone number', 'phone no', 'tel no', 'tel', 'mobile'], 'phone'],
  [['e mail', 'email address', 'mail'], 'email'],
  [['date of birth', 'dob', 'birthday'], 'birth date'],
  [['addr'], 'address'],
  [['kind', 'category'], 'type'],
  [['balance'], 'amount'],
  [['comment', 'remark', 'memo'], 'note'],
  [['city'], 'town'],
  [['reference'], 'ref'],
  [['salutation'], 'title'],
];

// words that say little on their own: `HolderID` and `landlord_id` share only `id`
const weakWords = new Set(['id', 'ref', 'code', 'no', 'num', 'number', 'key', 'on', 'at', 'of', 'the']);

function singular(word: string): string {
  if (irregular[word]) return irregular[word];
  if (word.length <= 3 || /(?:ss|us|is)$/.test(word)) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:sses|xes|ches|shes)$/.test(word)) return word.slice(0, -2);
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

/**
 * Splits a name into lower-case singular words at case changes, digits and punctuation.
 * @example nameWords('LandlordID').words // ['landlord', 'id']; nameWords('Forename').words // ['first', 'name']
 */
export function nameWords(name: string): NameWords {
  const plain = name
    .replace(/\.(?:csv|tsv|txt|xlsx|json|ndjson)$/i, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)|(\d)([A-Za-z])/g, (_, a, b, c, d) => (a ? `${a} ${b}` : `${c} ${d}`))
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map(singular);
  let text = ` ${plain.join(' ')} `;
  for (const [phrases, meaning] of synonyms) {
    for (const phrase of phrases) text = text.replaceAll(` ${phrase} `, ` ${meaning} `);
  }
  return { plain, words: text.trim().split(' ').filter(Boolean) };
}

const weight = (word: string) => (weakWords.has(word) ? 0.3 : 1);

/** How alike two lists of words are, from 0 to 1: shared weight over total weight (Dice), weak words counting less. */
export function wordSimilarity(a: readonly string[], b: readonly string[]): number {
  const total = a.reduce((s, w) => s + weight(w), 0) + b.reduce((s, w) => s + weight(w), 0);
  if (total === 0) return 0;
  const rest = [...b];
  let shared = 0;
  for (const word of a) {
    const i = rest.indexOf(word);
    if (i >= 0) {
      shared += weight(word);
      rest.splice(i, 1);
    }
  }
  return (2 * shared) / total;
}

/** Why two names were taken to match. */
export type NameMatch = 'same name' | 'synonyms' | 'similar names';

/** How alike a source and a target name are, and why; `context` words (the target table's) may be left off the target's name. */
export function compareNames(source: NameWords, target: NameWords, context: readonly string[] = []): { score: number; match: NameMatch } {
  const same = source.plain.join(' ') === target.plain.join(' ');
  let score = wordSimilarity(source.words, target.words);
  // `property_type` in table property is the property's `Type`
  const bare = target.words.filter((w) => !context.includes(w));
  if (bare.length > 0 && bare.length < target.words.length) score = Math.max(score, 0.95 * wordSimilarity(source.words, bare));
  if (same) return { score: 1, match: 'same name' };
  return { score, match: score >= 0.95 && source.words.join(' ') === target.words.join(' ') ? 'synonyms' : 'similar names' };
}
