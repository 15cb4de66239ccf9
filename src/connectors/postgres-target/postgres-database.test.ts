import { describe, expect, it } from 'vitest';
import { describePostgresUrl } from './postgres-database.js';

describe('describePostgresUrl', () => {
  it.each([
    ['postgres://app:s3cret@db.example.test/crm?password=s3cret', 'PostgreSQL at db.example.test:5432/crm'],
    ['postgres:/app:s3cret@db.example.test/crm', 'PostgreSQL at postgres:/app:***@db.example.test/crm (the URL names no host)'],
    ['postgres://app:s3cret@db.example.test:notaport/crm', 'PostgreSQL at postgres://app:***@db.example.test:notaport/crm (the URL could not be read)'],
  ])('names where %s points without its password', (url, label) => {
    expect(describePostgresUrl(url)).toBe(label);
  });
});
