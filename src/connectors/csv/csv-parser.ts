/** One parsed record and the 1-based physical line on which it starts; null only for an escaped text `\N`. */
export interface CsvRecord {
  readonly values: (string | null)[];
  readonly line: number;
}

/** Where a quoted field opened that the input never closed. */
export interface UnclosedQuote {
  readonly line: number;
  /** 1-based field position within its record. */
  readonly field: number;
}

/** An incremental parser fed decoded text in chunks of any size. */
export interface CsvParser {
  /** Parses one chunk and appends every record it completes to `out`. */
  push(text: string, out: CsvRecord[]): void;
  /** Flushes the last record; returns where a quote was left open, if one was. */
  finish(out: CsvRecord[]): UnclosedQuote | undefined;
  /** The line on which the record not yet complete starts (the next line when none is open). */
  pendingLine(): number;
}

// character codes and field states, shared with the backslash-escaped parser
export const QUOTE = 0x22;
export const LF = 0x0a;
export const CR = 0x0d;

export const FIELD_START = 0;
export const UNQUOTED = 1;
export const QUOTED = 2;
export const QUOTE_IN_QUOTED = 3;

/**
 * Creates a streaming CSV parser that counts physical lines (LF, CRLF or CR) so each
 * record knows the line it starts on; blank lines are skipped but counted.
 * Lenient where real exports are: a quote inside an unquoted field, or text after a
 * closing quote, is kept as text. Only an unclosed quote at the end is an error.
 * @example
 * const parser = createCsvParser(',');
 * const out: CsvRecord[] = [];
 * parser.push('a,"b\nc"\n\nd', out);
 * parser.finish(out); // out: [{ values: ['a', 'b\nc'], line: 1 }, { values: ['d'], line: 4 }]
 */
export function createCsvParser(delimiter: string): CsvParser {
  const delim = delimiter.charCodeAt(0);
  let state = FIELD_START;
  let fields: string[] = [];
  // text of the current field carried over from earlier chunks
  let carry = '';
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  // a CR ended the previous chunk or char: an LF right after it is the same line break
  let afterCr = false;

  function endRecord(out: CsvRecord[]): void {
    out.push({ values: fields, line: recordLine });
    fields = [];
  }

  return {
    push(text, out) {
      const n = text.length;
      let i = 0;
      let start = 0;
      if (afterCr && n > 0) {
        afterCr = false;
        if (text.charCodeAt(0) === LF) {
          // inside quotes the LF is content; outside it is part of the break already taken
          if (state !== QUOTED) start = i = 1;
          else i = 1;
        }
      }
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        switch (state) {
          case FIELD_START:
            if (c === CR || c === LF) {
              if (fields.length > 0) {
                fields.push('');
                endRecord(out);
              }
              line++;
              if (c === CR) {
                if (i + 1 < n) {
                  if (text.charCodeAt(i + 1) === LF) i++;
                } else afterCr = true;
              }
              start = i + 1;
            } else {
              if (fields.length === 0) recordLine = line;
              if (c === QUOTE) {
                state = QUOTED;
                quoteLine = line;
                start = i + 1;
              } else if (c === delim) {
                fields.push('');
                start = i + 1;
              } else {
                state = UNQUOTED;
                start = i;
              }
            }
            break;
          case UNQUOTED: {
            // tight scan to the end of the field: the common case
            let ch = c;
            while (ch !== delim && ch !== CR && ch !== LF && ++i < n) ch = text.charCodeAt(i);
            if (i === n) break;
            fields.push(carry + text.slice(start, i));
            carry = '';
            state = FIELD_START;
            start = i + 1;
            if (ch !== delim) {
              endRecord(out);
              line++;
              if (ch === CR) {
                if (i + 1 < n) {
                  if (text.charCodeAt(i + 1) === LF) start = ++i + 1;
                } else afterCr = true;
              }
            }
            break;
          }
          case QUOTED:
            if (c === QUOTE) {
              carry += text.slice(start, i);
              state = QUOTE_IN_QUOTED;
            } else if (c === LF) {
              line++;
            } else if (c === CR) {
              line++;
              if (i + 1 < n) {
                if (text.charCodeAt(i + 1) === LF) i++;
              } else afterCr = true;
            }
            break;
          case QUOTE_IN_QUOTED:
            if (c === QUOTE) {
              // a doubled quote is one literal quote
              carry += '"';
              state = QUOTED;
              start = i + 1;
            } else if (c === delim) {
              fields.push(carry);
              carry = '';
              state = FIELD_START;
              start = i + 1;
            } else if (c === CR || c === LF) {
              fields.push(carry);
              carry = '';
              endRecord(out);
              line++;
              if (c === CR) {
                if (i + 1 < n) {
                  if (text.charCodeAt(i + 1) === LF) i++;
                } else afterCr = true;
              }
              state = FIELD_START;
              start = i + 1;
            } else {
              // text after a closing quote: keep it, as spreadsheets do
              state = UNQUOTED;
              start = i;
            }
            break;
        }
      }
      if (state === UNQUOTED || state === QUOTED) carry += text.slice(start, n);
    },

    finish(out) {
      afterCr = false;
      if (state === QUOTED) return { line: quoteLine, field: fields.length + 1 };
      if (state === UNQUOTED || state === QUOTE_IN_QUOTED) {
        fields.push(carry);
        endRecord(out);
      } else if (fields.length > 0) {
        fields.push('');
        endRecord(out);
      }
      carry = '';
      state = FIELD_START;
      return undefined;
    },

    pendingLine: () => (state === FIELD_START && fields.length === 0 ? line : recordLine),
  };
}
