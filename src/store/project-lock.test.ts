import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireProjectLock } from './project-lock.js';

const dir = mkdtempSync(join(tmpdir(), 'cutover-lock-'));
const lockFile = join(dir, 'lock');
const at = new Date('2026-11-23T10:00:00Z');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the project lock', () => {
  it('lets one command hold the project at a time', () => {
    const lock = acquireProjectLock(lockFile, 'cutover run', at);
    expect(() => acquireProjectLock(lockFile, 'cutover demo', at)).toThrow(
      `This project is in use by another cutover command ("cutover run", process ${process.pid}, started 2026-11-23T10:00:00.000Z).`,
    );
    lock.release();
    acquireProjectLock(lockFile, 'cutover demo', at).release();
  });

  it('takes over the lock of a process that died', () => {
    writeFileSync(lockFile, JSON.stringify({ pid: 2 ** 22 + 1, host: hostname(), command: 'cutover run', since: at.toISOString() }));
    const lock = acquireProjectLock(lockFile, 'cutover demo', at);
    lock.release();
  });
});
