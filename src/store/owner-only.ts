import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Mode of a folder under `.cutover/`: the owner alone may list and enter it. */
export const ownerFolderMode = 0o700;
/** Mode of a file under `.cutover/`: the owner alone may read and write it. */
export const ownerFileMode = 0o600;

/**
 * Takes group and others' rights from everything under `dir` (folders 0700, files 0600),
 * keeping read-only files read-only for their owner.
 */
export function restrictToOwner(dir: string): void {
  const stat = lstatSync(dir, { throwIfNoEntry: false });
  if (!stat || stat.isSymbolicLink()) return;
  if (!stat.isDirectory()) {
    chmodSync(dir, stat.mode & 0o200 ? ownerFileMode : 0o400);
    return;
  }
  chmodSync(dir, ownerFolderMode);
  for (const name of readdirSync(dir)) restrictToOwner(join(dir, name));
}
