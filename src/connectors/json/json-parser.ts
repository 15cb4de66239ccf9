/** How records are laid out: one JSON array of objects, or one object per line (NDJSON). */
export type JsonFormat = 'json' | 'ndjson';

/**
 * One record as read: its keys in order and each value as text. Strings come decoded,
 * numbers as written (`1.10` stays `1.10`), true/false as words, null as null, and
 * nested objects and arrays as their JSON text without spaces.
 */
export interface JsonRecord {
  readonly line: number;
  readonly keys: string[];
  readonly values: (string | null)[];
}

/** A problem found in the input: bad JSON (`syntax`), JSON of the wrong shape (`shape`), or no JSON at all (`empty`). */
export class JsonProblem extends Error {
  override readonly name = 'JsonProblem';
  constructor(
    readonly kind: 'syntax' | 'shape' | 'empty',
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** An incremental parser for JSON record files, fed decoded text in chunks of any size. */
export interface JsonParser {
  /** Parses what it can of one more chunk and appends every record it completes to `out`. */
  push(text: string, out: JsonRecord[]): void;
  /** Parses the rest at the end of the input; throws a JsonProblem if it is incomplete. */
  finish(out: JsonRecord[]): void;
  /** The layout found (or given); undefined while the input has been only white space. */
  readonly format: JsonFormat | undefined;
  /** Characters held for the record not yet complete, and the line it starts on. */
  pending(): { readonly chars: number; readonly line: number };
}

const maxDepth = 512;

// thrown when a unit of input runs past the text received so far; the unit is retried with more
const incomplete = Symbol('incomplete');

// where the parser is between records
const DETECT = 0;
const ARRAY_OPEN = 1;
const ARRAY_FIRST = 2;
const ARRAY_NEXT = 3;
const ARRAY_ENDED = 4;
const LINE = 5;

/**
 * Creates a streaming parser for a JSON array of objects or NDJSON (`auto` decides by the
 * first character, `[` or `{`) that counts lines, so each record knows where it starts and
 * each problem where it is.
 * @example
 * const parser = createJsonParser('auto');
 * const out: JsonRecord[] = [];
 * parser.push('{"id": 1.10}\n{"id": 2, "tags": [1, "a"]}\n', out);
 * parser.finish(out); // out: [{ line: 1, keys: ['id'], values: ['1.10'] }, { line: 2, keys: ['id', 'tags'], values: ['2', '[1,"a"]'] }]
 */
export function createJsonParser(format: 'auto' | JsonFormat): JsonParser {
  return new Parser(format);
}

class Parser implements JsonParser {
  format: JsonFormat | undefined;
  private at: number;
  private started = false;
  private text = '';
  private pos = 0;
  // absolute offset of text[0], and of the start of the current line
  private base = 0;
  private lineStart = 0;
  private line = 1;
  private final = false;
  // after an incomplete unit, wait for twice as much text so a long record costs linear time
  private wanted = 0;
  private records = 0;

  constructor(format: 'auto' | JsonFormat) {
    this.format = format === 'auto' ? undefined : format;
    this.at = format === 'auto' ? DETECT : format === 'json' ? ARRAY_OPEN : LINE;
  }

  push(text: string, out: JsonRecord[]): void {
    this.text = this.pos === 0 ? this.text + text : this.text.slice(this.pos) + text;
    this.base += this.pos;
    this.pos = 0;
    if (this.text.length >= this.wanted) this.run(out);
  }

  pending(): { chars: number; line: number } {
    // the record starts after the white space (and line breaks) that end the one before
    let line = this.line;
    for (let k = this.pos; k < this.text.length; k++) {
      const c = this.text.charCodeAt(k);
      if (c === 0x0a) line++;
      else if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x2c) break;
    }
    return { chars: this.text.length - this.pos, line };
  }

  finish(out: JsonRecord[]): void {
    this.final = true;
    this.run(out);
    if (this.at === ARRAY_FIRST || this.at === ARRAY_NEXT) {
      this.fail('syntax', 'the file ends before the array of records is closed with "]"');
    }
  }

  private run(out: JsonRecord[]): void {
    for (;;) {
      const { pos, line, lineStart } = this;
      try {
        if (!this.step(out)) return;
      } catch (error) {
        if (error !== incomplete) throw error;
        this.pos = pos;
        this.line = line;
        this.lineStart = lineStart;
        this.wanted = (this.text.length - pos) * 2;
        return;
      }
    }
  }

  /** Reads one unit (a separator and a record); false when the input is used up. */
  private step(out: JsonRecord[]): boolean {
    this.space(true);
    if (this.pos >= this.text.length) {
      if (!this.started && this.final) this.fail('empty', 'the file holds no JSON, only white space');
      return false;
    }
    this.started = true;
    const c = this.text.charCodeAt(this.pos);
    switch (this.at) {
      case DETECT:
        if (c === 0x5b) this.format = 'json';
        else if (c === 0x7b) this.format = 'ndjson';
        else this.notRecords(c);
        this.at = c === 0x5b ? ARRAY_OPEN : LINE;
        return true;
      case ARRAY_OPEN:
        if (c !== 0x5b) this.notRecords(c);
        this.pos++;
        this.at = ARRAY_FIRST;
        return true;
      case ARRAY_FIRST:
        if (c === 0x5d) {
          this.pos++;
          this.at = ARRAY_ENDED;
          return true;
        }
        out.push(this.element());
        this.at = ARRAY_NEXT;
        return true;
      case ARRAY_NEXT:
        if (c === 0x5d) {
          this.pos++;
          this.at = ARRAY_ENDED;
          return true;
        }
        if (c !== 0x2c) this.unexpected('"," or "]" after a record in the array');
        this.pos++;
        this.space(true);
        out.push(this.element());
        return true;
      case ARRAY_ENDED:
        return this.unexpected('nothing after the "]" that closes the array of records');
      default: {
        // LINE: one NDJSON record
        if (c !== 0x7b) {
          this.shape(`the line holds ${this.kindAt(c)}, not an object. NDJSON has one object per line`);
        }
        const record = this.record();
        this.space(false);
        if (this.pos < this.text.length && this.text.charCodeAt(this.pos) !== 0x0a) {
          this.unexpected('the end of the line after the record (NDJSON has one record per line)');
        }
        if (this.pos >= this.text.length && !this.final) throw incomplete;
        out.push(record);
        return true;
      }
    }
  }

  private element(): JsonRecord {
    this.records++;
    const c = this.text.charCodeAt(this.pos);
    if (c !== 0x7b) {
      if (this.pos >= this.text.length) this.more();
      if (c === 0x5d) this.fail('syntax', 'the array has a "," after its last record, which JSON does not allow');
      if (!startsValue(c)) this.unexpected('a record');
      const kind = this.kindAt(c);
      this.shape(`record ${this.records} of the array is ${kind}, not an object. Cutover reads a JSON array of objects, one per record`);
    }
    return this.record();
  }

  private notRecords(c: number): never {
    return this.shape(
      `the file holds ${this.kindAt(c)}, not records. Cutover reads a JSON array of objects ("[{…}, {…}]") or NDJSON (one object per line)`,
    );
  }

  /** Reads an object at `pos` as a record. */
  private record(): JsonRecord {
    const line = this.line;
    const multiline = this.format === 'json';
    const keys: string[] = [];
    const values: (string | null)[] = [];
    this.pos++;
    this.space(multiline);
    if (this.peek() === 0x7d) {
      this.pos++;
      return { line, keys, values };
    }
    for (;;) {
      if (this.peek() !== 0x22) this.unexpected('a key in double quotes');
      const keyAt = this.pos;
      const key = this.string();
      if (keys.includes(key)) {
        this.pos = keyAt;
        this.shape(`the record has the key "${key}" twice. Keep one of them`);
      }
      this.space(multiline);
      if (this.peek() !== 0x3a) this.unexpected('":" after the key');
      this.pos++;
      this.space(multiline);
      keys.push(key);
      values.push(this.field(multiline));
      this.space(multiline);
      const c = this.peek();
      this.pos++;
      if (c === 0x7d) return { line, keys, values };
      if (c !== 0x2c) {
        this.pos--;
        this.unexpected('"," or "}" after a value in the record');
      }
      this.space(multiline);
    }
  }

  /** Reads a record's value: strings decoded, nested values as compact JSON text. */
  private field(multiline: boolean): string | null {
    const c = this.peek();
    if (c === 0x22) return this.string();
    if (c === 0x7b || c === 0x5b) return this.compact(multiline, 1);
    if (c !== 0x6e) return this.scalar();
    this.word('null');
    return null;
  }

  /** Reads a number, true or false as the text written. */
  private scalar(): string {
    const c = this.peek();
    if (c === 0x74) return this.word('true');
    if (c === 0x66) return this.word('false');
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    return this.badWord();
  }

  /** Reads a nested object or array as JSON text without white space; strings keep their escapes. */
  private compact(multiline: boolean, depth: number): string {
    if (depth > maxDepth) this.shape(`values are nested more than ${maxDepth} levels deep`);
    const open = this.text.charCodeAt(this.pos);
    const close = open === 0x7b ? 0x7d : 0x5d;
    const parts = [open === 0x7b ? '{' : '['];
    this.pos++;
    this.space(multiline);
    if (this.peek() === close) {
      this.pos++;
      return open === 0x7b ? '{}' : '[]';
    }
    for (;;) {
      if (open === 0x7b) {
        if (this.peek() !== 0x22) this.unexpected('a key in double quotes');
        parts.push(this.rawString());
        this.space(multiline);
        if (this.peek() !== 0x3a) this.unexpected('":" after the key');
        this.pos++;
        parts.push(':');
        this.space(multiline);
      }
      const c = this.peek();
      if (c === 0x22) parts.push(this.rawString());
      else if (c === 0x7b || c === 0x5b) parts.push(this.compact(multiline, depth + 1));
      else if (c === 0x6e) parts.push(this.word('null'));
      else parts.push(this.scalar());
      this.space(multiline);
      const next = this.peek();
      if (next === close) {
        this.pos++;
        parts.push(open === 0x7b ? '}' : ']');
        return parts.join('');
      }
      if (next !== 0x2c) this.unexpected(open === 0x7b ? '"," or "}" after a value' : '"," or "]" after a value');
      this.pos++;
      parts.push(',');
      this.space(multiline);
    }
  }

  /** Reads a string at `pos` and decodes its escapes. */
  private string(): string {
    const text = this.text;
    let i = this.pos + 1;
    let start = i;
    let out = '';
    for (;;) {
      if (i >= text.length) this.more(i, 'the file ends inside a string');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        this.pos = i + 1;
        return out + text.slice(start, i);
      }
      if (c === 0x5c) {
        out += text.slice(start, i);
        out += this.escape(i);
        i += text.charCodeAt(i + 1) === 0x75 ? 6 : 2;
        start = i;
      } else if (c < 0x20) {
        this.badControl(i, c);
      } else i++;
    }
  }

  /** Reads a string at `pos` as written, quotes and escapes included, checking it. */
  private rawString(): string {
    const text = this.text;
    let i = this.pos + 1;
    for (;;) {
      if (i >= text.length) this.more(i, 'the file ends inside a string');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        const raw = text.slice(this.pos, i + 1);
        this.pos = i + 1;
        return raw;
      }
      if (c === 0x5c) {
        this.escape(i);
        i += text.charCodeAt(i + 1) === 0x75 ? 6 : 2;
      } else if (c < 0x20) {
        this.badControl(i, c);
      } else i++;
    }
  }

  /** Decodes the escape starting with the backslash at `i`. */
  private escape(i: number): string {
    const text = this.text;
    if (i + 1 >= text.length) this.more(i + 1, 'the file ends inside a string');
    const c = text.charCodeAt(i + 1);
    switch (c) {
      case 0x22:
        return '"';
      case 0x5c:
        return '\\';
      case 0x2f:
        return '/';
      case 0x62:
        return '\b';
      case 0x66:
        return '\f';
      case 0x6e:
        return '\n';
      case 0x72:
        return '\r';
      case 0x74:
        return '\t';
      case 0x75: {
        if (i + 6 > text.length) this.more(text.length, 'the file ends inside a string');
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
          this.pos = i;
          this.fail('syntax', `"\\u${hex}" is not a valid escape: \\u needs four hexadecimal digits`);
        }
        return String.fromCharCode(Number.parseInt(hex, 16));
      }
      default:
        this.pos = i;
        return this.fail('syntax', `"\\${text[i + 1]}" is not a valid escape in a string`);
    }
  }

  private badControl(i: number, c: number): never {
    this.pos = i;
    if (c === 0x0a || c === 0x0d) return this.fail('syntax', 'a string is not closed before the end of the line');
    const code = c.toString(16).toUpperCase().padStart(4, '0');
    return this.fail('syntax', `a string holds a raw control character (U+${code}); it must be written as an escape`);
  }

  /** Reads a number at `pos` as written, checking its form. */
  private number(): string {
    const text = this.text;
    const start = this.pos;
    let i = start;
    if (text.charCodeAt(i) === 0x2d) i++;
    if (text.charCodeAt(i) === 0x30) i++;
    else i = this.digits(i, start);
    if (text.charCodeAt(i) === 0x2e) i = this.digits(i + 1, start);
    const e = text.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 0x2b || sign === 0x2d) i++;
      i = this.digits(i, start);
    }
    // the next chunk may hold more digits
    if (i >= text.length && !this.final) throw incomplete;
    this.pos = i;
    return text.slice(start, i);
  }

  private digits(from: number, start: number): number {
    const text = this.text;
    let i = from;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c < 0x30 || c > 0x39) break;
      i++;
    }
    if (i === from) {
      if (i >= text.length) this.more(i, 'the file ends inside a number');
      this.pos = start;
      this.fail('syntax', `"${text.slice(start, i + 1)}" is not a valid number`);
    }
    return i;
  }

  private word(word: 'true' | 'false' | 'null'): string {
    const text = this.text;
    if (text.startsWith(word, this.pos)) {
      this.pos += word.length;
      return word;
    }
    const rest = text.slice(this.pos, this.pos + word.length);
    if (this.pos + word.length > text.length && word.startsWith(rest)) this.more(text.length, 'the file ends inside a value');
    return this.badWord();
  }

  /** Fails on a value that is none of JSON's: most often text without quotes. */
  private badWord(): never {
    const word = /^[\p{L}\p{N}_.+-]+/u.exec(this.text.slice(this.pos, this.pos + 40))?.[0];
    if (word === undefined) return this.unexpected('a value');
    return this.fail('syntax', `"${word}" is not a JSON value; text must be in double quotes`);
  }

  /** Skips white space; line breaks only when `newlines`, else it stops at one. */
  private space(newlines: boolean): void {
    const text = this.text;
    let i = this.pos;
    for (;;) {
      if (i >= text.length) {
        this.pos = i;
        if (!this.final) throw incomplete;
        return;
      }
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0d) i++;
      else if (c === 0x0a && newlines) {
        i++;
        this.line++;
        this.lineStart = this.base + i;
      } else break;
    }
    this.pos = i;
  }

  /** The character at `pos`, asking for more text at the end of what has come so far. */
  private peek(): number {
    if (this.pos >= this.text.length) this.more();
    return this.text.charCodeAt(this.pos);
  }

  /** Waits for more text, or fails at the end of the input. */
  private more(at = this.pos, atEnd = ''): never {
    if (!this.final) throw incomplete;
    this.pos = at;
    return this.fail('syntax', atEnd || `the file ends inside ${this.format === 'ndjson' ? 'a record' : 'the array of records'}`);
  }

  private unexpected(expected: string): never {
    if (this.pos >= this.text.length) this.more();
    const c = this.text.charCodeAt(this.pos);
    if (c === 0x0a && this.format === 'ndjson') {
      return this.fail('syntax', 'the record is not complete at the end of the line; NDJSON needs each record whole on one line');
    }
    return this.fail('syntax', `expected ${expected} but found ${describe(this.text, this.pos)}`);
  }

  private shape(message: string): never {
    return this.fail('shape', message);
  }

  private fail(kind: JsonProblem['kind'], message: string): never {
    throw new JsonProblem(kind, message, this.line, this.base + this.pos - this.lineStart + 1);
  }

  private kindAt(c: number): string {
    if (c === 0x5b) return 'an array';
    if (c === 0x7b) return 'an object';
    if (c === 0x22) return 'a string';
    if (c === 0x74 || c === 0x66) return 'a true/false value';
    if (c === 0x6e) return 'null';
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return 'a number';
    return `text that is not JSON (${describe(this.text, this.pos)})`;
  }
}

function startsValue(c: number): boolean {
  // { [ " t f n - and digits
  return c === 0x7b || c === 0x5b || c === 0x22 || c === 0x74 || c === 0x66 || c === 0x6e || c === 0x2d || (c >= 0x30 && c <= 0x39);
}

function describe(text: string, at: number): string {
  const c = text.codePointAt(at);
  if (c === undefined) return 'the end of the file';
  if (c === 0x0a) return 'the end of the line';
  if (c < 0x20 || c === 0x7f || c === 0xfeff) return `the character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${String.fromCodePoint(c)}"`;
}
