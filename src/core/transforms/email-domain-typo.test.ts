import { describe, expect, test } from 'vitest';
import { likelyDomainTypo } from './email-domain-typo.js';

describe('likelyDomainTypo', () => {
  test.each([
    ['gmial.com', 'gmail.com'],
    ['gmai.com', 'gmail.com'],
    ['hotmial.co.uk', 'hotmail.co.uk'],
    ['hotmail.co.k', 'hotmail.co.uk'],
    ['yaho.co.uk', 'yahoo.co.uk'],
    ['outlok.com', 'outlook.com'],
    ['btinternet.con', 'btinternet.com'],
  ])('%s looks like %s', (domain, meant) => {
    expect(likelyDomainTypo(domain)).toBe(meant);
  });

  test.each(['gmail.com', 'mail.com', 'wp.pl', 'example.com', 'acme-lettings.co.uk', 'gmx.net', 'live.com'])('%s is taken as written', (domain) => {
    expect(likelyDomainTypo(domain)).toBeUndefined();
  });
});
