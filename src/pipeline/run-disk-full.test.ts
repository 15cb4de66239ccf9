import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCutoverError } from '../core/cutover-error.js';
import { writeSampleExport } from '../sample/index.js';
import { projectLayout } from '../store/project-layout.js';
import { testSession } from '../test-support/test-session.js';
import { collect } from './collect.js';
import { sampleProjectTemplate } from './demo.js';
import { migrate } from './migrate.js';
import { projectStatus } from './project-status.js';
import { reconcile } from './reconcile-project.js';

// a full disk, for real: the embedded database sits on a tmpfs of its own (the tests run as root)
const root = mkdtempSync(join(tmpdir(), 'cutover-dbfull-'));
const layout = projectLayout(root);
const key = { CUTOVER_SNAPSHOT_KEY: '44'.repeat(32) };
const mebi = 1024 * 1024;
let reserveMb: number;

async function inSession<T>(work: (session: ReturnType<typeof testSession>) => Promise<T>): Promise<T> {
  const session = testSession(root, { env: { ...key, CUTOVER_DISK_RESERVE_MB: String(reserveMb) } });
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

beforeAll(async () => {
  for (const part of ['cutover.yaml', 'specs', 'target', 'contract.yaml']) cpSync(join(sampleProjectTemplate, part), join(root, part), { recursive: true });
  await writeSampleExport({ outDir: join(root, 'export'), rows: 20_000, seed: 4 });
  mkdirSync(layout.databaseDir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=100m', 'tmpfs', layout.databaseDir]);
  reserveMb = 1;
  await inSession((session) => collect(session));
  // a reserve just above what is free: the disk counts as full from the first batch on
  const disk = statfsSync(layout.databaseDir);
  reserveMb = Math.floor((disk.bavail * disk.bsize) / mebi) + 1;
}, 300_000);

afterAll(() => {
  execFileSync('umount', [layout.databaseDir]);
  rmSync(root, { recursive: true, force: true });
});

describe('a run into the embedded database on a disk that fills', () => {
  it('stops in seconds with the message, no command hangs afterwards, and the same command resumes to the same books', async () => {
    const failure = await inSession((session) => migrate(session, { environment: 'test', fresh: true, resume: true, batchRows: 1_000 })).catch((e: unknown) => e);
    expect(isCutoverError(failure, 'disk_full')).toBe(true);
    expect((failure as Error).message).toMatch(new RegExp(`^The disk holding ${layout.databaseDir} has \\d+ MB free, less than the ${reserveMb} MB the embedded database needs to write safely, so Cutover stopped the run before the disk filled\\.`));

    // another command opens the store and answers
    const status = await inSession((session) => projectStatus(session));
    expect(status).toBeDefined();

    execFileSync('mount', ['-o', 'remount,size=300m', 'tmpfs', layout.databaseDir]);
    const { run } = await inSession((session) => migrate(session, { environment: 'test', fresh: false, resume: true, batchRows: 1_000 }));
    expect(run.status).toBe('succeeded');
    expect(run.entities.every((e) => e.balanced)).toBe(true);
    const reconciled = await inSession((session) => reconcile(session));
    expect(reconciled.unexplained).toBe(0);
  }, 600_000);
});
