import type { Transform } from './transform.js';

// a word is a run of letters (with their combining marks)
const WORD = /\p{L}[\p{L}\p{M}]*/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{M}\p{N}]/u;
const APOSTROPHES = "'\u2019";

/** Capitalises one word found by WORD unless it continues a word or is the s of "Bob's". */
function capitalise(word: string, offset: number, text: string): string {
  const before = offset === 0 ? '' : (text[offset - 1] as string);
  if (before !== '' && LETTER_OR_DIGIT.test(before)) return word;
  if (word.length === 1 && APOSTROPHES.includes(before) && offset > 1) return word;
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A word typed all in capitals or all in small letters is recased; "MacLeod" was typed on purpose. */
function recase(word: string, offset: number, text: string): string {
  const typedOnPurpose = word !== word.toLowerCase() && word !== word.toUpperCase();
  return capitalise(typedOnPurpose ? word : word.toLowerCase(), offset, text);
}

/** "o'BRIEN" -> "O'Brien", "smith-jones" -> "Smith-Jones", "mary ann" -> "Mary Ann", "MacLeod" stays. */
export function titleCase(value: string): string {
  return value.replace(WORD, recase);
}

export const titleCaseTransform: Transform<undefined> = {
  name: 'title_case',
  summary: 'Writes each word of a name with a capital first letter, after spaces, hyphens and apostrophes; a word in mixed case (MacLeod) is kept as typed.',
  usage: 'title_case',
  options: undefined,
  examples: [
    { input: "o'BRIEN", output: "O'Brien" },
    { input: 'smith-jones', output: 'Smith-Jones' },
    { input: 'mary ann', output: 'Mary Ann' },
    { input: 'MacLeod', output: 'MacLeod' },
  ],
  describe() {
    return "write each word with a capital first letter (o'BRIEN becomes O'Brien)";
  },
  compile() {
    return (value) => (value === null ? null : titleCase(value));
  },
};
