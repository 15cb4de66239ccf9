import type { PlantedDefect } from './defect-manifest.js';
import { TextFileWriter } from './text-file-writer.js';

/**
 * Streams `defects.json` entry by entry, one entry a line, with its keys always in the
 * same order, so the manifest of any size is written with flat memory and same bytes.
 */
export class ManifestWriter {
  private entries = 0;

  private constructor(private readonly file: TextFileWriter) {}

  /** Opens `path` and writes the manifest's opening (seed and rows asked for). */
  static open(path: string, head: { seed: number; rows: number }): ManifestWriter {
    const writer = new ManifestWriter(TextFileWriter.open(path, 'utf-8'));
    writer.file.push(`{"seed":${head.seed},"rows":${head.rows},"defects":[`);
    return writer;
  }

  /** Defects recorded so far. */
  get count(): number {
    return this.entries;
  }

  /** True when the caller should `await flush()`. */
  get full(): boolean {
    return this.file.full;
  }

  /** Records one planted defect. */
  add(d: PlantedDefect): void {
    const ordered = {
      kind: d.kind,
      file: d.file,
      line: d.line,
      key: d.key,
      entity: d.entity,
      outcome: d.outcome,
      ...(d.reason === undefined ? {} : { reason: d.reason }),
      ...(d.field === undefined ? {} : { field: d.field }),
      ...(d.expected === undefined ? {} : { expected: d.expected }),
      ...(d.survivor === undefined ? {} : { survivor: d.survivor }),
      note: d.note,
    };
    this.file.push(`${this.entries === 0 ? '\n' : ',\n'}${JSON.stringify(ordered)}`);
    this.entries += 1;
  }

  /** Writes the buffered entries. */
  flush(): Promise<void> {
    return this.file.flush();
  }

  /** Closes the list and the file. */
  async close(): Promise<void> {
    this.file.push('\n]}\n');
    await this.file.close();
  }

  /** Abandons the manifest after a failure. */
  destroy(): void {
    this.file.destroy();
  }
}
