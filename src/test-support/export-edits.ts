import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A delivered CSV file as lines of bytes (read as latin1, so any encoding survives
 * untouched), to change a few records the way a later export would.
 */
export class ExportFile {
  readonly lines: string[];
  readonly delimiter: string;

  constructor(
    private readonly path: string,
  ) {
    const text = readFileSync(path, 'latin1');
    this.lines = text.split('\n');
    if (this.lines.at(-1) === '') this.lines.pop();
    this.delimiter = this.lines[0]!.includes(';') ? ';' : ',';
  }

  static of(dir: string, name: string): ExportFile {
    return new ExportFile(join(dir, name));
  }

  /** Indexes of whole, plain records (no quotes, every column there, a key), past the header. */
  plain(): number[] {
    const width = this.cells(0).length;
    return this.lines.flatMap((line, i) => (i > 0 && !line.includes('"') && this.cells(i).length === width && this.cells(i)[0]!.trim() !== '' ? [i] : []));
  }

  /** The cells of record `i`, without the line's end. */
  cells(i: number): string[] {
    return this.lines[i]!.replace(/\r$/, '').split(this.delimiter);
  }

  private get cr(): string {
    return this.lines[0]!.endsWith('\r') ? '\r' : '';
  }

  private columnIndex(column: string): number {
    const index = this.cells(0).map((c) => c.replace(/^\u00ef\u00bb\u00bf/, '')).indexOf(column);
    if (index < 0) throw new Error(`no column ${column} in ${this.path}`);
    return index;
  }

  /** The first plain record whose key (first cell) no other record repeats and whose cells pass `test`, not one of `taken`. */
  find(test: (cells: string[]) => boolean, taken: readonly number[] = []): number {
    const counts = new Map<string, number>();
    for (let n = 1; n < this.lines.length; n++) counts.set(this.cells(n)[0]!.trim(), (counts.get(this.cells(n)[0]!.trim()) ?? 0) + 1);
    const i = this.plain().find((n) => !taken.includes(n) && counts.get(this.cells(n)[0]!.trim()) === 1 && test(this.cells(n)));
    if (i === undefined) throw new Error(`no plain record of ${this.path} fits`);
    return i;
  }

  set(i: number, column: string, value: string): void {
    const cells = this.cells(i);
    const cr = this.lines[i]!.endsWith('\r') ? '\r' : '';
    cells[this.columnIndex(column)] = value;
    this.lines[i] = cells.join(this.delimiter) + cr;
  }

  get(i: number, column: string): string {
    return this.cells(i)[this.columnIndex(column)]!;
  }

  append(cells: readonly string[]): void {
    this.lines.push(cells.join(this.delimiter) + this.cr);
  }

  remove(i: number): string {
    const [line] = this.lines.splice(i, 1);
    return line!;
  }

  save(): void {
    writeFileSync(this.path, `${this.lines.join('\n')}\n`, 'latin1');
  }
}
