import { open, stat } from 'node:fs/promises';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import yauzl from 'yauzl';
import { fileError, fileIsFolder } from '../csv/csv-errors.js';
import { emptyWorkbook, notWorkbook } from './xlsx-errors.js';
import { defaultXlsxLimits, PartFailure, sizeWords, type XlsxLimits } from './xlsx-limits.js';

/** The parts (files) inside an .xlsx ZIP package, opened for random access. */
export interface XlsxPackage {
  has(part: string): boolean;
  /**
   * Streams one part's bytes, inflating as it goes and stopping with a PartFailure past
   * `maxBytes` (the limits' part size by default), or past the limits' ratio of inflated to
   * compressed bytes.
   */
  open(part: string, maxBytes?: number): Promise<Readable>;
  readonly limits: XlsxLimits;
  close(): void;
}

// compound-file signature: .xls workbooks and password-protected .xlsx both start with it
const oleSignature = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Opens the ZIP package of an .xlsx file and indexes its parts without reading them, failing
 * with a CutoverError for a missing or unreadable file or one that is not a ZIP package.
 */
export async function openXlsxPackage(name: string, path: string, limits: XlsxLimits = defaultXlsxLimits): Promise<XlsxPackage> {
  const head = await readHead(name, path);
  if (head.subarray(0, oleSignature.length).equals(oleSignature)) throw notWorkbook(name, path, 'legacy-or-protected');
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  } catch (error) {
    throw notWorkbook(name, path, 'not-zip', error);
  }
  // part names are case-insensitive in Office packages
  const entries = new Map<string, yauzl.Entry>();
  try {
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName.toLowerCase(), entry);
  } catch (error) {
    zip.close();
    throw notWorkbook(name, path, 'not-zip', error);
  }
  return {
    has: (part) => entries.has(part.toLowerCase()),
    limits,
    open: async (part, maxBytes = limits.maxPartBytes) => {
      const bounds = { ...limits, maxPartBytes: maxBytes };
      const entry = entries.get(part.toLowerCase());
      if (entry === undefined) throw new Error(`no part ${part} in ${name}`);
      // the sizes the ZIP declares are checked before inflating; yauzl holds the entry to them
      const limit = Math.min(bounds.maxPartBytes, Math.max(bounds.ratioFloorBytes, entry.compressedSize * bounds.maxRatio));
      if (entry.uncompressedSize > limit) throw tooLarge(part, entry.uncompressedSize, entry.compressedSize, bounds);
      let raw: Readable;
      try {
        raw = await zip.openReadStreamPromise(entry);
      } catch (error) {
        throw new PartFailure('unreadable', part, error instanceof Error ? error.message : String(error));
      }
      const counted = countingStream(part, limit, entry.compressedSize, bounds);
      // inflate and ZIP errors arrive on the raw stream: pass them on as a damaged part
      raw.on('error', (error) => counted.destroy(new PartFailure('unreadable', part, error.message)));
      counted.on('close', () => raw.destroy());
      return raw.pipe(counted);
    },
    close: () => zip.close(),
  };
}

async function readHead(name: string, path: string): Promise<Buffer> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw fileIsFolder(name, path);
    if (info.size === 0) throw emptyWorkbook(name, path);
    const handle = await open(path, 'r');
    try {
      const head = Buffer.alloc(oleSignature.length);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      return head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof Error && 'syscall' in error) throw fileError(name, path, error);
    throw error;
  }
}

function tooLarge(part: string, inflated: number, compressed: number, bounds: XlsxLimits): PartFailure {
  if (inflated > bounds.maxPartBytes) return new PartFailure('too-large', part, `it inflates to more than ${sizeWords(bounds.maxPartBytes)}`);
  const ratio = Math.round(inflated / Math.max(1, compressed));
  return new PartFailure('too-large', part, `it inflates ${ratio.toLocaleString('en-GB')} times its compressed size, which real workbooks never do (a ZIP bomb)`);
}

// a second guard while reading, for entries whose sizes are missing from the ZIP's headers
function countingStream(part: string, limit: number, compressed: number, bounds: XlsxLimits): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      seen += chunk.length;
      if (seen > limit) done(tooLarge(part, seen, compressed, bounds));
      else done(null, chunk);
    },
  });
}
