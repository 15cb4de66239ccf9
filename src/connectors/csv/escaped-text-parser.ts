import { CR, FIELD_START, LF, QUOTE, QUOTE_IN_QUOTED, QUOTED, UNQUOTED, type CsvParser, type CsvRecord } from './csv-parser.js';

/** How an escaped text file separates and marks its fields. */
export interface EscapedTextDialect {
  readonly delimiter: string;
  /** Honour `"` around a field, as MySQL writes with `FIELDS [OPTIONALLY] ENCLOSED BY '"'`. */
  readonly quotes: boolean;
}

const BACKSLASH = 0x5c;
const LETTER_N = 0x4e;

/** What a backslash and the character `c` stand for: a control character for a letter, else `c` itself. */
function unescape(c: number): string {
  switch (c) {
    case 0x30: // 0
      return '\0';
    case 0x62: // b
      return '\b';
    case 0x66: // f
      return '\f';
    case 0x6e: // n
      return '\n';
    case 0x72: // r
      return '\r';
    case 0x74: // t
      return '\t';
    case 0x76: // v
      return '\v';
    case 0x5a: // Z, MySQL's Ctrl-Z
      return '\x1a';
    default:
      return String.fromCharCode(c);
  }
}

/**
 * Creates a streaming parser for the backslash-escaped text that MySQL `SELECT … INTO OUTFILE`
 * and PostgreSQL `COPY … TO` write: a LF ends a record (a CR before it is dropped, a lone CR
 * is data); `\t` `\n` `\r` `\0` `\\` and a backslash before a real tab or LF stand for that
 * character; a field that is exactly `\N` is null. Lines are counted by LF, escaped ones too,
 * so each record knows the line it starts on; blank lines are skipped but counted.
 * @example
 * const parser = createEscapedTextParser({ delimiter: '\t', quotes: false });
 * const out: CsvRecord[] = [];
 * parser.push('a\\tb\t\\N\nc\\\nd\tx\n', out);
 * parser.finish(out); // out: [{ values: ['a\tb', null], line: 1 }, { values: ['c\nd', 'x'], line: 2 }]
 */
export function createEscapedTextParser(dialect: EscapedTextDialect): CsvParser {
  const delim = dialect.delimiter.charCodeAt(0);
  const quotes = dialect.quotes;
  let state = FIELD_START;
  let fields: (string | null)[] = [];
  // text of the current field carried over from earlier chunks and escapes
  let carry = '';
  // the field opened with a backslash, then with `\N`: null if nothing else follows
  let nullMark = false;
  // carry ends with a CR as written, which a LF right after turns into a CRLF line end
  let carryEndsInCr = false;
  // a backslash ended the previous chunk: the next chunk opens with the escaped character
  let escaped = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;

  function escape(c: number): void {
    if (nullMark) nullMark = c === LETTER_N;
    carry += unescape(c);
    carryEndsInCr = false;
    if (c === LF) line++;
  }

  function endField(value: string): void {
    fields.push(nullMark && value === 'N' ? null : value);
    nullMark = false;
    carry = '';
    carryEndsInCr = false;
  }

  function endRecord(out: CsvRecord[]): void {
    out.push({ values: fields, line: recordLine });
    fields = [];
  }

  return {
    push(text, out) {
      const n = text.length;
      let i = 0;
      let start = 0;
      if (escaped && n > 0) {
        escaped = false;
        escape(text.charCodeAt(0));
        start = i = 1;
      }
      while (i < n) {
        let c = text.charCodeAt(i);
        if (state === FIELD_START) {
          if (c === LF) {
            if (fields.length > 0) {
              endField('');
              endRecord(out);
            }
            line++;
            start = ++i;
            continue;
          }
          if (fields.length === 0) recordLine = line;
          if (c === delim) {
            endField('');
            start = ++i;
            continue;
          }
          if (quotes && c === QUOTE) {
            state = QUOTED;
            quoteLine = line;
            start = ++i;
            continue;
          }
          state = UNQUOTED;
          nullMark = c === BACKSLASH;
          start = i;
        }
        if (state === UNQUOTED) {
          // tight scan to the next special character: the common case
          while (c !== delim && c !== LF && c !== BACKSLASH && ++i < n) c = text.charCodeAt(i);
          if (i === n) break;
          if (c === BACKSLASH) {
            carry += text.slice(start, i);
            if (i + 1 < n) escape(text.charCodeAt(i + 1));
            else escaped = true;
            start = i = Math.min(i + 2, n);
            continue;
          }
          let value: string;
          if (c === LF && (i > start ? text.charCodeAt(i - 1) === CR : carryEndsInCr)) {
            value = i > start ? carry + text.slice(start, i - 1) : carry.slice(0, -1);
          } else {
            value = carry + text.slice(start, i);
          }
          endField(value);
          state = FIELD_START;
          start = ++i;
          if (c === LF) {
            // a line holding only a CR before its LF is blank
            if (fields.length === 1 && value === '') fields = [];
            else endRecord(out);
            line++;
          }
          continue;
        }
        if (state === QUOTED) {
          while (c !== QUOTE && c !== BACKSLASH && c !== LF && ++i < n) c = text.charCodeAt(i);
          if (i === n) break;
          if (c === LF) {
            line++;
            i++;
            continue;
          }
          carry += text.slice(start, i);
          if (c === QUOTE) {
            state = QUOTE_IN_QUOTED;
            start = ++i;
            continue;
          }
          if (i + 1 < n) escape(text.charCodeAt(i + 1));
          else escaped = true;
          start = i = Math.min(i + 2, n);
          continue;
        }
        // QUOTE_IN_QUOTED
        if (c === QUOTE) {
          // a doubled quote is one literal quote, as MySQL's LOAD DATA reads it
          carry += '"';
          state = QUOTED;
          start = ++i;
        } else if (c === delim || c === LF) {
          endField(carry);
          state = FIELD_START;
          start = ++i;
          if (c === LF) {
            endRecord(out);
            line++;
          }
        } else {
          // text after a closing quote, the CR of a CRLF too: read on as unquoted text
          state = UNQUOTED;
          start = i;
        }
      }
      if ((state === UNQUOTED || state === QUOTED) && start < n) {
        carry += text.slice(start, n);
        carryEndsInCr = text.charCodeAt(n - 1) === CR;
      }
    },

    finish(out) {
      // a backslash ending the file escapes nothing: keep it
      if (escaped) carry += '\\';
      escaped = false;
      if (state === QUOTED) return { line: quoteLine, field: fields.length + 1 };
      if (state === UNQUOTED || state === QUOTE_IN_QUOTED) {
        endField(carry);
        endRecord(out);
      } else if (fields.length > 0) {
        endField('');
        endRecord(out);
      }
      state = FIELD_START;
      return undefined;
    },

    pendingLine: () => (state === FIELD_START && fields.length === 0 ? line : recordLine),
  };
}
