import { beforeAll, describe, expect, it } from 'vitest';
import { isCutoverError } from '../../core/cutover-error.js';
import { requirePostgres, withDatabase } from '../../test-support/servers.js';
import { openTarget } from '../target.js';

let url: string;
beforeAll(async () => {
  url = await requirePostgres();
});

describe('a target server that fails under a run', () => {
  it('says a terminated connection in words on the next statement, and never crashes the process', async () => {
    const target = await openTarget(url);
    try {
      const [{ pid }] = (await target.db.query<{ pid: string }>('SELECT pg_backend_pid() AS pid')) as [{ pid: string }];
      await withDatabase(url, (admin) => admin.query('SELECT pg_terminate_backend($1::int)', [pid]));
      // the 'error' event arrives on its own; give it the time to
      await new Promise((resolve) => setTimeout(resolve, 200));
      const failure = await target.db.transaction((tx) => tx.query('SELECT 1')).catch((e: unknown) => e);
      expect(isCutoverError(failure, 'connection_lost')).toBe(true);
      expect((failure as Error).message).toMatch(/^The connection to PostgreSQL at 127\.0\.0\.1:5432\/test was lost \(.+\)\. .*run the same command again to carry on\.$/);
      // and every statement after it says the same
      expect(isCutoverError(await target.db.query('SELECT 1').catch((e: unknown) => e), 'connection_lost')).toBe(true);
    } finally {
      await target.close();
    }
  });

  it('keeps the errors of the SQL itself as they are', async () => {
    const target = await openTarget(url);
    try {
      const failure = await target.db.query('SELECT * FROM no_such_table_anywhere').catch((e: unknown) => e);
      expect(isCutoverError(failure)).toBe(false);
      expect((failure as { code?: string }).code).toBe('42P01');
      expect(await target.db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await target.close();
    }
  });

  it('lets one run at a time hold an environment, naming the holder to the second, until the first lets go', async () => {
    const first = await openTarget(url);
    const second = await openTarget(url);
    try {
      await first.claim('faults_env', 'env_faults_env', 'cutover run --env faults_env by ann on host-a');
      const refused = await second.claim('faults_env', 'env_faults_env', 'cutover run --env faults_env by bob on host-b').catch((e: unknown) => e);
      expect(isCutoverError(refused, 'target_busy')).toBe(true);
      expect((refused as Error).message).toMatch(
        /^Environment "faults_env" in PostgreSQL at 127\.0\.0\.1:5432\/test is being loaded by "cutover run --env faults_env by ann on host-a" \(from 127\.0\.0\.1, connected since \d{4}-\d\d-\d\d \d\d:\d\d\)\. Two runs into one environment would mix their rows/,
      );
      // another environment of the same server is free
      await second.claim('faults_other', 'env_faults_other', 'cutover run --env faults_other by bob on host-b');
      await first.close();
      await second.claim('faults_env', 'env_faults_env', 'cutover run --env faults_env by bob on host-b');
    } finally {
      await first.close().catch(() => {});
      await second.close();
    }
  });
});
