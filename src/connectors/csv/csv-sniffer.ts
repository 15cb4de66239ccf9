/** The text encodings a CSV source can be read in. */
export type CsvEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** The field delimiters a CSV source can use. */
export type CsvDelimiter = ',' | ';' | '\t' | '|';

/**
 * How values hold delimiters, line breaks and quotes: RFC 4180 `"` quoting; the backslash
 * escapes and `\N` nulls of MySQL `INTO OUTFILE` and PostgreSQL `COPY` text; or both, as MySQL
 * writes with `FIELDS ENCLOSED BY '"'`.
 */
export type CsvEscapes = 'quotes' | 'backslash' | 'backslash-quoted';

/** What the first bytes of a file say about its encoding. */
export interface SniffedEncoding {
  readonly encoding: CsvEncoding;
  readonly hasBom: boolean;
}

const delimiters: readonly CsvDelimiter[] = [',', ';', '\t', '|'];

// what MySQL and PostgreSQL write after a backslash, besides the delimiter: \\ \0 \N \b \f \n \r \t \v, a LF or a CR
const escapedByDumps = new Set(['\\', '0', 'N', 'b', 'f', 'n', 'r', 't', 'v', '\n', '\r']);

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


/**
 * Takes a sample as backslash-escaped text when it holds no `"` at all, holds at least one
 * backslash escape (`\N` included), and every backslash in it starts an escape those dumps
 * write, so that Windows paths such as `C:\Users` keep a file on quotes.
 * @example sniffEscapes('id\tnote\n1\t\\N\n', '\t') // 'backslash'
 */
export function sniffEscapes(text: string, delimiter: CsvDelimiter): 'quotes' | 'backslash' {
  if (text.includes('"')) return 'quotes';
  let escapes = 0;
  for (let i = text.indexOf('\\'); i >= 0 && i + 1 < text.length; i = text.indexOf('\\', i + 2)) {
    const next = text.charAt(i + 1);
    if (next !== delimiter && !escapedByDumps.has(next)) return 'quotes';
    escapes++;
  }
  return escapes > 0 ? 'backslash' : 'quotes';
}
