import { describe, expect, it } from 'vitest';
import { maskValue } from './mask-value.js';
import { isPersonalColumn } from './personal-data.js';

describe('maskValue', () => {
  it('keeps first letters and shape, hides the rest', () => {
    expect(maskValue('jo@example.com (home)')).toBe('j*@e******.c** (h***)');
    expect(['John Smith', 'john@example.com', 'jo.smith@mail.example.co.uk', 'SW1A 1AA', '07700 900123', "O'Brien-Zoë", ' jo@x.com ', 'A', ''].map(maskValue)).toEqual([
      'J*** S****', 'j***@e******.com', 'j*******@m***.e******.c*.uk', 'S*** 1**', '0**** 9*****', "O'B****-Z**", ' j*@x.com ', 'A', '',
    ]);
  });
});

describe('isPersonalColumn', () => {
  it('guesses from the name and the kind of values', () => {
    const cases: [string, Parameters<typeof isPersonalColumn>[1]][] = [
      ['Surname', 'text'], ['EmailAddr', 'text'], ['contact', 'email'], ['Mobile', 'text'], ['PostCode', 'uk_postcode'], ['x', 'phone'],
      ['PropertyRef', 'integer'], ['Rent', 'money'], ['Status', 'text'],
    ];
    expect(cases.map(([n, t]) => isPersonalColumn(n, t))).toEqual([true, true, true, true, true, true, false, false, false]);
  });
});
