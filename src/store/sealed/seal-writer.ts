import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { link, rename, rm, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createBrotliCompress, createDeflateRaw, type BrotliCompress, type DeflateRaw } from 'node:zlib';
import { CutoverError, isCutoverError } from '../../core/cutover-error.js';
import { chunkLimits, compressionCodes, defaultChunkBytes, encodeHeader, fileContext, sealFrame, type SealCodec } from './seal-format.js';
import type { SnapshotKey } from './snapshot-key.js';

// on sample CSV and snapshot rows: brotli quality 0 ~190 MB/s to 31 %, deflate level 1 ~120 MB/s
// to 30 % (level 6 ~40 MB/s to 25 %); both read back at the same speed
const compressors: Record<SealCodec, () => BrotliCompress | DeflateRaw> = {
  brotli: () => createBrotliCompress({ chunkSize: defaultChunkBytes, params: { [constants.BROTLI_PARAM_QUALITY]: 0 } }),
  'deflate-raw': () => createDeflateRaw({ level: 1, chunkSize: defaultChunkBytes }),
};

/** What a finished seal wrote: plaintext bytes and their SHA-256, bytes on disk, frames. */
export interface SealSummary {
  readonly plainBytes: number;
  readonly sealedBytes: number;
  readonly sha256: string;
  readonly chunks: number;
}

/** Takes plaintext and seals it into one file; see createSealWriter. */
export interface SealWriter {
  write(chunk: Uint8Array | string): Promise<void>;
  finish(): Promise<SealSummary>;
  abort(): Promise<void>;
}

/** Options for tests and tuning; the default chunk size suits everything else. */
export interface SealWriterOptions {
  readonly chunkBytes?: number;
  /** brotli unless a test needs the byte layout of deflate-raw */
  readonly codec?: SealCodec;
}

/**
 * Starts sealing a file at `path`: compressed, then encrypted in chunks bound to `key`
 * and to `aad` (the name the file belongs to, e.g. snapshot and table). It is written
 * under a temporary name beside `path` and appears at `path` only when `finish()`
 * succeeds; an existing file is never overwritten. `abort()` removes the partial file.
 * @example const w = createSealWriter(file, key, 'people.csv'); await w.write(text); await w.finish()
 */
export function createSealWriter(path: string, key: SnapshotKey, aad: string, options: SealWriterOptions = {}): SealWriter {
  const chunkBytes = options.chunkBytes ?? defaultChunkBytes;
  if (!Number.isInteger(chunkBytes) || chunkBytes < chunkLimits.min || chunkBytes > chunkLimits.max) {
    throw new RangeError(`chunkBytes must be a whole number from ${chunkLimits.min} to ${chunkLimits.max}; got ${chunkBytes}.`);
  }
  const tempPath = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
  const salt = randomBytes(32);
  const keys = key.fileKeys(salt);
  const codec = options.codec ?? 'brotli';
  const header = encodeHeader({ compression: compressionCodes[codec], chunkBytes, keyId: key.id, salt }, keys.headerKey, aad);
  const framer = new Framer(keys.chunkKey, fileContext(header, aad), chunkBytes);
  const hash = createHash('sha256');
  let plainBytes = 0;
  let sealedBytes = header.length;
  let state: WriterState = 'open';

  const deflate = compressors[codec]();
  const sealer = new Transform({
    transform(compressed: Buffer, _encoding, done) {
      for (const frame of framer.take(compressed)) sealedBytes += push(this, frame);
      done();
    },
    flush(done) {
      sealedBytes += push(this, framer.end());
      done();
    },
  });
  sealer.push(header);
  // flush: data reaches the disk before the file is published under its name
  const out = createWriteStream(tempPath, { flags: 'wx', mode: 0o600, flush: true });
  const failed = new AbortController();
  const written = pipeline(deflate, sealer, out);
  written.catch((cause: unknown) => failed.abort(cause));

  let problem: CutoverError | undefined;
  // writes run one after another even when the caller does not await each
  let queue: Promise<void> = Promise.resolve();

  const fail = async (cause: unknown): Promise<never> => {
    if (state === 'aborted') throw closed(path, state);
    state = 'failed';
    problem ??= isCutoverError(cause) ? cause : writeFailed(path, failed.signal.aborted ? failed.signal.reason : cause);
    await rm(tempPath, { force: true });
    throw problem;
  };

  const send = async (bytes: Buffer): Promise<void> => {
    if (state === 'aborted' || state === 'failed') return fail(problem);
    if (failed.signal.aborted) return fail(failed.signal.reason);
    hash.update(bytes);
    plainBytes += bytes.length;
    if (deflate.write(bytes)) return;
    try {
      await once(deflate, 'drain', { signal: failed.signal });
    } catch (cause) {
      return fail(cause);
    }
  };

  return {
    write(chunk) {
      if (state !== 'open') return Promise.reject(closed(path, state));
      // a copy, so the caller may reuse its buffer and the hash matches what is sealed
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
      if (bytes.length === 0) return queue;
      const step = queue.then(() => send(bytes));
      queue = step.catch(() => undefined);
      return step;
    },

    async finish() {
      if (state !== 'open') throw closed(path, state);
      state = 'finishing';
      await queue;
      if (problem) throw problem;
      deflate.end();
      try {
        await written;
        await publish(tempPath, path);
      } catch (cause) {
        return fail(cause);
      }
      state = 'finished';
      return { plainBytes, sealedBytes, sha256: hash.digest('hex'), chunks: framer.chunks };
    },

    async abort() {
      if (state === 'finished' || state === 'aborted') return;
      state = 'aborted';
      deflate.destroy();
      await written.catch(() => undefined);
      await queue;
      await rm(tempPath, { force: true });
    },
  };
}

/** Cuts the compressed stream into frames of exactly `chunkBytes`, holding back the last so it can be flagged final. */
class Framer {
  chunks = 0;
  readonly #pending: Buffer;
  #filled = 0;

  constructor(
    private readonly chunkKey: Buffer,
    private readonly context: Buffer,
    private readonly chunkBytes: number,
  ) {
    this.#pending = Buffer.alloc(chunkBytes);
  }

  take(data: Buffer): Buffer[] {
    const frames: Buffer[] = [];
    let at = 0;
    while (at < data.length) {
      // a full buffer goes out only once more data proves it is not the last
      if (this.#filled === this.chunkBytes) frames.push(this.#seal(false));
      const copied = data.copy(this.#pending, this.#filled, at);
      this.#filled += copied;
      at += copied;
    }
    return frames;
  }

  end(): Buffer {
    return this.#seal(true);
  }

  #seal(final: boolean): Buffer {
    const frame = sealFrame(this.chunkKey, this.context, this.chunks, final, this.#pending.subarray(0, this.#filled));
    this.chunks += 1;
    this.#filled = 0;
    return frame;
  }
}

function push(stream: Transform, frame: Buffer): number {
  stream.push(frame);
  return frame.length;
}

/** Gives the finished file its name; a hard link fails rather than overwrite a snapshot already there. */
async function publish(tempPath: string, path: string): Promise<void> {
  try {
    await link(tempPath, path);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CutoverError('snapshot_exists', `The sealed snapshot file ${path} already exists and a snapshot file is never overwritten. Remove it first if it is really not needed, or seal under another name.`, { where: { file: path } });
    }
    // some filesystems have no hard links: rename, which would replace a file that appeared meanwhile
    await rename(tempPath, path);
    return;
  }
  await unlink(tempPath);
}

type WriterState = 'open' | 'finishing' | 'finished' | 'failed' | 'aborted';

function closed(path: string, state: WriterState): Error {
  const why = { open: 'is open', finishing: 'is finishing', finished: 'has finished', failed: 'has failed', aborted: 'was aborted' }[state];
  return new Error(`The seal writer for ${path} ${why}; it takes no more data.`);
}

function writeFailed(path: string, cause: unknown): CutoverError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new CutoverError('snapshot_write_failed', `Could not write the sealed snapshot file ${path} (${reason}). Check that its folder exists, is writable and has free space, then collect again.`, { where: { file: path }, cause });
}
