import { e164 } from '../dedup/phone-number.js';
import { KEY_SEPARATOR } from '../mapping/source-key.js';
import { readEmail } from '../transforms/email-address.js';

/** What the lines of an erasure list name: a source key, an e-mail address or a phone number. */
export const erasureMatches = ['key', 'email', 'phone'] as const;
export type ErasureMatch = (typeof erasureMatches)[number];

/** One entry read into its matching form, or why it is not one. */
export type ErasureReading = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: string };

/**
 * An entry as it is matched: e-mails trimmed and in small letters, phones in E.164, keys
 * trimmed, a compound key written with `|` between its parts.
 * @example normaliseErasureEntry('email', ' Jane.Doe@Example.COM ', 1) // { ok: true, value: 'jane.doe@example.com' }
 */
export function normaliseErasureEntry(match: ErasureMatch, text: string, keyParts: number): ErasureReading {
  const written = text.trim();
  if (match === 'email') {
    const email = readEmail(written);
    return email.ok ? { ok: true, value: email.address.toLowerCase() } : { ok: false, reason: `"${written}" is not an e-mail address: ${email.reason}` };
  }
  if (match === 'phone') {
    const phone = e164(written);
    return phone === null ? { ok: false, reason: `"${written}" is not a phone number` } : { ok: true, value: phone };
  }
  const parts = written.split('|').map((part) => part.trim());
  if (parts.length !== keyParts || parts.some((part) => part === '')) {
    return { ok: false, reason: keyParts === 1 ? `"${written}" is not one source key` : `"${written}" is not a key of ${keyParts} parts written with | between them` };
  }
  return { ok: true, value: parts.join(KEY_SEPARATOR) };
}

/** A line of an erasure list that could not be read. */
export interface ErasureLineProblem {
  readonly line: number;
  readonly message: string;
}

/** An erasure list read: its distinct entries in matching form, and the lines that could not be read. */
export interface ErasureListReading {
  readonly entries: readonly string[];
  readonly problems: readonly ErasureLineProblem[];
}

// words a first line may hold instead of an entry: the file's column heading
const HEADINGS = /^(e-?mail( address)?|phone( number)?|telephone|mobile|tel|key|source key|id|reference|ref)$/i;

/** Takes away quotes a spreadsheet puts round a cell. */
function unquote(text: string): string {
  const trimmed = text.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).replace(/""/g, '"') : trimmed;
}

/**
 * Reads an erasure list: one entry a line, blank lines skipped, a heading on the first
 * line (a word such as Email, or the name of a key column) skipped; every other line that
 * is not an entry is a problem naming its line.
 */
export function readErasureList(text: string, match: ErasureMatch, keyColumns: readonly string[]): ErasureListReading {
  const entries = new Set<string>();
  const problems: ErasureLineProblem[] = [];
  const headings = new Set(keyColumns.map((c) => c.toLowerCase()));
  let first = true;
  text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).forEach((raw, index) => {
    const written = unquote(raw);
    if (written === '') return;
    const heading = first && (HEADINGS.test(written) || headings.has(written.toLowerCase()) || headings.has(written.replace(/\s*\|\s*/g, '|').toLowerCase()) || keyColumns.join('|').toLowerCase() === written.replace(/\s*\|\s*/g, '|').toLowerCase());
    first = false;
    if (heading) return;
    const reading = normaliseErasureEntry(match, written, keyColumns.length);
    if (reading.ok) entries.add(reading.value);
    else problems.push({ line: index + 1, message: reading.reason });
  });
  return { entries: [...entries], problems };
}
