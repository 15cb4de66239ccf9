import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SourceRow } from '../../core/source-row.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { contractFile, describeFileSourceContract } from '../../test-support/file-source-suite.js';
import { failureOf } from '../../test-support/table-source-suite.js';
import type { SourceTable } from '../source.js';
import { openJsonSource, type JsonSourceOptions } from './json-source.js';

const dir = tempDir('cutover-json');
afterAll(() => dir.cleanup());

function fixture(name: string, content: string | Buffer): string {
  const path = join(dir.path, name);
  writeFileSync(path, content);
  return path;
}

async function readAll(table: SourceTable, signal?: AbortSignal): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const row of table.rows(signal)) rows.push(row);
  return rows;
}

/** What a source says about itself and every row it yields. */
async function describeSource(path: string, options?: JsonSourceOptions) {
  const table = await openJsonSource(path, options);
  const { name, columns, types, details } = table;
  const rows = await readAll(table);
  await table.close();
  return { name, columns, types, details, rows };
}

describeFileSourceContract('JSON', {
  extension: '.json',
  open: (path) => openJsonSource(path),
  write: async (path) => {
    const records = contractFile.records.map((values) => JSON.stringify(Object.fromEntries(contractFile.columns.map((column, k) => [column, values[k]]))));
    writeFileSync(path, `[\n${records.join(',\n')}\n]\n`);
  },
  empty: { contents: ['', ' \n\r\n\t', '\uFEFF'], detail: 'it holds no records. Ask for the file again.' },
});

// 1, 2, 3, 5 and 7 bytes a read split every token, escape and multi-byte character somewhere
const chunkSizes = [undefined, 1, 2, 3, 5, 7, 64];

describe('a JSON source: a JSON array of objects', () => {
  const text = [
    '\uFEFF[',
    '  {"id": 1.10, "name": "Zoë \\"Z\\" Ł\\u00f3d\\u017a", "active": true, "tags": ["a", {"b": [1, 2.50e3]}]},',
    '',
    '  {',
    '    "id": 12345678901234567890,',
    '    "name": "李\\n2nd line",',
    '    "active": false,',
    '    "note": null,',
    '    "address": { "city" : "Kraków",  "zip": "00-950" }',
    '  },',
    '  {"name": "", "extra": -0.000, "id": 3}',
    ']',
    '',
  ].join('\n');

  it.each(chunkSizes)('reads every record, whatever the chunk size (%s bytes a read)', async (highWaterMark) => {
    const path = fixture(`people-${highWaterMark ?? 'default'}.json`, text);
    expect(await describeSource(path, { highWaterMark, name: 'people.json' })).toEqual({
      name: 'people.json',
      columns: ['id', 'name', 'active', 'tags', 'note', 'address', 'extra'],
      types: ['text', 'text', 'text', 'text', 'text', 'text', 'text'],
      details: { format: 'json' },
      rows: [
        { line: 2, values: ['1.10', 'Zoë "Z" Łódź', 'true', '["a",{"b":[1,2.50e3]}]', null, null, null] },
        {
          line: 4,
          values: ['12345678901234567890', '李\n2nd line', 'false', null, null, '{"city":"Kraków","zip":"00-950"}', null],
        },
        { line: 11, values: ['3', '', null, null, null, null, '-0.000'] },
      ],
    });
  });

  it('reads an empty array as a table with no columns and no rows', async () => {
    expect(await describeSource(fixture('none.json', ' [ ] '))).toEqual({
      name: 'none.json',
      columns: [],
      types: [],
      details: { format: 'json' },
      rows: [],
    });
  });
});

describe('a JSON source: NDJSON', () => {
  const text = '{"id": 1, "name": "Ann", "score": 0.1}\r\n\r\n   \n{"id": 2, "name": "Zoë", "tags": {"x": [true, null]}}\n{"id":3}';

  it.each(chunkSizes)('reads one record per line, skipping blank lines, whatever the chunk size (%s bytes a read)', async (highWaterMark) => {
    const path = fixture(`people-${highWaterMark ?? 'default'}.ndjson`, text);
    expect(await describeSource(path, { highWaterMark, name: 'people.ndjson' })).toEqual({
      name: 'people.ndjson',
      columns: ['id', 'name', 'score', 'tags'],
      types: ['text', 'text', 'text', 'text'],
      details: { format: 'ndjson' },
      rows: [
        { line: 1, values: ['1', 'Ann', '0.1', null] },
        { line: 4, values: ['2', 'Zoë', null, '{"x":[true,null]}'] },
        { line: 5, values: ['3', null, null, null] },
      ],
    });
  });

  it('reads a file as the format it is told, whatever its extension', async () => {
    const path = fixture('export.txt', '{"id": "007"}\n');
    expect(await describeSource(path, { format: 'ndjson' })).toEqual({
      name: 'export.txt',
      columns: ['id'],
      types: ['text'],
      details: { format: 'ndjson' },
      rows: [{ line: 1, values: ['007'] }],
    });
  });

});

describe('a JSON source: problems', () => {
  /** Each case: file name, content, and the message expected after "<name> line L column C: ". */
  const syntax: [string, string, number, number, string][] = [
    ['comma.ndjson', '{"a": 1}\n{"a": 2}\n{"a": 3 "b": 4}\n', 3, 9, 'expected "," or "}" after a value in the record but found """'],
    ['bare.ndjson', '{"name": Ann}\n', 1, 10, '"Ann" is not a JSON value; text must be in double quotes'],
    ['split.ndjson', '{"a": 1,\n "b": 2}\n', 1, 9, 'the record is not complete at the end of the line; NDJSON needs each record whole on one line'],
    ['pretty.json', '{\n  "data": []\n}\n', 1, 2, 'the record is not complete at the end of the line; NDJSON needs each record whole on one line'],
    ['two.ndjson', '{"a": 1} {"a": 2}\n', 1, 10, 'expected the end of the line after the record (NDJSON has one record per line) but found "{"'],
    ['quote.ndjson', '{"a": "open\n', 1, 12, 'a string is not closed before the end of the line'],
    ['escape.json', '[{"path": "C:\\data"}]', 1, 14, '"\\d" is not a valid escape in a string'],
    ['number.json', '[{"n": 1.}]', 1, 8, '"1.}" is not a valid number'],
    ['trailing.json', '[{"a": 1},]', 1, 11, 'the array has a "," after its last record, which JSON does not allow'],
    ['stray.json', '[{"a": 1}, x]', 1, 12, 'expected a record but found "x"'],
    ['after.json', '[{"a": 1}] x', 1, 12, 'expected nothing after the "]" that closes the array of records but found "x"'],
    ['unclosed.json', '[{"a": 1}\n', 2, 1, 'the file ends before the array of records is closed with "]"'],
    ['cut.json', '[{"a": 1}, {"b": "x', 1, 20, 'the file ends inside a string'],
    ['cutrecord.json', '[{"a": 1}, {"b": ', 1, 18, 'the file ends inside the array of records'],
  ];

  it.each(syntax)('names the line and column of invalid JSON (%s)', async (name, content, line, column, detail) => {
    expect(await failureOf(openJsonSource(fixture(name, content)))).toEqual({
      code: 'json_syntax',
      message: `${name} line ${line} column ${column}: ${detail}. Correct the JSON there or export the file again.`,
      where: { file: name, line, column },
    });
  });

  const shape: [string, string, JsonSourceOptions, number, number, string][] = [
    [
      'string.json',
      '  "hello"',
      {},
      1,
      3,
      'the file holds a string, not records. Cutover reads a JSON array of objects ("[{…}, {…}]") or NDJSON (one object per line)',
    ],
    [
      'object.json',
      '{"a": 1}',
      { format: 'json' },
      1,
      1,
      'the file holds an object, not records. Cutover reads a JSON array of objects ("[{…}, {…}]") or NDJSON (one object per line)',
    ],
    [
      'numbers.json',
      '[\n  {"a": 1},\n  2\n]',
      {},
      3,
      3,
      'record 2 of the array is a number, not an object. Cutover reads a JSON array of objects, one per record',
    ],
    ['array.ndjson', '{"a": 1}\n[1, 2]\n', {}, 2, 1, 'the line holds an array, not an object. NDJSON has one object per line'],
    ['twice.ndjson', '{"id": 1, "name": "a", "id": 2}\n', {}, 1, 24, 'the record has the key "id" twice. Keep one of them'],
  ];

  it.each(shape)('says where JSON is not an array of records (%s)', async (name, content, options, line, column, detail) => {
    expect(await failureOf(openJsonSource(fixture(name, content), options))).toEqual({
      code: 'json_shape',
      message: `${name} line ${line} column ${column}: ${detail}.`,
      where: { file: name, line, column },
    });
  });

  it('says where a file stops being UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('{"name": "Ann"}\n{"name": "M'), Buffer.from([0xfc]), Buffer.from('ller"}\n')]);
    expect(await failureOf(openJsonSource(fixture('cp1252.ndjson', bytes), { highWaterMark: 4 }))).toEqual({
      code: 'json_encoding',
      message:
        'cp1252.ndjson line 2 column 12 is not valid UTF-8: the file was probably saved in another encoding (such as Windows-1252). Export it again as UTF-8.',
      where: { file: 'cp1252.ndjson', line: 2, column: 12 },
    });
  });

  it('refuses records whose keys are data rather than field names', async () => {
    const lines = Array.from({ length: 4097 }, (_, k) => `{"2021-01-${k}": 1}`);
    expect(await failureOf(openJsonSource(fixture('keyed.ndjson', lines.join('\n'))))).toEqual({
      code: 'json_shape',
      message:
        'keyed.ndjson line 4097: the records use more than 4096 different keys, so the keys probably hold data (such as ids or dates) rather than field names. ' +
        'Deliver one object per record, with the same field names in every record.',
      where: { file: 'keyed.ndjson', line: 4097 },
    });
  });

  it('stops at a record that never ends instead of filling the memory', async () => {
    const endless = `{"name": "Ann"}\n{"name": "${'x'.repeat(200_000)}`;
    const failure = await failureOf(openJsonSource(fixture('endless.ndjson', endless), { maxRecordChars: 64 * 1024, highWaterMark: 16 * 1024 }));
    expect(failure).toMatchObject({ code: 'line_too_long', where: { file: 'endless.ndjson', line: 2 } });
    expect(failure.message).toContain('the record starting on line 2 is longer than');
  });

  it('holds a record of the default size limit and refuses one beyond it', async () => {
    const big = 'y'.repeat(33 * 1024 * 1024);
    const failure = await failureOf(openJsonSource(fixture('huge.ndjson', `{"name": "Ann"}\n{"name": "${big}"}\n`)));
    expect(failure).toMatchObject({ code: 'line_too_long', where: { file: 'huge.ndjson', line: 2 } });
    const fits = await describeSource(fixture('fits.json', `[{"name": "${'z'.repeat(1024 * 1024)}"}]`));
    expect(fits.rows[0]?.values[0]).toHaveLength(1024 * 1024);
  });
});
