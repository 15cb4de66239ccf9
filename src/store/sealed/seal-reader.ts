import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createBrotliDecompress, createInflateRaw } from 'node:zlib';
import { isCutoverError } from '../../core/cutover-error.js';
import { at, chunkDamaged, chunkTooLong, headerDamaged, misplaced, notInflatable, notSealed, trailingBytes, truncated, unsupported, wrongKey } from './seal-errors.js';
import {
  chunkLimits,
  decodeHeader,
  defaultChunkBytes,
  codecOf,
  fileContext,
  headerBytes,
  headerChecksumMatches,
  headerMacMatches,
  lengthBytes,
  openFrame,
  sealMagic,
  sealVersion,
  tagBytes,
} from './seal-format.js';
import type { SnapshotKey } from './snapshot-key.js';

/**
 * Reads a sealed file back as plaintext. Each chunk is handed out only after its tag
 * verified, and a file whose last chunk is missing throws before the data ends, so a
 * consumer that reaches the end has read the whole file. Memory stays flat.
 * @example for await (const bytes of openSealReader(file, key, 'people.csv')) out.write(bytes)
 */
export function openSealReader(path: string, key: SnapshotKey, aad: string): AsyncIterable<Uint8Array> {
  return { [Symbol.asyncIterator]: () => inflated(path, key, aad) };
}

async function* inflated(path: string, key: SnapshotKey, aad: string): AsyncGenerator<Uint8Array> {
  // the header says which codec the file uses; the frames are read with it checked again
  const { codec } = await headerOf(path, key, aad);
  const source = Readable.from(verifiedChunks(path, key, aad), { objectMode: false });
  const inflate = codec === 'brotli' ? createBrotliDecompress({ chunkSize: defaultChunkBytes }) : createInflateRaw({ chunkSize: defaultChunkBytes });
  // our errors pass through unchanged: a plain pipe would leave the inflater waiting
  source.on('error', (error) => inflate.destroy(error));
  source.pipe(inflate);
  try {
    for await (const chunk of inflate) yield chunk as Buffer;
  } catch (error) {
    throw isCutoverError(error) ? error : notInflatable(path, error);
  } finally {
    source.destroy();
    inflate.destroy();
  }
}

/**
 * Checks that a sealed file is there and that its header opens under the key and the
 * name it is bound to, reading its header only: what a reader would refuse at its first
 * byte is refused before any work starts. Its chunks are checked as they are read.
 */
export async function checkSealedHeader(path: string, key: SnapshotKey, aad: string): Promise<void> {
  await headerOf(path, key, aad);
}

async function headerOf(path: string, key: SnapshotKey, aad: string): Promise<OpenedHeader> {
  const handle = await openSealed(path);
  try {
    return await readHeader(handle, (await handle.stat()).size, path, key, aad);
  } catch (error) {
    throw isCutoverError(error) ? error : notSealed(path, `reading it failed (${(error as Error).message})`, error);
  } finally {
    await handle.close();
  }
}

async function openSealed(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (cause) {
    throw notSealed(path, `it cannot be opened (${(cause as Error).message})`, cause);
  }
}

/** The compressed stream, one verified frame at a time. */
async function* verifiedChunks(path: string, key: SnapshotKey, aad: string): AsyncGenerator<Buffer> {
  const handle = await openSealed(path);
  try {
    const { size } = await handle.stat();
    const { chunkBytes, chunkKey, context } = await readHeader(handle, size, path, key, aad);
    const body = Buffer.alloc(chunkBytes + tagBytes);
    let offset = headerBytes;
    for (let index = 0; ; index += 1) {
      const chunk = index + 1;
      if (offset === size) {
        throw truncated(path, index === 0 ? `ends after its header, before its first chunk (at byte ${at(size)})` : `ends after chunk ${index} (at byte ${at(size)}) without its last chunk`);
      }
      if (size - offset < lengthBytes) throw truncated(path, `ends inside chunk ${chunk} (at byte ${at(size)})`);
      const length = (await readAt(handle, Buffer.alloc(lengthBytes), offset)).readUInt32BE(0);
      if (length > chunkBytes) throw chunkTooLong(path, chunk, offset, length, chunkBytes);
      const end = offset + lengthBytes + length + tagBytes;
      if (end > size) throw truncated(path, `ends inside chunk ${chunk} (at byte ${at(size)}, ${at(end - size)} bytes short)`);
      const frame = await readAt(handle, body.subarray(0, length + tagBytes), offset + lengthBytes);
      const ciphertext = frame.subarray(0, length);
      const tag = frame.subarray(length);
      // the last frame in the file must be the one flagged final, and only that one
      const last = end === size;
      const plain = openFrame(chunkKey, context, index, last, ciphertext, tag);
      if (plain === undefined) {
        if (openFrame(chunkKey, context, index, !last, ciphertext, tag) === undefined) throw chunkDamaged(path, chunk, offset, end);
        throw last ? truncated(path, `ends after chunk ${chunk} (at byte ${at(size)}) without its last chunk`) : trailingBytes(path, end, size);
      }
      yield plain;
      if (last) return;
      offset = end;
    }
  } catch (error) {
    throw isCutoverError(error) ? error : notSealed(path, `reading it failed (${(error as Error).message})`, error);
  } finally {
    await handle.close();
  }
}

/** Checks the header in the order that names the real problem: not sealed, damaged, other key, other name. */
async function readHeader(handle: FileHandle, size: number, path: string, key: SnapshotKey, aad: string) {
  const header = await readAt(handle, Buffer.alloc(Math.min(size, headerBytes)), 0);
  const magic = header.subarray(0, sealMagic.length);
  if (!magic.equals(sealMagic.subarray(0, magic.length))) throw notSealed(path, `it does not start with ${sealMagic.toString('latin1')}`);
  if (header.length > sealMagic.length && header[sealMagic.length] !== sealVersion) {
    throw unsupported(path, `format version ${header[sealMagic.length]}`);
  }
  if (header.length < headerBytes) throw truncated(path, `ends inside its header (at byte ${at(size)} of ${headerBytes})`);
  if (!headerChecksumMatches(header)) throw headerDamaged(path, headerBytes);
  const fields = decodeHeader(header);
  const codec = codecOf(fields.compression);
  if (codec === undefined) throw unsupported(path, `compression code ${fields.compression}`);
  if (fields.chunkBytes < chunkLimits.min || fields.chunkBytes > chunkLimits.max) throw unsupported(path, `chunks of ${at(fields.chunkBytes)} bytes`);
  if (fields.keyId !== key.id) throw wrongKey(path, fields.keyId, key.id, key.variable);
  const keys = key.fileKeys(fields.salt);
  if (!headerMacMatches(header, keys.headerKey, aad)) throw misplaced(path, aad);
  return { codec, chunkBytes: fields.chunkBytes, chunkKey: keys.chunkKey, context: fileContext(header, aad) };
}

type OpenedHeader = Awaited<ReturnType<typeof readHeader>>;

/** Fills `buffer` from `position`; the caller has checked the file is long enough. */
async function readAt(handle: FileHandle, buffer: Buffer, position: number): Promise<Buffer> {
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position + filled);
    if (bytesRead === 0) throw new Error(`it got shorter while being read, at byte ${position + filled}`);
    filled += bytesRead;
  }
  return buffer;
}
