/** The text encodings a CSV source can be read in. */
export type CsvEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** The field delimiters a CSV source can use. */
export type CsvDelimiter = ',' | ';' | '\t' | '|';

/** What the first bytes of a file say about its encoding. */
export interface SniffedEncoding {
  readonly encoding: CsvEncoding;
  readonly hasBom: boolean;
}

const delimiters: readonly CsvDelimiter[] = [',', ';', '\t', '|'];

/**
 * Guesses the encoding from the first bytes of a file: a BOM decides; otherwise valid
 * UTF-8 is UTF-8 and anything else is taken as Windows-1252 (what Excel writes on Windows).
 * `complete` says the sample is the whole file, so a cut-off character at its end is an error.
 */
export function sniffEncoding(sample: Uint8Array, complete: boolean): SniffedEncoding {
  const [b0, b1, b2] = sample;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', hasBom: true };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', hasBom: true };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', hasBom: true };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !complete });
    return { encoding: 'utf-8', hasBom: false };
  } catch {
    return { encoding: 'windows-1252', hasBom: false };
  }
}

/** True when the bytes start with the byte order mark of `encoding`. */
export function startsWithBom(sample: Uint8Array, encoding: CsvEncoding): boolean {
  const [b0, b1, b2] = sample;
  switch (encoding) {
    case 'utf-8':
      return b0 === 0xef && b1 === 0xbb && b2 === 0xbf;
    case 'utf-16le':
      return b0 === 0xff && b1 === 0xfe;
    case 'utf-16be':
      return b0 === 0xfe && b1 === 0xff;
    case 'windows-1252':
      return false;
  }
}

/**
 * Picks the delimiter that occurs most often outside quotes on the first line of `text`;
 * ties go to the earlier of `,` `;` tab `|`, and a line with none of them is one column of `,`.
 */
export function sniffDelimiter(text: string): CsvDelimiter {
  const counts = delimiters.map(() => 0);
  let quoted = false;
  let sawText = false;
  for (const ch of text) {
    if (ch === '"') {
      quoted = !quoted;
      sawText = true;
    } else if (quoted) {
      continue;
    } else if (ch === '\n' || ch === '\r') {
      // leading blank lines are not the header
      if (sawText) break;
    } else {
      sawText = true;
      const k = delimiters.indexOf(ch as CsvDelimiter);
      if (k >= 0) counts[k] = (counts[k] ?? 0) + 1;
    }
  }
  let best = 0;
  counts.forEach((count, k) => {
    if (count > (counts[best] ?? 0)) best = k;
  });
  return delimiters[best] ?? ',';
}
