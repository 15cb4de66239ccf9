// what PostgreSQL keeps of a name: longer ones are cut without a word, and then match nothing
const maxNameBytes = 63;
const invisible = /[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/u;
const latin = /\p{Script=Latin}/u;
const lookAlikeScripts = [['Cyrillic', /\p{Script=Cyrillic}/u], ['Greek', /\p{Script=Greek}/u]] as const;

/**
 * Why a table or column name of the new system would not mean what it seems, in words, or
 * undefined: too long for PostgreSQL (cut at 63 bytes), an invisible character, or a
 * Cyrillic or Greek letter among Latin ones (a look-alike such as "р" for "p").
 * @example targetNameProblem('реrson') // 'the name "реrson" mixes Latin letters with the Cyrillic letter "р" (U+0440), …'
 */
export function targetNameProblem(name: string): string | undefined {
  const hidden = invisible.exec(name);
  if (hidden) return `the name "${name}" holds an invisible character (U+${codePoint(hidden[0])}); type the name again`;
  if (latin.test(name)) {
    for (const [script, pattern] of lookAlikeScripts) {
      const letter = [...name].find((c) => pattern.test(c));
      if (letter !== undefined) {
        return `the name "${name}" mixes Latin letters with the ${script} letter "${letter}" (U+${codePoint(letter)}), which looks like a Latin one but is not; type the name again in Latin letters`;
      }
    }
  }
  const bytes = new TextEncoder().encode(name).length;
  if (bytes > maxNameBytes) {
    return `the name "${name}" is ${bytes} bytes long, but PostgreSQL keeps only the first ${maxNameBytes} of a name, so it would not match; choose a shorter name`;
  }
  return undefined;
}

function codePoint(c: string): string {
  return (c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}
