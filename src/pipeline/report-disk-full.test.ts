import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCutoverError } from '../core/cutover-error.js';
import { check } from './check-step.js';
import { testSession } from '../test-support/test-session.js';
import { writeFileAside } from '../report/file-aside.js';

// a full disk, for real: the reports go to a 64 KiB tmpfs (the tests run as root)
const root = mkdtempSync(join(tmpdir(), 'cutover-aside-'));
const small = mkdtempSync(join(tmpdir(), 'cutover-aside-tmpfs-'));

beforeAll(() => {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', small]);
  mkdirSync(join(root, 'export'));
  // every other row is ragged: thousands of problems, more than the small disk holds
  const rows = Array.from({ length: 6_000 }, (_, k) => (k % 2 === 0 ? `${k},Person ${k},extra,cells` : `${k},Person ${k}`));
  writeFileSync(join(root, 'export', 'people.csv'), `id,name\n${rows.join('\n')}\n`);
});

afterAll(() => {
  execFileSync('umount', [small]);
  rmSync(root, { recursive: true, force: true });
  rmSync(small, { recursive: true, force: true });
});

describe('report files on a full disk', () => {
  it('keeps an earlier copy until the new one is whole', async () => {
    const path = join(root, 'page.html');
    await writeFileAside(path, 'first');
    await writeFileAside(path, 'second');
    expect(readdirSync(root).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('ends the check with a message naming the full folder, and leaves no half-written report', async () => {
    const session = testSession(root, {});
    try {
      const failure = await check(session, { delivery: join(root, 'export'), outDir: small }).catch((e: unknown) => e);
      expect(isCutoverError(failure, 'disk_full')).toBe(true);
      expect((failure as Error).message).toMatch(new RegExp(`^The disk holding ${small} is full, so check-export\\.(xlsx|html) was not written; nothing half-written was left behind`));
      expect(readdirSync(small)).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
