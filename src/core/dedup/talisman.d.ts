// talisman ships no type declarations; these are the two functions Cutover uses
declare module 'talisman/metrics/jaro-winkler.js' {
  /** Jaro-Winkler similarity of two strings, 0 to 1. */
  const jaroWinkler: (a: string, b: string) => number;
  export default jaroWinkler;
}

declare module 'talisman/phonetics/double-metaphone.js' {
  /** The primary and secondary Double Metaphone codes of a word. */
  const doubleMetaphone: (word: string) => [string, string];
  export default doubleMetaphone;
}
