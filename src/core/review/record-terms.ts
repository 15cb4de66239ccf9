import { distance } from 'fastest-levenshtein';

// How the review app finds a record by what a reviewer types: a reference, a name, a
// postcode or an e-mail. Values are read from the delivered columns, never interpreted.

/** Lower case, accents dropped, anything but letters a space: "O'Brien-Smith" gives "o brien smith". */
export function nameText(value: string): string {
  return value.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}]+/gu, ' ').trim();
}

/** The words of a name worth matching on (two letters or more). */
export function nameTokens(value: string): string[] {
  return nameText(value).split(' ').filter((t) => t.length >= 2);
}

/** A postcode without spaces, in capitals: " ls1 1aa " gives "LS11AA". */
export function postcodeText(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** An e-mail address as compared: trimmed, lower case. */
export function emailText(value: string): string {
  return value.trim().toLowerCase();
}

/** True when the text reads as a UK postcode or the start of one ("LS1", "ls1 1a"). */
export function looksLikePostcode(text: string): boolean {
  return /^[A-Z]{1,2}\d[A-Z\d]?(\d[A-Z]{0,2})?$/.test(postcodeText(text));
}

/**
 * How alike two name words are, from 0 to 1: one less the edit distance over the longer
 * length, so "smyth" against "smith" gives 0.8.
 */
export function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 0 : 1 - distance(a, b) / longer;
}

/**
 * The least similarity a word must have to count as the same name misspelt: one typing
 * slip in a short word, two in a long one.
 */
export function similarEnough(query: string, word: string): boolean {
  const longer = Math.max(query.length, word.length);
  const slips = longer <= 4 ? 1 : longer <= 8 ? 2 : 3;
  return distance(query, word) <= slips;
}

/** The three-letter pieces of a word, padded as PostgreSQL's pg_trgm pads them: "lee" gives "  l", " le", "lee", "ee ". */
export function wordGrams(word: string): string[] {
  const padded = `  ${word} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return [...grams];
}

/** What a column of a delivered table is for, when finding records: read from its name and the target field it feeds. */
export type ColumnRole = 'name' | 'postcode' | 'email' | 'address' | null;

const namePattern = /(^|[^a-z])(first|last|given|family|middle|full|company|display|contact|trading|sur|fore)?[ _-]?name$/i;
const notAName = /(user|file|town|city|street|road|host|table|column)[ _-]?name$/i;

/**
 * The role of a column, from its own name and the target field it feeds.
 * @example columnRole('Surname', 'last_name') // 'name'
 */
export function columnRole(column: string, field: string | undefined): ColumnRole {
  const names = [column, field ?? ''].filter((n) => n !== '');
  if (names.some((n) => /e[ _-]?mail/i.test(n))) return 'email';
  if (names.some((n) => /post[ _-]?code|zip/i.test(n))) return 'postcode';
  if (names.some((n) => namePattern.test(n) && !notAName.test(n))) return 'name';
  if (names.some((n) => /address|street/i.test(n))) return 'address';
  return null;
}
