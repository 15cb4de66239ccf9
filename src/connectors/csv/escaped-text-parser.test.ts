import { describe, expect, it } from 'vitest';
import type { CsvRecord, UnclosedQuote } from './csv-parser.js';
import { createEscapedTextParser, type EscapedTextDialect } from './escaped-text-parser.js';

const plainTabs: EscapedTextDialect = { delimiter: '\t', quotes: false };
const quotedCommas: EscapedTextDialect = { delimiter: ',', quotes: true };

function parseAll(chunks: readonly string[], dialect: EscapedTextDialect): { records: CsvRecord[]; open: UnclosedQuote | undefined } {
  const parser = createEscapedTextParser(dialect);
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

const trickyPlain =
  'id\tnote\tamount\r\n' +
  '1\ttab\\there\t\\N\n' +
  '2\tbs\\\\x\\\tin\t12.5\n' +
  '\n' +
  '3\tline\\\nbreak\t\\0\n' +
  '4\tcr\rraw\tN\n' +
  '5\t\\N\\N\t"q"\n' +
  '\r\n' +
  '6\t\t\\\\N';

const trickyPlainRecords: CsvRecord[] = [
  { values: ['id', 'note', 'amount'], line: 1 },
  { values: ['1', 'tab\there', null], line: 2 },
  { values: ['2', 'bs\\x\tin', '12.5'], line: 3 },
  { values: ['3', 'line\nbreak', '\0'], line: 5 },
  { values: ['4', 'cr\rraw', 'N'], line: 7 },
  { values: ['5', 'NN', '"q"'], line: 8 },
  { values: ['6', '', '\\N'], line: 10 },
];

const trickyQuoted =
  '"id","name","note"\r\n' +
  '"1","a \\"q\\" b",\\N\r\n' +
  '2,"two\\\nlines","x""y"\n' +
  '"3","tab\there","\\\\N"\n' +
  '4,"raw\nLF",""\n' +
  '"5"tail,mid"dle,"cr\r"\r\n' +
  '\n' +
  '\\N,"\\N",""\\N';

const trickyQuotedRecords: CsvRecord[] = [
  { values: ['id', 'name', 'note'], line: 1 },
  { values: ['1', 'a "q" b', null], line: 2 },
  { values: ['2', 'two\nlines', 'x"y'], line: 3 },
  { values: ['3', 'tab\there', '\\N'], line: 5 },
  { values: ['4', 'raw\nLF', ''], line: 6 },
  { values: ['5tail', 'mid"dle', 'cr\r'], line: 8 },
  { values: [null, 'N', 'N'], line: 10 },
];

describe('the escaped text parser', () => {
  it('reads escapes, \\N nulls, escaped breaks, blank lines and CRLF with start lines', () => {
    expect(parseAll([trickyPlain], plainTabs)).toEqual({ records: trickyPlainRecords, open: undefined });
  });

  it('gives the same records however the text is cut into chunks', () => {
    for (const chunks of splits(trickyPlain)) {
      expect(parseAll(chunks, plainTabs)).toEqual({ records: trickyPlainRecords, open: undefined });
    }
  });

  it('decodes every escape MySQL and PostgreSQL write, and takes any other escaped character as itself', () => {
    const text = '\\b\\f\\n\\r\\t\\v\\0\\Z\\\\\t\\,\\"\\x\\é\\\r\n';
    expect(parseAll([text], plainTabs).records).toEqual([{ values: ['\b\f\n\r\t\v\0\x1a\\', ',"xé\r'], line: 1 }]);
  });

  it('keeps a backslash that ends the text', () => {
    expect(parseAll(['a\t\\'], plainTabs)).toEqual({ records: [{ values: ['a', '\\'], line: 1 }], open: undefined });
  });

  it('takes quotes as text unless told to honour them', () => {
    expect(parseAll(['"a,b",c\n'], { delimiter: ',', quotes: false }).records).toEqual([{ values: ['"a', 'b"', 'c'], line: 1 }]);
  });

  it('honours quotes around fields, with escapes inside them and \\N only outside', () => {
    expect(parseAll([trickyQuoted], quotedCommas)).toEqual({ records: trickyQuotedRecords, open: undefined });
  });

  it('gives the same quoted records however the text is cut into chunks', () => {
    for (const chunks of splits(trickyQuoted)) {
      expect(parseAll(chunks, quotedCommas)).toEqual({ records: trickyQuotedRecords, open: undefined });
    }
  });

  it('reports where a quote opened that the text never closes, an escaped quote not closing it', () => {
    for (const chunks of splits('a,b\n1,"open\\"\n2,x\n')) {
      expect(parseAll(chunks, quotedCommas)).toEqual({
        records: [{ values: ['a', 'b'], line: 1 }],
        open: { line: 2, field: 2 },
      });
    }
  });
});
