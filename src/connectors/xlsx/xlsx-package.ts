import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { fileError, fileIsFolder } from '../csv/csv-errors.js';
import { emptyWorkbook, notWorkbook } from './xlsx-errors.js';

/** The parts (files) inside an .xlsx ZIP package, opened for random access. */
export interface XlsxPackage {
  has(part: string): boolean;
  /** Streams one part's bytes, inflating as it goes. */
  open(part: string): Promise<Readable>;
  close(): void;
}

// compound-file signature: .xls workbooks and password-protected .xlsx both start with it
const oleSignature = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Opens the ZIP package of an .xlsx file and indexes its parts without reading them, failing
 * with a CutoverError for a missing or unreadable file or one that is not a ZIP package.
 */
export async function openXlsxPackage(name: string, path: string): Promise<XlsxPackage> {
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
    open: async (part) => {
      const entry = entries.get(part.toLowerCase());
      if (entry === undefined) throw new Error(`no part ${part} in ${name}`);
      return zip.openReadStreamPromise(entry);
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
