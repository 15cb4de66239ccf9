import type { XlsxPackage } from './xlsx-package.js';
import { PartFailure } from './xlsx-limits.js';
import { unescapeXlsxText } from './xlsx-text.js';
import { readXmlPart } from './xlsx-xml.js';

/**
 * Reads the shared string table: the text of every string cell, in index order, with
 * rich-text runs joined and phonetic guides (furigana) left out, as Excel shows them.
 */
export async function readSharedStrings(pkg: XlsxPackage, part: string | undefined): Promise<string[]> {
  const strings: string[] = [];
  if (part === undefined || !pkg.has(part)) return strings;
  let text = '';
  let inText = false;
  let inPhonetic = false;
  const { maxCellChars } = pkg.limits;
  await readXmlPart(await pkg.open(part, pkg.limits.maxSharedStringBytes), {
    open(tag) {
      if (tag === 'si') text = '';
      else if (tag === 't') inText = !inPhonetic;
      else if (tag === 'rPh') inPhonetic = true;
    },
    close(tag) {
      if (tag === 'si') strings.push(unescapeXlsxText(text));
      else if (tag === 't') inText = false;
      else if (tag === 'rPh') inPhonetic = false;
    },
    text(chunk) {
      if (!inText) return;
      text += chunk;
      if (text.length > maxCellChars) throw new PartFailure('too-large', part, `holds a string longer than ${maxCellChars.toLocaleString('en-GB')} characters (Excel itself holds at most 32,767 in a cell)`);
    },
  });
  return strings;
}
