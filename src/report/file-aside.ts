import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CutoverError } from '../core/cutover-error.js';

/** A file being written under a hidden name beside its own, until it is whole. */
export interface AsideFile {
  readonly partial: string;
  /** Renames the whole file into place; an earlier copy stays until then. */
  commit(): Promise<void>;
  /** Removes what was written. */
  discard(): Promise<void>;
}

/**
 * Starts a file that reaches its name only when complete, so a full disk or a stopped
 * command never leaves half a page, or a workbook Excel cannot open, under the name the
 * customer opens.
 */
export function fileAside(path: string): AsideFile {
  const partial = join(dirname(path), `.${basename(path)}.partial-${process.pid}`);
  return {
    partial,
    commit: () => rename(partial, path),
    discard: () => rm(partial, { force: true }),
  };
}

/** Writes a file through `write(partialPath)` and renames it into place once whole; a full disk is said in words. */
export async function writeAside<T>(path: string, write: (partialPath: string) => Promise<T>): Promise<T> {
  const file = fileAside(path);
  try {
    const result = await write(file.partial);
    await file.commit();
    return result;
  } catch (error) {
    await file.discard();
    throw wordDiskFull(path, error);
  }
}

/** `writeFile`, written aside. */
export function writeFileAside(path: string, data: string | Uint8Array): Promise<void> {
  return writeAside(path, (partial) => writeFile(partial, data));
}

/** A disk with no room left for `path` as a CutoverError saying so; any other error as it is. */
export function wordDiskFull(path: string, error: unknown): unknown {
  if ((error as NodeJS.ErrnoException | undefined)?.code !== 'ENOSPC') return error;
  return new CutoverError(
    'disk_full',
    `The disk holding ${dirname(path)} is full, so ${basename(path)} was not written; nothing half-written was left behind and nothing already collected or loaded was lost. Free some space there and run the same command again.`,
    { cause: error, where: { file: path } },
  );
}
