import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { contractFile, describeFileSourceContract } from '../../test-support/file-source-suite.js';
import { failureOf } from '../../test-support/table-source-suite.js';
import type { SourceRow } from '../../core/source-row.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { openCsvSource, type CsvSource, type CsvSourceOptions } from './csv-source.js';

const dir = tempDir('cutover-csv');
afterAll(() => dir.cleanup());

function fixture(name: string, content: string | Buffer): string {
  const path = join(dir.path, name);
  writeFileSync(path, content);
  return path;
}

async function readAll(source: CsvSource, signal?: AbortSignal): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const row of source.rows(signal)) rows.push(row);
  return rows;
}

/** What a source says about itself and every row it yields. */
async function describeSource(path: string, options?: CsvSourceOptions) {
  const source = await openCsvSource(path, options);
  const { name, encoding, delimiter, escapes, hasBom, columns } = source;
  return { name, encoding, delimiter, escapes, hasBom, columns, rows: await readAll(source) };
}

describeFileSourceContract('CSV', {
  extension: '.csv',
  open: (path) => openCsvSource(path),
  write: async (path) => writeFileSync(path, [contractFile.columns, ...contractFile.records].map((line) => line.join(',') + '\n').join('')),
  empty: { contents: ['', '\r\n\n\n', '\uFEFF'], detail: 'it has no header line. Ask for the file again, with the column names on its first line.' },
});

describe('a CSV source: encodings', () => {
  it('reads UTF-8 with a BOM and strips it from the first column name', async () => {
    const path = fixture('bom.csv', '\uFEFFid,name\n1,Zoë\n');
    expect(await describeSource(path)).toEqual({
      name: 'bom.csv',
      encoding: 'utf-8',
      delimiter: ',',
      escapes: 'quotes',
      hasBom: true,
      columns: ['id', 'name'],
      rows: [{ values: ['1', 'Zoë'], line: 2 }],
    });
  });

  it('reads UTF-8 without a BOM', async () => {
    const path = fixture('plain.csv', 'id,name\n1,Łukasz\n2,李\n');
    expect(await describeSource(path, { name: 'people (plain)' })).toEqual({
      name: 'people (plain)',
      encoding: 'utf-8',
      delimiter: ',',
      escapes: 'quotes',
      hasBom: false,
      columns: ['id', 'name'],
      rows: [
        { values: ['1', 'Łukasz'], line: 2 },
        { values: ['2', '李'], line: 3 },
      ],
    });
  });

  it('reads Excel "Unicode text": UTF-16 LE with a BOM, tab-delimited, CRLF', async () => {
    const text = 'id\tname\tcity\r\n1\tZoë\tKraków\r\n2\t李\t"Tab\there"\r\n';
    const path = fixture('unicode.txt', iconv.encode(text, 'utf-16le', { addBOM: true }));
    expect(await describeSource(path)).toEqual({
      name: 'unicode.txt',
      encoding: 'utf-16le',
      delimiter: '\t',
      escapes: 'quotes',
      hasBom: true,
      columns: ['id', 'name', 'city'],
      rows: [
        { values: ['1', 'Zoë', 'Kraków'], line: 2 },
        { values: ['2', '李', 'Tab\there'], line: 3 },
      ],
    });
  });

  it('reads UTF-16 BE with a BOM', async () => {
    const path = fixture('utf16be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode('id,name\n1,Zoë\n', 'utf-16be')]));
    expect(await describeSource(path)).toEqual({
      name: 'utf16be.csv',
      encoding: 'utf-16be',
      delimiter: ',',
      escapes: 'quotes',
      hasBom: true,
      columns: ['id', 'name'],
      rows: [{ values: ['1', 'Zoë'], line: 2 }],
    });
  });

  it('takes bytes that are not UTF-8 as Windows-1252, with £, €, é and smart quotes right', async () => {
    const text = 'id;name;rent\r\n1;Café “Le Nord”;£1,250.00\r\n2;O’Brien;€99\r\n';
    const bytes = iconv.encode(text, 'windows-1252');
    expect([bytes.includes(0xa3), bytes.includes(0x80), bytes.includes(0x93)]).toEqual([true, true, true]);
    expect(await describeSource(fixture('cp1252.csv', bytes))).toEqual({
      name: 'cp1252.csv',
      encoding: 'windows-1252',
      delimiter: ';',
      escapes: 'quotes',
      hasBom: false,
      columns: ['id', 'name', 'rent'],
      rows: [
        { values: ['1', 'Café “Le Nord”', '£1,250.00'], line: 2 },
        { values: ['2', 'O’Brien', '€99'], line: 3 },
      ],
    });
  });

  it('uses the encoding and delimiter it is given instead of sniffing', async () => {
    const path = fixture('forced.csv', iconv.encode('a|b;c\n£|x\n', 'windows-1252'));
    expect(await describeSource(path, { encoding: 'windows-1252', delimiter: ';' })).toEqual({
      name: 'forced.csv',
      encoding: 'windows-1252',
      delimiter: ';',
      escapes: 'quotes',
      hasBom: false,
      columns: ['a|b', 'c'],
      rows: [{ values: ['£|x'], line: 2 }],
    });
  });

  it('decodes characters split across read chunks in every encoding', async () => {
    const text = 'id,name,note\n' + Array.from({ length: 40 }, (_, k) => `${k},Zoë 李 😀 Łukasz,"a ""q"" €\r\nb"`).join('\n') + '\n';
    const expected = Array.from({ length: 40 }, (_, k) => ({ values: [`${k}`, 'Zoë 李 😀 Łukasz', 'a "q" €\r\nb'], line: 2 + 2 * k }));
    const files = [
      fixture('split-utf8.csv', text),
      fixture('split-utf16.csv', iconv.encode(text, 'utf-16le', { addBOM: true })),
      fixture('split-cp1252.csv', iconv.encode(text.replace(/[李😀Ł]/gu, '?'), 'windows-1252')),
    ];
    for (const highWaterMark of [1, 2, 3, 5, 7]) {
      const rows = await Promise.all(files.map(async (path) => readAll(await openCsvSource(path, { highWaterMark }))));
      expect(rows).toEqual([
        expected,
        expected,
        expected.map((row) => ({ ...row, values: row.values.map((v) => v.replace(/[李😀Ł]/gu, '?')) })),
      ]);
    }
  });
});

describe('a CSV source: records in batches', () => {
  it('gives the same records, lines and order a batch per chunk as one by one, whatever the chunk size', async () => {
    const text = 'id,name,note,\n' + Array.from({ length: 300 }, (_, k) => `${k},Zoë ${k},"a ""q""\r\nb",`).join('\n') + '\n\n301,ragged\n';
    const path = fixture('batches.csv', text);
    for (const highWaterMark of [1, 7, 64, 1000, 256 * 1024]) {
      const source = await openCsvSource(path, { highWaterMark });
      const batches: (readonly SourceRow[])[] = [];
      for await (const batch of source.rowChunks()) batches.push(batch);
      expect(batches.every((batch) => batch.length > 0)).toBe(true);
      expect(batches.flat()).toEqual(await readAll(source));
    }
    const rows = await readAll(await openCsvSource(path, { highWaterMark: 7 }));
    // the nameless last column, empty in every row, is left out; the ragged row is kept as it is
    expect([rows.length, rows[0], rows.at(-1)]).toEqual([301, { values: ['0', 'Zoë 0', 'a "q"\r\nb'], line: 2 }, { values: ['301', 'ragged'], line: 603 }]);
  });
});

describe('a CSV source: records and lines', () => {
  it('sniffs a semicolon delimiter from the header, ignoring delimiters inside quotes', async () => {
    const path = fixture('semicolon.csv', '"a,b,c";d;e\n1;2;3\n');
    expect(await describeSource(path)).toEqual({
      name: 'semicolon.csv',
      encoding: 'utf-8',
      delimiter: ';',
      escapes: 'quotes',
      hasBom: false,
      columns: ['a,b,c', 'd', 'e'],
      rows: [{ values: ['1', '2', '3'], line: 2 }],
    });
  });

  it('reads CRLF files, with or without a final line break', async () => {
    const withBreak = await describeSource(fixture('crlf.csv', 'id,name\r\n1,Ann\r\n2,Bob\r\n'));
    const without = await describeSource(fixture('crlf-open.csv', 'id,name\r\n1,Ann\r\n2,Bob'));
    expect([withBreak.rows, without.rows]).toEqual([
      [
        { values: ['1', 'Ann'], line: 2 },
        { values: ['2', 'Bob'], line: 3 },
      ],
      [
        { values: ['1', 'Ann'], line: 2 },
        { values: ['2', 'Bob'], line: 3 },
      ],
    ]);
  });

  it('reads quoted delimiters, doubled quotes and embedded CRLF and LF, and knows where the next records start', async () => {
    const path = fixture(
      'quoted.csv',
      'id,address,note\n' +
        '1,"1 High St, Leeds","He said ""no"""\n' +
        '2,"Flat 3\r\n10 Mill Lane\r\nYork","two\nlines"\n' +
        '3,plain,"ends, here"\n' +
        '4,"""quoted""",\n',
    );
    expect((await describeSource(path)).rows).toEqual([
      { values: ['1', '1 High St, Leeds', 'He said "no"'], line: 2 },
      { values: ['2', 'Flat 3\r\n10 Mill Lane\r\nYork', 'two\nlines'], line: 3 },
      { values: ['3', 'plain', 'ends, here'], line: 7 },
      { values: ['4', '"quoted"', ''], line: 8 },
    ]);
  });

  it('yields empty fields as empty strings, never null', async () => {
    const path = fixture('empty-fields.csv', 'a,b,c\n,,\n1,,3\n"",x,\n');
    expect((await describeSource(path)).rows).toEqual([
      { values: ['', '', ''], line: 2 },
      { values: ['1', '', '3'], line: 3 },
      { values: ['', 'x', ''], line: 4 },
    ]);
  });

  it('skips blank lines but counts them, before the header too', async () => {
    const path = fixture('blank-lines.csv', '\r\nid,name\r\n\r\n1,Ann\r\n\r\n\r\n2,Bob\n\n');
    expect(await describeSource(path)).toEqual({
      name: 'blank-lines.csv',
      encoding: 'utf-8',
      delimiter: ',',
      escapes: 'quotes',
      hasBom: false,
      columns: ['id', 'name'],
      rows: [
        { values: ['1', 'Ann'], line: 4 },
        { values: ['2', 'Bob'], line: 7 },
      ],
    });
  });

  it('yields ragged records as they are, with their lines, for the caller to reject', async () => {
    const path = fixture('ragged.csv', 'id,name,city\n1,Ann\n2,Bob,York,extra\n3,Cy,Hull\n');
    expect((await describeSource(path)).rows).toEqual([
      { values: ['1', 'Ann'], line: 2 },
      { values: ['2', 'Bob', 'York', 'extra'], line: 3 },
      { values: ['3', 'Cy', 'Hull'], line: 4 },
    ]);
  });

  it('trims the column names of the header', async () => {
    const path = fixture('spaced-header.csv', ' id ,\tfull name ," city"\n1,Ann,York\n');
    expect((await describeSource(path)).columns).toEqual(['id', 'full name', 'city']);
  });

  it('re-reads the file on every call to rows(), across many chunks', async () => {
    const path = fixture('many.csv', 'n,text\n' + Array.from({ length: 5000 }, (_, k) => `${k},"line ${k}\nnext"`).join('\n'));
    const source = await openCsvSource(path, { highWaterMark: 1000 });
    const [first, second] = [await readAll(source), await readAll(source)];
    expect(first).toEqual(Array.from({ length: 5000 }, (_, k) => ({ values: [`${k}`, `line ${k}\nnext`], line: 2 + 2 * k })));
    expect(second).toEqual(first);
  });

});

describe('a CSV source: a header ending with a separator', () => {
  it('is read with a warning when its nameless last column is empty in every row', async () => {
    const path = fixture('trailing.csv', 'id,name,\n1,Ann,\n2,Bob,\n3,Cy\n');
    const source = await openCsvSource(path);
    expect({ columns: source.columns, warnings: source.warnings, rows: await readAll(source) }).toEqual({
      columns: ['id', 'name'],
      warnings: ['the header ends with a separator, so its last column has no name; that column is empty in every row and was left out'],
      rows: [{ values: ['1', 'Ann'], line: 2 }, { values: ['2', 'Bob'], line: 3 }, { values: ['3', 'Cy'], line: 4 }],
    });
  });

  it('is still refused when that column holds a value', async () => {
    const path = fixture('trailing-filled.csv', 'id,name,\n1,Ann,\n2,Bob,x\n');
    expect(await failureOf(openCsvSource(path))).toEqual({
      code: 'csv_header',
      message: 'trailing-filled.csv line 1 is not a usable header: column 3 has no name. Give every column a distinct name on the first line of the file.',
      where: { file: 'trailing-filled.csv', line: 1 },
    });
  });
});

describe('a CSV source: problems', () => {
  it('names the positions of blank and repeated column names in the header', async () => {
    const path = fixture('bad-header.csv', '\nid,Name,,email, Name ,email,\n1,2,3,4,5,6,7\n');
    expect(await failureOf(openCsvSource(path))).toEqual({
      code: 'csv_header',
      message:
        'bad-header.csv line 2 is not a usable header: columns 3 and 7 have no name; columns 2 and 5 are both named "Name"' +
        '; columns 4 and 6 are both named "email". Give every column a distinct name on the first line of the file.',
      where: { file: 'bad-header.csv', line: 2 },
    });
  });

  it('names the line where a quote opened that the file never closes, after yielding the rows before it', async () => {
    const path = fixture('unclosed.csv', 'id,note\n1,fine\n2,"never closed\n3,lost\n4,lost\n');
    const source = await openCsvSource(path);
    const rows: SourceRow[] = [];
    const error = await failureOf(
      (async () => {
        for await (const row of source.rows()) rows.push(row);
      })(),
    );
    expect({ rows, error }).toEqual({
      rows: [{ values: ['1', 'fine'], line: 2 }],
      error: {
        code: 'csv_malformed',
        message:
          'unclosed.csv line 3: the quoted value in column 2 opens here and is never closed, so the rest of the file would be read as one value. Fix the stray quote near line 3 or export the file again.',
        where: { file: 'unclosed.csv', line: 3, column: 2 },
      },
    });
  });

  it('finds an unclosed quote in the header when it opens the file', async () => {
    const path = fixture('unclosed-header.csv', 'id,"name\n1,Ann\n');
    expect(await failureOf(openCsvSource(path))).toEqual({
      code: 'csv_malformed',
      message:
        'unclosed-header.csv line 1: the quoted value in column 2 opens here and is never closed, so the rest of the file would be read as one value. Fix the stray quote near line 1 or export the file again.',
      where: { file: 'unclosed-header.csv', line: 1, column: 2 },
    });
  });
});

describe('a CSV source: escapes', () => {
  it('sniffs backslash escapes in a quote-free tab file and yields \\N as null', async () => {
    const path = fixture('outfile.txt', 'id\tnote\tamount\n1\ttab\\there\t\\N\n2\ttwo\\\nlines\t1.50\n3\t\\\\N\t\n');
    expect(await describeSource(path)).toEqual({
      name: 'outfile.txt',
      encoding: 'utf-8',
      delimiter: '\t',
      escapes: 'backslash',
      hasBom: false,
      columns: ['id', 'note', 'amount'],
      rows: [
        { values: ['1', 'tab\there', null], line: 2 },
        { values: ['2', 'two\nlines', '1.50'], line: 3 },
        { values: ['3', '\\N', ''], line: 5 },
      ],
    });
  });

  it('stays on quotes when the sample holds a quote, keeping \\N as text', async () => {
    const path = fixture('quoted-nulls.csv', 'id,name\n1,\\N\n2,"Smith, Jo"\n');
    expect(await describeSource(path)).toEqual({
      name: 'quoted-nulls.csv',
      encoding: 'utf-8',
      delimiter: ',',
      escapes: 'quotes',
      hasBom: false,
      columns: ['id', 'name'],
      rows: [
        { values: ['1', '\\N'], line: 2 },
        { values: ['2', 'Smith, Jo'], line: 3 },
      ],
    });
  });

  it('uses the escapes it is given instead of sniffing', async () => {
    const path = fixture('forced-escapes.txt', 'id\tnote\n1\t"q" \\N\n2\t\\N\n');
    const [backslash, quotes] = await Promise.all([
      describeSource(path, { escapes: 'backslash' }),
      describeSource(path, { escapes: 'quotes' }),
    ]);
    expect([backslash.escapes, backslash.rows, quotes.escapes, quotes.rows]).toEqual([
      'backslash',
      [
        { values: ['1', '"q" N'], line: 2 },
        { values: ['2', null], line: 3 },
      ],
      'quotes',
      [
        { values: ['1', 'q \\N'], line: 2 },
        { values: ['2', '\\N'], line: 3 },
      ],
    ]);
  });

  it('reads escaped text the same across read chunks, in UTF-16 too', async () => {
    const text = 'id\tname\tnote\n' + Array.from({ length: 30 }, (_, k) => `${k}\tZoë 李 😀\t\\N\\t\\\\\\\nb`).join('\r\n') + '\n';
    const expected = Array.from({ length: 30 }, (_, k) => ({ values: [`${k}`, 'Zoë 李 😀', 'N\t\\\nb'], line: 2 + 2 * k }));
    const files = [fixture('split-escaped.txt', text), fixture('split-escaped-16.txt', iconv.encode(text, 'utf-16le', { addBOM: true }))];
    for (const highWaterMark of [1, 2, 3, 5, 7]) {
      const rows = await Promise.all(files.map(async (path) => readAll(await openCsvSource(path, { highWaterMark, escapes: 'backslash' }))));
      expect(rows).toEqual([expected, expected]);
    }
  });

  it('names the line where a quote opened that backslash-quoted text never closes', async () => {
    const path = fixture('unclosed-enclosed.csv', '"id","note"\n"1","fine"\n"2","escaped \\" is no close\n');
    const source = await openCsvSource(path, { escapes: 'backslash-quoted' });
    const rows: SourceRow[] = [];
    const error = await failureOf(
      (async () => {
        for await (const row of source.rows()) rows.push(row);
      })(),
    );
    expect({ escapes: source.escapes, rows, error }).toEqual({
      escapes: 'backslash-quoted',
      rows: [{ values: ['1', 'fine'], line: 2 }],
      error: {
        code: 'csv_malformed',
        message:
          'unclosed-enclosed.csv line 3: the quoted value in column 2 opens here and is never closed, so the rest of the file would be read as one value. Fix the stray quote near line 3 or export the file again.',
        where: { file: 'unclosed-enclosed.csv', line: 3, column: 2 },
      },
    });
  });
});

describe('a CSV source: bytes that are not text', () => {
  it('refuses random bytes named .csv instead of reading them as Windows-1252', async () => {
    let seed = 7;
    const random = Buffer.from(Array.from({ length: 2000 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256));
    expect(await failureOf(openCsvSource(fixture('noise.csv', random)))).toEqual({
      code: 'file_binary',
      message: 'noise.csv is not a text file: its first bytes are those of binary data, not text. Ask for the file again, exported as CSV',
      where: { file: 'noise.csv' },
    });
  });

  it('refuses UTF-16 without its byte order mark, saying how to read it, and reads it when told the encoding', async () => {
    const text = 'id,name\r\n1,Zoë Smith\r\n2,Ann Lee\r\n';
    const path = fixture('unmarked-utf16.csv', iconv.encode(text, 'utf-16le', { addBOM: false }));
    expect(await failureOf(openCsvSource(path))).toEqual({
      code: 'file_binary',
      message:
        'unmarked-utf16.csv is not a text file: its first bytes are those of UTF-16LE text saved without its byte order mark. ' +
        'If it is, set "encoding: utf-16le" for it in cutover.yaml; or ask for the file again, exported as CSV in UTF-8',
      where: { file: 'unmarked-utf16.csv' },
    });
    const bigEndian = fixture('unmarked-utf16be.csv', iconv.encode(text, 'utf-16be', { addBOM: false }));
    expect((await failureOf(openCsvSource(bigEndian))).message).toContain('UTF-16BE text saved without its byte order mark');
    const source = await openCsvSource(path, { encoding: 'utf-16le' });
    const rows: SourceRow[] = [];
    for await (const row of source.rows()) rows.push(row);
    expect(rows.map((row) => row.values)).toEqual([['1', 'Zoë Smith'], ['2', 'Ann Lee']]);
  });
});
