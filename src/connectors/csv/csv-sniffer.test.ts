import { describe, expect, it } from 'vitest';
import { sniffDelimiter, sniffEncoding, sniffEscapes } from './csv-sniffer.js';

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

describe('sniffing escapes', () => {
  it('takes text with \\N fields or dump escapes and no quote as backslash-escaped', () => {
    expect([
      sniffEscapes('id\tname\n1\t\\N\n', '\t'),
      sniffEscapes('id\tnote\n1\ttab\\there\n', '\t'),
      sniffEscapes('id\tnote\n1\ttwo\\\nlines\n', '\t'),
      sniffEscapes('id,note\n1,a\\,b\n', ','),
      sniffEscapes('id\tnote\n1\tcut off\t\\', '\t'),
    ]).toEqual(['backslash', 'backslash', 'backslash', 'backslash', 'quotes']);
  });

  it('stays on quotes for a quote anywhere, a backslash no dump writes, or no backslash at all', () => {
    expect([
      sniffEscapes('id,name\n1,\\N\n2,"Smith, Jo"\n', ','),
      sniffEscapes('id,path\n1,C:\\Users\\new\n', ','),
      sniffEscapes('id,name\n1,Ann\n', ','),
      sniffEscapes('', ','),
    ]).toEqual(['quotes', 'quotes', 'quotes', 'quotes']);
  });
});
