import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCutoverError } from '../core/cutover-error.js';
import { parseProjectConfig } from '../core/project-config.js';
import { writeSampleExport } from '../sample/index.js';
import { projectLayout } from '../store/project-layout.js';
import { testSession } from '../test-support/test-session.js';
import type { ProjectSession } from './project-session.js';
import { collect } from './collect.js';

// a full disk, for real: the snapshots folder sits on a 2 MiB tmpfs (the tests run as root)
const root = mkdtempSync(join(tmpdir(), 'cutover-full-'));
const small = mkdtempSync(join(tmpdir(), 'cutover-tmpfs-'));
const layout = projectLayout(root);
const config = parseProjectConfig(
  'customer: Test\nsources:\n  export: { files: export, include: ["*.csv"] }\nsnapshot_key_env: KEY\nspec: s.yaml\ntarget: { schema: t.sql }\nenvironments: { test: { database: embedded } }\n',
  'cutover.yaml',
);
const env = { KEY: '33'.repeat(32) };
let session: ProjectSession;

beforeAll(async () => {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', small]);
  await writeSampleExport({ outDir: join(root, 'export'), rows: 60_000, seed: 2 });
  session = testSession(root, { config, env });
  await session.store();
  symlinkSync(small, layout.snapshotsDir);
});

afterAll(async () => {
  await session?.close();
  execFileSync('umount', [small]);
  rmSync(root, { recursive: true, force: true });
  rmSync(small, { recursive: true, force: true });
});

describe('a collect on a full disk', () => {
  it('fails with a clear message and leaves no snapshot and no partial files', async () => {
    const failure = await collect(session).catch((e: unknown) => e);
    expect(isCutoverError(failure, 'snapshot_write_failed')).toBe(true);
    expect((failure as Error).message).toMatch(/ENOSPC|no space/i);
    expect(readdirSync(small)).toEqual([]);
  });
});
