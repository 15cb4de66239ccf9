import { join, resolve } from 'node:path';

/** Where a migration project keeps each of its things on disk. */
export interface ProjectLayout {
  readonly root: string;
  readonly config: string;
  readonly stateDir: string;
  readonly databaseDir: string;
  readonly lockFile: string;
  readonly snapshotsDir: string;
  readonly reportsDir: string;
}

/** The layout of the project in `dir`: `cutover.yaml`, `.cutover/` for state, `reports/`. */
export function projectLayout(dir: string): ProjectLayout {
  const root = resolve(dir);
  const stateDir = join(root, '.cutover');
  return {
    root,
    config: join(root, 'cutover.yaml'),
    stateDir,
    databaseDir: join(stateDir, 'db'),
    lockFile: join(stateDir, 'lock'),
    snapshotsDir: join(stateDir, 'snapshots'),
    reportsDir: join(root, 'reports'),
  };
}
