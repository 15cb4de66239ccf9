import { TextFileWriter, type TextEncoding } from './text-file-writer.js';

/** How a delivered CSV file is laid out: the customer's system decided, not us. */
export interface CsvLayout {
  readonly delimiter: ',' | ';';
  readonly eol: '\r\n' | '\n';
  readonly encoding: TextEncoding;
  readonly bom: boolean;
}

/** Rewrites or drops rows as they are written: how a later export of the same data is made. */
export interface RowEditor {
  /** the row as the later export holds it, or null when it was deleted since; `ordinal` counts the rows offered, from 0 */
  edit(values: readonly string[], ordinal: number): readonly string[] | null;
}

/** One written file as the summary reports it. */
export interface WrittenFile {
  readonly name: string;
  readonly rows: number;
  readonly bytes: number;
}

/**
 * Writes CSV records and counts physical lines as a reader will (a line break inside a
 * quoted field starts a new line), so each record knows the line it starts on.
 */
export class CsvFileWriter {
  private nextLine = 1;
  private dataRows = 0;
  private offered = 0;
  private readonly needsQuotes: RegExp;

  private constructor(
    readonly name: string,
    private readonly file: TextFileWriter,
    private readonly layout: CsvLayout,
    private readonly editor: RowEditor | undefined,
  ) {
    this.needsQuotes = layout.delimiter === ',' ? /[",\r\n]/ : /[";\r\n]/;
    if (layout.bom) file.push('\uFEFF');
  }

  /** Opens `path` for the file called `name`, writing a byte order mark when the layout has one; `editor` makes a later export. */
  static open(path: string, name: string, layout: CsvLayout, editor?: RowEditor): CsvFileWriter {
    return new CsvFileWriter(name, TextFileWriter.open(path, layout.encoding), layout, editor);
  }

  /** True when the caller should `await flush()`. */
  get full(): boolean {
    return this.file.full;
  }

  /** Writes the header line (line 1); it is not counted as a row. */
  header(columns: readonly string[]): void {
    this.write(columns);
  }

  /**
   * Writes one record, quoting only the fields that need it (as most exporters do), and
   * returns the 1-based line it starts on. Pass one field too many to make a ragged row.
   * With an editor the row may be rewritten, or dropped: then nothing is written and the line is 0.
   */
  row(values: readonly string[]): number {
    if (this.editor) {
      const edited = this.editor.edit(values, this.offered++);
      if (edited === null) return 0;
      values = edited;
    }
    this.dataRows += 1;
    return this.write(values);
  }

  /** Writes a row the editor never sees (one new in a later export) and returns its line. */
  added(values: readonly string[]): number {
    this.dataRows += 1;
    return this.write(values);
  }

  private write(values: readonly string[]): number {
    const line = this.nextLine;
    let text = '';
    let breaks = 0;
    for (let i = 0; i < values.length; i += 1) {
      let value = values[i] as string;
      if (this.needsQuotes.test(value)) {
        breaks += countLineBreaks(value);
        value = `"${value.replaceAll('"', '""')}"`;
      }
      text += i === 0 ? value : this.layout.delimiter + value;
    }
    this.file.push(text + this.layout.eol);
    this.nextLine += 1 + breaks;
    return line;
  }

  /** Writes the buffered chunk, waiting for the disk when it is behind. */
  flush(): Promise<void> {
    return this.file.flush();
  }

  /** Finishes the file and reports its name, data rows and bytes. */
  async close(): Promise<WrittenFile> {
    await this.file.close();
    return { name: this.name, rows: this.dataRows, bytes: this.file.bytes };
  }

  /** Abandons the file after a failure. */
  destroy(): void {
    this.file.destroy();
  }
}

/** Line breaks as a CSV reader counts them: CRLF, LF or a lone CR each end one line. */
function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) count += 1;
    else if (c === 0x0d) {
      count += 1;
      if (text.charCodeAt(i + 1) === 0x0a) i += 1;
    }
  }
  return count;
}
