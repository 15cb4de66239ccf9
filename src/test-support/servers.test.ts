import { describe, expect, it } from 'vitest';
import { requireMariaDb, requirePostgres } from './servers.js';

describe('the integration test servers', () => {
  it('answer and give the URLs the tests connect to', async () => {
    expect([await requirePostgres(), await requireMariaDb()]).toEqual([
      'postgres://postgres@127.0.0.1:5432/test',
      'mysql://root@127.0.0.1:3306/test',
    ]);
  });
});
