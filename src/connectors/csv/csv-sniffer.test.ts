import { describe, expect, it } from 'vitest';
import { sniffDelimiter, sniffEncoding } from './csv-sniffer.js';

describe('sniffing an encoding', () => {
  it('lets a character cut off at the end of a partial sample pass as UTF-8, but not at the end of the file', () => {
    const cut = Buffer.from('id,name\n1,Zoë', 'utf-8').subarray(0, -1);
    expect([sniffEncoding(cut, false), sniffEncoding(cut, true)]).toEqual([
      { encoding: 'utf-8', hasBom: false },
      { encoding: 'windows-1252', hasBom: false },
    ]);
  });

  it('takes an empty sample as UTF-8', () => {
    expect(sniffEncoding(new Uint8Array(0), true)).toEqual({ encoding: 'utf-8', hasBom: false });
  });
});

describe('sniffing a delimiter', () => {
  it('counts the header line only, outside quotes, after leading blank lines', () => {
    expect([
      sniffDelimiter('\r\n\na;b;c,d\n1,2,3,4,5,6'),
      sniffDelimiter('"a;b;c"|d|e'),
      sniffDelimiter('a\tb\tc|d'),
    ]).toEqual([';', '|', '\t']);
  });

  it('breaks ties in the order , ; tab | and falls back to a comma', () => {
    expect([sniffDelimiter('a|b;c'), sniffDelimiter('a;b,c'), sniffDelimiter('name'), sniffDelimiter('')]).toEqual([
      ';',
      ',',
      ',',
      ',',
    ]);
  });
});
