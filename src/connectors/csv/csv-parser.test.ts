import { describe, expect, it } from 'vitest';
import { createCsvParser, type CsvRecord, type UnclosedQuote } from './csv-parser.js';

function parseAll(chunks: readonly string[], delimiter = ','): { records: CsvRecord[]; open: UnclosedQuote | undefined } {
  const parser = createCsvParser(delimiter);
  const records: CsvRecord[] = [];
  for (const chunk of chunks) parser.push(chunk, records);
  return { records, open: parser.finish(records) };
}

/** Every way of cutting `text` in two and in three, so each boundary is crossed. */
function splits(text: string): string[][] {
  const ways: string[][] = [[text]];
  for (let i = 0; i <= text.length; i++) {
    ways.push([text.slice(0, i), text.slice(i)]);
    for (let j = i; j <= text.length; j++) ways.push([text.slice(0, i), text.slice(i, j), text.slice(j)]);
  }
  return ways;
}

const tricky =
  'id,note,amount\r\n' +
  '1,"says ""hi"", then\r\nleaves",3\r\n' +
  '\r\n' +
  '2,,\n' +
  '"3","a\rb",x"y\n' +
  '\n' +
  '4,"closed"tail,z\r' +
  ',\r\n' +
  '"5"';

const trickyRecords: CsvRecord[] = [
  { values: ['id', 'note', 'amount'], line: 1 },
  { values: ['1', 'says "hi", then\r\nleaves', '3'], line: 2 },
  { values: ['2', '', ''], line: 5 },
  { values: ['3', 'a\rb', 'x"y'], line: 6 },
  { values: ['4', 'closedtail', 'z'], line: 9 },
  { values: ['', ''], line: 10 },
  { values: ['5'], line: 11 },
];

describe('the CSV parser', () => {
  it('reads quotes, doubled quotes, embedded breaks, blank lines and mixed line ends with start lines', () => {
    expect(parseAll([tricky])).toEqual({ records: trickyRecords, open: undefined });
  });

  it('gives the same records however the text is cut into chunks', () => {
    for (const chunks of splits(tricky)) expect(parseAll(chunks)).toEqual({ records: trickyRecords, open: undefined });
  });

  it('ends the last record with or without a final line break', () => {
    expect(parseAll(['a,b\n1,2\n']).records).toEqual(parseAll(['a,b\n1,2']).records);
    expect(parseAll(['a,b\r\n1,2\r\n\r\n']).records).toEqual([
      { values: ['a', 'b'], line: 1 },
      { values: ['1', '2'], line: 2 },
    ]);
  });

  it('keeps a trailing empty field and an empty quoted field', () => {
    expect(parseAll(['a,\n"",b\n,']).records).toEqual([
      { values: ['a', ''], line: 1 },
      { values: ['', 'b'], line: 2 },
      { values: ['', ''], line: 3 },
    ]);
  });

  it('splits on the delimiter it was given only', () => {
    expect(parseAll(['a;b,c\t|d'], ';').records).toEqual([{ values: ['a', 'b,c\t|d'], line: 1 }]);
    expect(parseAll(['a\t"b\tc"\td'], '\t').records).toEqual([{ values: ['a', 'b\tc', 'd'], line: 1 }]);
  });

  it('reports where a quote opened that the text never closes', () => {
    for (const chunks of splits('a,b\n1,2\n3,"open\n\nstill open\n')) {
      expect(parseAll(chunks)).toEqual({
        records: [
          { values: ['a', 'b'], line: 1 },
          { values: ['1', '2'], line: 2 },
        ],
        open: { line: 3, field: 2 },
      });
    }
  });
});
