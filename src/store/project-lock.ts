import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { CutoverError } from '../core/cutover-error.js';

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  readonly since: string;
}

/** A held project lock; `release` is safe to call twice. */
export interface ProjectLock {
  release(): void;
}

/**
 * Takes the project's exclusive lock. The embedded database has no lock between
 * processes, and two writers would lose each other's work, so a second command waits
 * for nobody: it fails at once, naming the process that holds the project.
 */
export function acquireProjectLock(lockFile: string, command: string, now: Date): ProjectLock {
  const owner: LockOwner = { pid: process.pid, host: hostname(), command, since: now.toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx', 0o600);
      writeSync(fd, JSON.stringify(owner));
      closeSync(fd);
      let held = true;
      const release = (): void => {
        if (!held) return;
        held = false;
        process.off('exit', release);
        rmSync(lockFile, { force: true });
      };
      process.on('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readOwner(lockFile);
      if (holder && isAlive(holder)) {
        throw new CutoverError(
          'project_busy',
          `This project is in use by another cutover command ("${holder.command}", process ${holder.pid}, started ${holder.since}). ` +
            'Wait for it to finish, or stop that process, then try again.',
          { where: { file: lockFile } },
        );
      }
      // the holder died without cleaning up: its lock is stale
      rmSync(lockFile, { force: true });
    }
  }
  throw new CutoverError('project_busy', `Could not lock the project (${lockFile}). Remove that file if no cutover command is running.`);
}

function readOwner(lockFile: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(lockFile, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live process holding the project's lock, when another one holds it; undefined when none does, or this process does. */
export function otherLockHolder(lockFile: string): { readonly pid: number; readonly command: string } | undefined {
  const holder = readOwner(lockFile);
  if (holder === undefined || (holder.pid === process.pid && holder.host === hostname()) || !isAlive(holder)) return undefined;
  return { pid: holder.pid, command: holder.command };
}
