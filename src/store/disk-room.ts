import { statfs } from 'node:fs/promises';
import { CutoverError } from '../core/cutover-error.js';

const mebi = 1024 * 1024;

/**
 * Free space the embedded database must have before a step writes to it. On a full disk
 * it does not fail: it spins for ever, and will not start again until space is freed.
 * Its writes reach the disk late: up to 128 MB of changed pages wait in its buffers for
 * the next checkpoint, and the write-ahead log grows by 16 MB segments.
 */
export const defaultDiskReserve = 160 * mebi;

/** The reserve a project's environment asks for (CUTOVER_DISK_RESERVE_MB), else the default. */
export function diskReserve(env: NodeJS.ProcessEnv): number {
  const asked = Number(env['CUTOVER_DISK_RESERVE_MB']);
  return Number.isFinite(asked) && asked > 0 ? asked * mebi : defaultDiskReserve;
}

/**
 * Stops the step, in words, when the disk holding `dir` has less than `reserve` bytes
 * free, before the embedded database runs into it. `doing` says what was stopped.
 */
export async function ensureDiskRoom(dir: string, reserve: number, doing: string): Promise<void> {
  const disk = await statfs(dir).catch(() => undefined);
  if (disk === undefined) return;
  const free = disk.bavail * disk.bsize;
  if (free >= reserve) return;
  const mb = (bytes: number) => `${Math.floor(bytes / mebi).toLocaleString('en-GB')} MB`;
  throw new CutoverError(
    'disk_full',
    `The disk holding ${dir} has ${mb(free)} free, less than the ${mb(reserve)} the embedded database needs to write safely, so Cutover stopped ${doing} before the disk filled. ` +
      'Nothing already collected or loaded was lost. Free some space there (or move the project to a larger disk) and run the same command again to carry on.',
    { where: { file: dir } },
  );
}
