import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import iconv from 'iconv-lite';

/** The encodings the sample export writes. */
export type TextEncoding = 'utf-8' | 'windows-1252';

// about 64 KiB per write: small strings are joined first, which is what makes writing fast
const CHUNK_CHARS = 64 * 1024;

/**
 * Collects text into chunks of about 64 KiB, encodes each once and writes it to a file,
 * waiting for the stream to drain when it asks to (backpressure), so memory stays flat.
 * Callers push synchronously and `await flush()` whenever `full` is true.
 */
export class TextFileWriter {
  private pending = '';
  private failure: Error | undefined;
  private written = 0;

  private constructor(
    private readonly stream: WriteStream,
    private readonly encode: (text: string) => Buffer,
  ) {
    // kept so an error between writes is not unhandled; flush and close rethrow it
    stream.on('error', (error) => {
      this.failure ??= error;
    });
  }

  /** Opens (creates or truncates) `path` for writing in `encoding`. */
  static open(path: string, encoding: TextEncoding): TextFileWriter {
    const encode = encoding === 'utf-8' ? (text: string) => Buffer.from(text, 'utf8') : (text: string) => iconv.encode(text, 'windows-1252');
    return new TextFileWriter(createWriteStream(path), encode);
  }

  /** Bytes handed to the file so far. */
  get bytes(): number {
    return this.written;
  }

  /** True when a chunk is ready and the caller should `await flush()`. */
  get full(): boolean {
    return this.pending.length >= CHUNK_CHARS;
  }

  /** Adds text to the current chunk. */
  push(text: string): void {
    this.pending += text;
  }

  /** Encodes and writes the current chunk, waiting for the stream to drain if it is busy. */
  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.pending === '') return;
    const chunk = this.encode(this.pending);
    this.pending = '';
    this.written += chunk.length;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  /** Writes what is left and waits until the file is complete on disk. */
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
    if (this.failure) throw this.failure;
  }

  /** Abandons the file after a failure; nothing more is written. */
  destroy(): void {
    this.pending = '';
    this.stream.destroy();
  }
}
