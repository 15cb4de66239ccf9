import { describe, expect, it } from 'vitest';
import { maskUrl } from './url-mask.js';

describe('maskUrl', () => {
  it.each([
    ['postgres://app:s3cret@db:5432/crm', 'postgres://app:***@db:5432/crm'],
    ['postgresql://:s3cret@db/crm', 'postgresql://:***@db/crm'],
    ['mysql://crm:p%40ss%2Fword@127.0.0.1:3306/crm', 'mysql://crm:***@127.0.0.1:3306/crm'],
    ['mysql://crm:p@ss@127.0.0.1:3306/crm', 'mysql://crm:***@127.0.0.1:3306/crm'],
    ['postgres:/user:PW@host/db', 'postgres:/user:***@host/db'],
    ['postgres:user:PW@host/db', 'postgres:user:***@host/db'],
    ['postgres:///user:PW@host/db', 'postgres:///user:***@host/db'],
    ['postgres://app@db/crm?password=s3cret', 'postgres://app@db/crm?password=***'],
    ['postgres://db/crm?sslmode=require&sslpassword=s3cret&application_name=x', 'postgres://db/crm?sslmode=require&sslpassword=***&application_name=x'],
    ['mysql://db/crm?user=app&PASS=s3cret', 'mysql://db/crm?user=app&PASS=***'],
    ['mysql://db/crm?pwd=s%20cret#top', 'mysql://db/crm?pwd=***#top'],
    ['postgres://db/crm?pass%77ord=s3cret', 'postgres://db/crm?pass%77ord=***'],
    ['postgres://u:a@db/crm?password=b', 'postgres://u:***@db/crm?password=***'],
    ['host=db user=app password=s3cret dbname=crm', 'host=db user=app password=*** dbname=crm'],
  ])('masks %s', (url, masked) => {
    expect(maskUrl(url)).toBe(masked);
  });

  it.each(['postgres://app@db:5432/crm?sslmode=require', 'sqlite:/data/crm.db', '/data/crm.sqlite', 'C:\\data\\crm.db'])('leaves %s as it is', (url) => {
    expect(maskUrl(url)).toBe(url);
  });
});
