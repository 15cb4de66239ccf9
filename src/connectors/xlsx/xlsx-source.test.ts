import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { SourceRow } from '../../core/source-row.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { contractFile, describeFileSourceContract } from '../../test-support/file-source-suite.js';
import { failureOf } from '../../test-support/table-source-suite.js';
import type { SourceTable } from '../source.js';
import { defaultXlsxLimits } from './xlsx-limits.js';
import { openXlsxSources, type XlsxSourceOptions } from './xlsx-source.js';

const dir = tempDir('cutover-xlsx');
afterAll(() => dir.cleanup());

async function readAll(table: SourceTable, signal?: AbortSignal): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const row of table.rows(signal)) rows.push(row);
  return rows;
}

/** What each table says about itself and every row it yields. */
async function describeWorkbook(path: string, options?: XlsxSourceOptions) {
  const tables = await openXlsxSources(path, options);
  return Promise.all(
    tables.map(async (table) => {
      const { name, columns, types, details } = table;
      const rows = await readAll(table);
      await table.close();
      return { name, columns, types, details, rows };
    }),
  );
}

async function writeWorkbook(name: string, build: (workbook: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  const path = join(dir.path, name);
  await workbook.xlsx.writeFile(path);
  return path;
}

/** Sets a row of cells from column A; a `[value, numFmt]` pair gives the cell a number format. */
function fill(sheet: ExcelJS.Worksheet, row: number, cells: readonly (ExcelJS.CellValue | [ExcelJS.CellValue, string])[]): void {
  cells.forEach((cell, k) => {
    const target = sheet.getCell(row, k + 1);
    if (Array.isArray(cell)) {
      target.value = cell[0] as ExcelJS.CellValue;
      target.numFmt = cell[1] as string;
    } else target.value = cell as ExcelJS.CellValue;
  });
}

describeFileSourceContract('XLSX', {
  extension: '.xlsx',
  open: async (path) => (await openXlsxSources(path))[0] as SourceTable,
  write: async (path) => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('People');
    [contractFile.columns, ...contractFile.records].forEach((cells, k) => fill(sheet, k + 1, cells));
    await workbook.xlsx.writeFile(path);
  },
  empty: { contents: [''], detail: 'it has no bytes at all. Ask for the workbook again.' },
});

/** How a hand-made ZIP package stores its parts: deflated, and with sizes its headers may misstate. */
interface ZipOptions {
  readonly deflate?: boolean;
  /** Inflated sizes to write into the headers instead of the true ones, per part. */
  readonly declared?: Readonly<Record<string, number>>;
  /** Compressed bytes to write instead of the true ones, per part (a damaged entry). */
  readonly damage?: Readonly<Record<string, (bytes: Buffer) => Buffer>>;
}

/** A ZIP package with the given parts, stored uncompressed unless told, for workbooks no writer makes. */
function storedZip(parts: Record<string, string | Buffer>, options: ZipOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [path, text] of Object.entries(parts)) {
    const name = Buffer.from(path);
    const plain = Buffer.from(text);
    const crc = crc32(plain);
    const packed = options.deflate ? deflateRawSync(plain) : plain;
    const data = options.damage?.[path]?.(packed) ?? packed;
    const size = options.declared?.[path] ?? plain.length;
    const method = options.deflate ? 8 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const rootRels = `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>`;

/** A hand-written one-sheet workbook: the parts a writer such as Excel or LibreOffice makes. */
function handWorkbook(sheetXml: string, extra: { sharedStrings?: string; styles?: string; date1904?: boolean } = {}, zip: ZipOptions = {}) {
  const parts: Record<string, string> = {
    '_rels/.rels': rootRels,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?>
<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<x:workbookPr${extra.date1904 ? ' date1904="1"' : ''}/><x:sheets><x:sheet name="Data" sheetId="1" rel:id="rId1"/></x:sheets></x:workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>`,
    'xl/worksheets/data.xml': `<?xml version="1.0" encoding="UTF-8"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>${sheetXml}</x:sheetData></x:worksheet>`,
  };
  if (extra.sharedStrings !== undefined) {
    parts['xl/sharedStrings.xml'] = `<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${extra.sharedStrings}</sst>`;
  }
  if (extra.styles !== undefined) {
    parts['xl/styles.xml'] = `<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${extra.styles}</styleSheet>`;
  }
  return storedZip(parts, zip);
}

function fixture(name: string, content: string | Buffer): string {
  const path = join(dir.path, name);
  writeFileSync(path, content);
  return path;
}

describe('an XLSX source: values as the customer saw them', () => {
  it('formats dates, money, percentages and numbers, and keeps text, booleans, formulas and errors', async () => {
    const path = await writeWorkbook('people.xlsx', (workbook) => {
      const sheet = workbook.addWorksheet('People');
      fill(sheet, 1, ['id', 'name', 'born', 'balance', 'rate', 'big', 'tenth', 'score', 'code', 'active']);
      fill(sheet, 2, [
        1,
        'Zoë Łukasz 李',
        [new Date(Date.UTC(2021, 1, 3)), 'dd/mm/yyyy'],
        [1234.5, '£#,##0.00'],
        [0.125, '0.0%'],
        12345678901234,
        0.1,
        [12.3, '0.00'],
        '007',
        true,
      ]);
      fill(sheet, 3, [
        2,
        { richText: [{ text: 'Anne ' }, { font: { bold: true }, text: 'Smith' }] },
        [new Date(Date.UTC(2021, 1, 3)), 'mm-dd-yy'],
        [-1234.5, '"£"#,##0.00;[Red]-"£"#,##0.00'],
        [{ formula: 'E2*2', result: 0.25 }, '0%'],
        { error: '#N/A' },
        null,
        { formula: 'H2+1', result: 13.3 },
        { text: 'site', hyperlink: 'https://example.com' },
        false,
      ]);
      fill(sheet, 5, [3, 'Ragged', { formula: 'B5&"!"', result: 'Ragged!' }]);
      sheet.getCell('L5').value = 'beyond the header';
    });
    expect(await describeWorkbook(path)).toEqual([
      {
        name: 'people.xlsx#People',
        columns: ['id', 'name', 'born', 'balance', 'rate', 'big', 'tenth', 'score', 'code', 'active'],
        types: ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text'],
        details: { format: 'xlsx', sheet: 'People' },
        rows: [
          {
            line: 2,
            values: ['1', 'Zoë Łukasz 李', '03/02/2021', '£1,234.50', '12.5%', '12345678901234', '0.1', '12.30', '007', 'TRUE'],
          },
          {
            line: 3,
            values: ['2', 'Anne Smith', '2021-02-03', '-£1,234.50', '25%', '#N/A', '', '13.3', 'site', 'FALSE'],
          },
          { line: 5, values: ['3', 'Ragged', 'Ragged!', '', '', '', '', '', '', '', '', 'beyond the header'] },
        ],
      },
    ]);
  });

  it('reads every sheet in tab order: one table each, an empty sheet with no columns, a header further down', async () => {
    const path = await writeWorkbook('crm.xlsx', (workbook) => {
      const orders = workbook.addWorksheet('Orders');
      fill(orders, 1, ['order', 'placed', 'total']);
      fill(orders, 2, ['A-1', [new Date(Date.UTC(2021, 1, 3, 14, 30)), 'yyyy-mm-dd hh:mm'], [99.999, '#,##0.00']]);
      workbook.addWorksheet('Notes');
      const late = workbook.addWorksheet('Späte Liste');
      fill(late, 3, [' id ', 'Name']);
      fill(late, 4, [7, 'Jürgen']);
    });
    expect(await describeWorkbook(path)).toEqual([
      {
        name: 'crm.xlsx#Orders',
        columns: ['order', 'placed', 'total'],
        types: ['text', 'text', 'text'],
        details: { format: 'xlsx', sheet: 'Orders' },
        rows: [{ line: 2, values: ['A-1', '2021-02-03 14:30', '100.00'] }],
      },
      { name: 'crm.xlsx#Notes', columns: [], types: [], details: { format: 'xlsx', sheet: 'Notes' }, rows: [] },
      {
        name: 'crm.xlsx#Späte Liste',
        columns: ['id', 'Name'],
        types: ['text', 'text'],
        details: { format: 'xlsx', sheet: 'Späte Liste' },
        rows: [{ line: 4, values: ['7', 'Jürgen'] }],
      },
    ]);
  });

  it('reads only the named sheets, in the order named, matching names as Excel does (ignoring case)', async () => {
    const path = await writeWorkbook('two.xlsx', (workbook) => {
      fill(workbook.addWorksheet('Alpha'), 1, ['a']);
      fill(workbook.addWorksheet('Beta'), 1, ['b']);
    });
    const tables = await openXlsxSources(path, { sheets: ['beta', 'Alpha'] });
    expect(tables.map((table) => table.name)).toEqual(['two.xlsx#Beta', 'two.xlsx#Alpha']);
  });

  it('reads strings written inline rather than shared', async () => {
    const path = join(dir.path, 'inline.xlsx');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
    const sheet = workbook.addWorksheet('Inline');
    sheet.addRow(['code', 'label']).commit();
    sheet.addRow(['007', { richText: [{ text: 'Bold ' }, { font: { italic: true }, text: 'and <italic> & more' }] }]).commit();
    sheet.commit();
    await workbook.commit();
    expect(await describeWorkbook(path)).toEqual([
      {
        name: 'inline.xlsx#Inline',
        columns: ['code', 'label'],
        types: ['text', 'text'],
        details: { format: 'xlsx', sheet: 'Inline' },
        rows: [{ line: 2, values: ['007', 'Bold and <italic> & more'] }],
      },
    ]);
  });

  it('reads the 1904 date system of old Mac workbooks', async () => {
    const path = await writeWorkbook('mac.xlsx', (workbook) => {
      workbook.properties.date1904 = true;
      const sheet = workbook.addWorksheet('Dates');
      fill(sheet, 1, ['day']);
      fill(sheet, 2, [[new Date(Date.UTC(2021, 1, 3)), 'dd/mm/yyyy']]);
    });
    expect((await describeWorkbook(path))[0]?.rows).toEqual([{ line: 2, values: ['03/02/2021'] }]);
  });

  it('reads what other writers produce: prefixed tags, absolute targets, no cell references, phonetic guides, escapes', async () => {
    const sheet = [
      '<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c><x:c t="s"><x:v>3</x:v></x:c></x:row>',
      '<x:row><x:c t="s"><x:v>4</x:v></x:c><x:c t="s"><x:v>5</x:v></x:c><x:c s="1"><x:v>44230</x:v></x:c>',
      '<x:c t="inlineStr"><x:is><x:r><x:t>in</x:t></x:r><x:r><x:t xml:space="preserve">line </x:t></x:r><x:rPh><x:t>ルビ</x:t></x:rPh></x:is></x:c></x:row>',
      '<x:row r="7"><x:c r="B7" t="d" s="1"><x:v>2021-02-03T00:00:00Z</x:v></x:c><x:c r="D7" t="e"><x:v>#DIV/0!</x:v></x:c></x:row>',
    ].join('');
    const sharedStrings = [
      '<si><t>id</t></si><si><t>city</t></si><si><t>day</t></si><si><t>note</t></si>',
      '<si><t>1</t></si>',
      '<si><r><t>東京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>',
    ].join('');
    const styles =
      '<numFmts count="1"><numFmt numFmtId="164" formatCode="d\\ mmmm\\ yyyy"/></numFmts>' +
      '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>' +
      '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs>';
    const path = fixture('other-writer.xlsx', handWorkbook(sheet, { sharedStrings, styles }));
    expect(await describeWorkbook(path)).toEqual([
      {
        name: 'other-writer.xlsx#Data',
        columns: ['id', 'city', 'day', 'note'],
        types: ['text', 'text', 'text', 'text'],
        details: { format: 'xlsx', sheet: 'Data' },
        rows: [
          { line: 2, values: ['1', '東京', '3 February 2021', 'inline '] },
          { line: 7, values: ['', '3 February 2021', '', '#DIV/0!'] },
        ],
      },
    ]);
  });

  it('undoes the escapes Excel writes for control characters', async () => {
    const sheet = '<x:row r="1"><x:c r="A1" t="str"><x:v>note</x:v></x:c></x:row><x:row r="2"><x:c r="A2" t="str"><x:v>one_x000D_\ntwo _x005F_x0041_</x:v></x:c></x:row>';
    const path = fixture('escapes.xlsx', handWorkbook(sheet));
    expect((await describeWorkbook(path))[0]?.rows).toEqual([{ line: 2, values: ['one\r\ntwo _x0041_'] }]);
  });

});

describe('an XLSX source: problems', () => {
  it('says a CSV renamed to .xlsx is not an Excel workbook', async () => {
    const path = fixture('renamed.xlsx', 'id,name\n1,Ann\n');
    expect(await failureOf(openXlsxSources(path))).toEqual({
      code: 'file_unreadable',
      message:
        `renamed.xlsx at ${path} is not an Excel workbook: it is not an Excel Workbook (.xlsx) file, or it was cut short while being copied. ` +
        'If it is a CSV or text export, give it its real extension (.csv); otherwise save it again from Excel as .xlsx.',
      where: { file: 'renamed.xlsx' },
    });
  });

  it('says an old .xls or a password-protected workbook must be saved again as .xlsx', async () => {
    const path = fixture('legacy.xlsx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    expect(await failureOf(openXlsxSources(path))).toEqual({
      code: 'file_unreadable',
      message:
        `legacy.xlsx at ${path} is not an Excel workbook: it is an Excel 97-2003 workbook (.xls) or a password-protected one. ` +
        'Open it in Excel and save it as an unprotected Excel Workbook (.xlsx).',
      where: { file: 'legacy.xlsx' },
    });
  });

  it('says a ZIP package with no workbook inside is not an Excel workbook', async () => {
    const path = fixture('letter.xlsx', storedZip({ 'word/document.xml': '<document/>' }));
    expect(await failureOf(openXlsxSources(path))).toEqual({
      code: 'file_unreadable',
      message:
        `letter.xlsx at ${path} is not an Excel workbook: it is a ZIP package without an Excel workbook inside ` +
        '(perhaps a Word or other Office file renamed). Save the data from Excel as an Excel Workbook (.xlsx).',
      where: { file: 'letter.xlsx' },
    });
  });

  it('lists the sheets there are when a named sheet is missing', async () => {
    const path = await writeWorkbook('sheets.xlsx', (workbook) => {
      fill(workbook.addWorksheet('People'), 1, ['id']);
      fill(workbook.addWorksheet('Orders'), 1, ['id']);
    });
    expect(await failureOf(openXlsxSources(path, { sheets: ['People', 'Tenancies', 'Diary'] }))).toEqual({
      code: 'sheet_missing',
      message:
        'sheets.xlsx has no sheet named "Tenancies", "Diary"; it has the sheets "People", "Orders". ' +
        'Correct the sheet names in cutover.yaml or ask for the workbook again.',
      where: { file: 'sheets.xlsx' },
    });
  });

  it('refuses a header with blank or repeated names, naming the sheet and row', async () => {
    const path = await writeWorkbook('header.xlsx', (workbook) => {
      fill(workbook.addWorksheet('People'), 2, ['id', null, 'name', 'id']);
    });
    expect(await failureOf(openXlsxSources(path))).toEqual({
      code: 'xlsx_header',
      message:
        'header.xlsx#People row 2 is not a usable header: column 2 has no name; columns 1 and 4 are both named "id". ' +
        'Give every column a distinct name in the first filled row of the sheet, or leave this sheet out of the sheets listed in cutover.yaml.',
      where: { file: 'header.xlsx#People', line: 2 },
    });
  });

  it('says a workbook is damaged when a cell points at a shared string that is not there', async () => {
    const sheet = '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row><x:row r="2"><x:c r="A2" t="s"><x:v>9</x:v></x:c></x:row>';
    const path = fixture('lost-string.xlsx', handWorkbook(sheet, { sharedStrings: '<si><t>id</t></si>' }));
    expect(await failureOf(openXlsxSources(path))).toEqual({
      code: 'xlsx_damaged',
      message:
        'lost-string.xlsx#Data is damaged: the cell in row 2 column 1 points at shared string 9, which does not exist. ' +
        'Open it in Excel, save it again as .xlsx and deliver that copy.',
      where: { file: 'lost-string.xlsx#Data', line: 2, column: 1 },
    });
  });

  it('says a workbook is damaged when a part is not well-formed XML', async () => {
    const path = fixture('broken.xlsx', handWorkbook('<x:row r="1"><x:c r="A1" t="str"><x:v>id</x:v></x:row>'));
    expect(await failureOf(openXlsxSources(path))).toEqual({
      code: 'xlsx_damaged',
      message: 'broken.xlsx#Data is damaged: its part xl/worksheets/data.xml is not well-formed XML (unexpected close tag). Open it in Excel, save it again as .xlsx and deliver that copy.',
      where: { file: 'broken.xlsx#Data' },
    });
  });

  describe('bounds: a hostile or damaged workbook is refused in words, before it fills the memory', () => {
    const header = '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>id</x:t></x:is></x:c></x:row>';
    const small = { ...defaultXlsxLimits, maxSharedStringBytes: 1024 * 1024, ratioFloorBytes: 1024 * 1024 };

    it('refuses a cell beyond the last column Excel has instead of filling millions of empty cells', async () => {
      const path = fixture('far-column.xlsx', handWorkbook(`${header}<x:row r="2"><x:c r="ZZZZZZZ2" t="inlineStr"><x:is><x:t>x</x:t></x:is></x:c></x:row>`));
      expect(await failureOf(openXlsxSources(path))).toEqual({
        code: 'xlsx_damaged',
        message:
          'far-column.xlsx#Data is damaged: row 2 has a cell in column ZZZZZZZ, beyond the last column an Excel sheet has (XFD, column 16,384). ' +
          'Open it in Excel, save it again as .xlsx and deliver that copy.',
        where: { file: 'far-column.xlsx#Data', line: 2 },
      });
    });

    it('refuses a row numbered below 1 instead of dropping it without a word', async () => {
      const path = fixture('minus-row.xlsx', handWorkbook(`${header}<x:row r="-5"><x:c t="inlineStr"><x:is><x:t>x</x:t></x:is></x:c></x:row>`));
      const failure = await failureOf(openXlsxSources(path));
      expect(failure.code).toBe('xlsx_damaged');
      expect(failure.message).toContain('a row after row 1 is numbered "-5", which is not a row of an Excel sheet (1 to 1,048,576)');
    });

    it('refuses a cell holding more text than any real one', async () => {
      const huge = 'x'.repeat(defaultXlsxLimits.maxCellChars + 10);
      const path = fixture('huge-cell.xlsx', handWorkbook(`${header}<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>${huge}</x:t></x:is></x:c></x:row>`, {}, { deflate: true }));
      const [table] = await openXlsxSources(path);
      const failure = await failureOf(readAll(table as SourceTable));
      expect(failure).toMatchObject({ code: 'xlsx_too_large', where: { file: 'huge-cell.xlsx#Data', line: 2, column: 1 } });
      expect(failure.message).toContain('row 2 column 1 holds more than 1,048,576 characters');
    });

    it('refuses shared strings larger than the reader holds, as their headers declare them', async () => {
      const strings = Array.from({ length: 3000 }, (_, k) => `<si><t>${String(k).padStart(400, 'w')}</t></si>`).join('');
      const path = fixture('sst-bomb.xlsx', handWorkbook(header, { sharedStrings: `<si><t>id</t></si>${strings}` }, { deflate: true }));
      expect(await failureOf(openXlsxSources(path, { limits: small }))).toEqual({
        code: 'xlsx_too_large',
        message:
          'sst-bomb.xlsx cannot be read: its part xl/sharedStrings.xml it inflates to more than 1 MB. Cutover stopped before filling the memory or the disk. ' +
          'If the workbook is real, export its sheets as CSV files and deliver those instead.',
        where: { file: 'sst-bomb.xlsx' },
      });
    });

    it('refuses a part that inflates far more than real workbooks do (a ZIP bomb of rows)', async () => {
      const rows = '<x:row><x:c t="inlineStr"><x:is><x:t>1</x:t></x:is></x:c></x:row>'.repeat(60_000);
      const path = fixture('row-bomb.xlsx', handWorkbook(`${header}${rows}`, {}, { deflate: true }));
      const failure = await failureOf(openXlsxSources(path, { limits: small }));
      expect(failure.code).toBe('xlsx_too_large');
      expect(failure.message).toMatch(/its part xl\/worksheets\/data\.xml it inflates [\d,]+ times its compressed size, which real workbooks never do \(a ZIP bomb\)/);
    });

    it('stops a part whose header understates its size, as damaged', async () => {
      const rows = '<x:row><x:c t="inlineStr"><x:is><x:t>1</x:t></x:is></x:c></x:row>'.repeat(2000);
      const path = fixture('lying.xlsx', handWorkbook(`${header}${rows}`, {}, { deflate: true, declared: { 'xl/worksheets/data.xml': 400 } }));
      const failure = await failureOf(openXlsxSources(path));
      expect(failure.code).toBe('xlsx_damaged');
      expect(failure.message).toContain('its part xl/worksheets/data.xml cannot be unpacked');
    });

    it('says a part whose compressed bytes are corrupt is damaged, not an internal error', async () => {
      const scramble = (bytes: Buffer) => Buffer.from(bytes.map((byte, k) => (k > 4 ? byte ^ 0x5a : byte)));
      const path = fixture('corrupt.xlsx', handWorkbook(`${header}<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>abc</x:t></x:is></x:c></x:row>`, {}, { deflate: true, damage: { 'xl/worksheets/data.xml': scramble } }));
      const failure = await failureOf(openXlsxSources(path));
      expect(failure.code).toBe('xlsx_damaged');
      expect(failure.message).toMatch(/^corrupt\.xlsx#Data is damaged: its part xl\/worksheets\/data\.xml (cannot be unpacked|is not well-formed XML)/);
    });
  });
});
