import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { fuzz, mutated, textOf } from '../test-support/fuzz.js';
import { tempDir } from '../test-support/temp-dir.js';
import { openCsvSource } from './csv/index.js';
import { openJsonSource } from './json/json-source.js';
import { openXlsxSources } from './xlsx/index.js';
import type { SourceTable } from './source.js';

// seeded property-based fuzzing of every file reader: each input reads, or fails with a CutoverError and its code
const dir = tempDir('cutover-fuzz');
afterAll(() => dir.cleanup());
const budget = 600_000;

async function drain(table: { rows(): AsyncIterable<unknown> }): Promise<void> {
  for await (const _ of table.rows());
}

/** Writes the input to the one file of a target, which every input overwrites. */
function fileOf(name: string, content: Uint8Array | string): string {
  const path = join(dir.path, name);
  writeFileSync(path, content);
  return path;
}

const csvAlphabet = ['a', 'Zoë', '1', ',', ';', '\t', '|', '"', '""', '\\', '\\N', '\n', '\r\n', '\r', ' ', '\u0000', '\uFEFF', '€'];

describe('fuzzing the CSV reader', () => {
  const encodings = ['auto', 'utf-8', 'windows-1252', 'utf-16le', 'utf-16be'] as const;
  const escapes = ['auto', 'quotes', 'backslash', 'backslash-quoted'] as const;
  const input = fc.record({
    text: textOf(csvAlphabet),
    encoding: fc.constantFrom(...encodings),
    escapes: fc.constantFrom(...escapes),
    bom: fc.boolean(),
  });

  it('reads or refuses with a code any text in any encoding and dialect', async () => {
    await fuzz(input, async ({ text, encoding, escapes: dialect, bom }) => {
      const bytes = iconv.encode(text, encoding === 'auto' ? 'utf-8' : encoding, { addBOM: bom });
      const source = await openCsvSource(fileOf('fuzz.csv', bytes), { encoding, escapes: dialect, maxRecordChars: 4096 });
      await drain(source);
    });
  }, budget);

  it('reads or refuses with a code any bytes at all', async () => {
    await fuzz(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
      await drain(await openCsvSource(fileOf('noise.csv', bytes)));
    });
  }, budget);
});

describe('fuzzing the JSON and NDJSON readers', () => {
  const jsonAlphabet = ['{', '}', '[', ']', '"', ':', ',', '\n', ' ', 'a', '"id"', '1', '-1.5e3', 'null', 'true', '\\"', '\\u00e9', '\\', 'é', '\u0000'];
  it('reads or refuses with a code any JSON-like text', async () => {
    await fuzz(fc.tuple(textOf(jsonAlphabet), fc.constantFrom('fuzz.json', 'fuzz.ndjson')), async ([text, name]) => {
      await drain(await openJsonSource(fileOf(name, text), { maxRecordChars: 4096 }));
    });
  }, budget);

  it('reads or refuses with a code a well-formed file damaged anywhere', async () => {
    const good = Buffer.from('[{"id": 1, "name": "Zoë", "tags": ["a", {"b": null}]},\n{"id": 2, "name": "Ann", "balance": -12.50}]\n');
    await fuzz(mutated(good), async (bytes) => {
      await drain(await openJsonSource(fileOf('damaged.json', bytes)));
    });
  }, budget);
});

describe('fuzzing the XLSX reader', () => {
  let workbook: Buffer;
  beforeAll(async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('People');
    sheet.addRow(['id', 'name', 'joined', 'balance']);
    sheet.addRow([1, 'Zoë <&> "Smith"', new Date(Date.UTC(2024, 1, 29)), 1234.5]);
    sheet.addRow([2, { richText: [{ text: 'Ann ' }, { text: 'Lee', font: { bold: true } }] }, null, { formula: 'D2*2', result: 2469 }]);
    sheet.getCell('D2').numFmt = '£#,##0.00';
    book.addWorksheet('Empty');
    workbook = Buffer.from(await book.xlsx.writeBuffer());
  });

  it('reads or refuses with a code a workbook damaged anywhere, cut short or replaced by noise', async () => {
    await fuzz(fc.constant(null).chain(() => mutated(workbook)), async (bytes) => {
      const tables: SourceTable[] = await openXlsxSources(fileOf('fuzz.xlsx', bytes));
      for (const table of tables) await drain(table);
    });
  }, budget);
});
