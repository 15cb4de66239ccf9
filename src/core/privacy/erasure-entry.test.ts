import { describe, expect, it } from 'vitest';
import { KEY_SEPARATOR } from '../mapping/source-key.js';
import { normaliseErasureEntry, readErasureList } from './erasure-entry.js';

describe('normaliseErasureEntry', () => {
  it('matches e-mails trimmed and in small letters, phones in E.164, keys trimmed', () => {
    expect(normaliseErasureEntry('email', ' Jane.Doe@Example.COM ', 1)).toEqual({ ok: true, value: 'jane.doe@example.com' });
    expect(normaliseErasureEntry('phone', '07700 900123', 1)).toEqual({ ok: true, value: '+447700900123' });
    expect(normaliseErasureEntry('phone', '+44 (0)7700-900123', 1)).toEqual({ ok: true, value: '+447700900123' });
    expect(normaliseErasureEntry('key', '  P0001 ', 1)).toEqual({ ok: true, value: 'P0001' });
    expect(normaliseErasureEntry('key', ' P0001 | APP ', 2)).toEqual({ ok: true, value: `P0001${KEY_SEPARATOR}APP` });
  });

  it('says why an entry is not one', () => {
    expect(normaliseErasureEntry('email', 'Jane Doe', 1)).toEqual({ ok: false, reason: '"Jane Doe" is not an e-mail address: it contains a space' });
    expect(normaliseErasureEntry('phone', 'call me', 1)).toEqual({ ok: false, reason: '"call me" is not a phone number' });
    expect(normaliseErasureEntry('key', 'P0001', 2)).toEqual({ ok: false, reason: '"P0001" is not a key of 2 parts written with | between them' });
  });
});

describe('readErasureList', () => {
  it('skips blank lines and a heading, takes quotes off, and keeps each entry once', () => {
    const text = '\uFEFFEmail\r\n\r\n"ann@example.org"\r\n  ANN@example.org \r\nbob@example.org\r\n';
    expect(readErasureList(text, 'email', ['PersonID'])).toEqual({ entries: ['ann@example.org', 'bob@example.org'], problems: [] });
    expect(readErasureList('PersonID\nP1\nP2\n', 'key', ['PersonID'])).toEqual({ entries: ['P1', 'P2'], problems: [] });
    expect(readErasureList('PersonID | RoleCode\nP1|APP\n', 'key', ['PersonID', 'RoleCode'])).toEqual({ entries: [`P1${KEY_SEPARATOR}APP`], problems: [] });
  });

  it('names every line that is not an entry, by its number', () => {
    expect(readErasureList('Phone\n07700 900123\nsee notes\n\n12\n', 'phone', ['PersonID'])).toEqual({
      entries: ['+447700900123'],
      problems: [
        { line: 3, message: '"see notes" is not a phone number' },
        { line: 5, message: '"12" is not a phone number' },
      ],
    });
  });

  it('reads a heading only on the first line', () => {
    expect(readErasureList('ann@example.org\nEmail\n', 'email', []).problems).toEqual([{ line: 2, message: '"Email" is not an e-mail address: it has no @' }]);
  });
});
