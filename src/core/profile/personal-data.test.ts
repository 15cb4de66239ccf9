import { describe, expect, it } from 'vitest';
import { maskFreeText, maskPersonal, maskQuoted, maskValuesIn, personalKindOf } from './personal-data.js';

describe('personalKindOf', () => {
  it('classifies by the kind of values first, then by the name', () => {
    const cases: [string, Parameters<typeof personalKindOf>[1]][] = [
      ['Forename', 'text'], ['Surname', 'text'], ['ContactName', 'text'], ['EmailAddr', 'text'], ['contact', 'email'], ['Mobile', 'text'],
      ['Postcode', 'uk_postcode'], ['Address1', 'text'], ['Town', 'text'], ['DateOfBirth', 'date'], ['DOB', 'date'], ['Notes', 'text'],
      ['NINumber', 'text'], ['x', 'phone'], ['NoteId', 'integer'], ['PropertyRef', 'integer'], ['Rent', 'money'], ['Status', 'text'],
    ];
    expect(cases.map(([n, t]) => personalKindOf(n, t))).toEqual([
      'given_name', 'family_name', 'full_name', 'email', 'email', 'phone',
      'postcode', 'address', 'address', 'birth_date', 'birth_date', 'notes',
      'identity_number', 'phone', 'none', 'none', 'none', 'none',
    ]);
  });
});

describe('maskPersonal', () => {
  it('masks every kind but none', () => {
    expect([maskPersonal('Ann Lee', 'full_name'), maskPersonal('Let agreed', 'none')]).toEqual(['A** L**', 'Let agreed']);
  });
});

describe('maskFreeText', () => {
  it('masks e-mail addresses and UK phone numbers inside text', () => {
    expect(maskFreeText('email: "jo.smith@example.co.uk" is not an e-mail address; call 07622 597211 or +44 7117 879392 (0161) 496-0000.')).toBe(
      'email: "j*******@e******.c*.uk" is not an e-mail address; call 0**** 5***** or +4* 7*** 8***** (0***) 4**-0***.',
    );
  });

  it('leaves numbers, hashes, dates, money and keys alone', () => {
    expect(maskFreeText('source postgres://app:***@db.example.com:5432/crm?password=***')).toBe('source postgres://app:***@db.example.com:5432/crm?password=***');
    const text = 'snapshot 0123456789abcdef, hash a01234567890b, 2024-02-29 13:45, £1,234.50, P0000001, 12345678901 rows, v1.0.2@latest';
    expect(maskFreeText(text)).toBe(text);
  });
});

describe('maskValuesIn', () => {
  it('masks the values a message quotes, then anything like an e-mail or phone', () => {
    expect(maskValuesIn('first_name: "Ann Lee" is too long; ask ann@x.org', ['Ann Lee', null, 'A'])).toBe('first_name: "A** L**" is too long; ask a**@x.org');
  });
});

describe('maskQuoted', () => {
  it('masks what a message about a personal column quotes', () => {
    expect(maskQuoted('the surname "Ann-Marie O\'Neil" is too long; call 07700 900123')).toBe('the surname "A**-M**** O\'N***" is too long; call 0**** 9*****');
  });
});
