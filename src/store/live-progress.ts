import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ownerFileMode } from './owner-only.js';
import type { ProjectLayout } from './project-layout.js';
import { otherLockHolder } from './project-lock.js';

/**
 * How far the run in progress has got, in a small file beside the store: the store stays
 * locked while a run loads, so another process (the review app) reads this instead.
 */
export interface LiveProgress {
  readonly runId: number;
  readonly pid: number;
  /** milliseconds since the epoch */
  readonly startedAt: number;
  readonly entities: readonly { readonly entity: string; readonly rows: number; readonly total: number; readonly done: boolean; readonly updatedAt: number }[];
}

const fileOf = (layout: ProjectLayout) => join(layout.stateDir, 'run-progress.json');

/** Replaces the file in one step, so a reader never sees half of it. */
export function writeLiveProgress(layout: ProjectLayout, progress: LiveProgress): void {
  const file = fileOf(layout);
  writeFileSync(`${file}.new`, JSON.stringify(progress), { mode: ownerFileMode });
  renameSync(`${file}.new`, file);
}

/** Removes the file once the run has ended, however it ended. */
export function clearLiveProgress(layout: ProjectLayout): void {
  rmSync(fileOf(layout), { force: true });
}

/** The progress of a run another live process is loading right now; undefined otherwise (a file left by a killed run is ignored). */
export function readLiveProgress(layout: ProjectLayout): LiveProgress | undefined {
  let progress: LiveProgress;
  try {
    progress = JSON.parse(readFileSync(fileOf(layout), 'utf8')) as LiveProgress;
  } catch {
    return undefined;
  }
  return otherLockHolder(layout.lockFile)?.pid === progress.pid ? progress : undefined;
}

/** True when another live process holds the project (a run, a collect): its store cannot be opened now. */
export function heldByAnother(layout: ProjectLayout): boolean {
  return otherLockHolder(layout.lockFile) !== undefined;
}
