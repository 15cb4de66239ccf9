import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCutoverError } from '../core/cutover-error.js';
import { applyTransform } from '../core/transforms/apply-transform.js';
import { dateTransform } from '../core/transforms/date-transform.js';
import { parseAmount } from '../core/transforms/money-amount.js';
import { readDefectManifest, type DefectManifest, type PlantedDefect } from './defect-manifest.js';
import { manifestName, sampleFiles, writeSampleExport, type SampleSummary } from './sample-export.js';

const dir = mkdtempSync(join(tmpdir(), 'cutover-sample-'));
const folder = (name: string) => join(dir, name);
const names = [...sampleFiles.map((f) => f.name), manifestName];
const fileOf = (name: string) => sampleFiles.find((f) => f.name === name)!;

const allKinds = [
  'blank-key', 'crlf-line-ends', 'date-format-variant', 'duplicate-key', 'embedded-newline', 'impossible-date', 'money-format',
  'near-duplicate-person', 'orphan', 'ragged-row', 'role-of-duplicate', 'semicolon-delimiter', 'test-record', 'utf8-bom', 'windows-1252',
];

/** A record and the physical line it starts on, as a reader of the delivered file sees it. */
interface CsvRow {
  readonly values: string[];
  readonly line: number;
}

/** A tiny quote-aware CSV splitter that counts CRLF, LF and CR line breaks, also inside quotes. */
function splitCsv(text: string, delimiter: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let values: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    const crlf = c === '\r' && text[i + 1] === '\n';
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted) {
      field += c;
      if (c === '\n' || (c === '\r' && !crlf)) line += 1;
    } else if (c === delimiter) {
      values.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      if (crlf) i += 1;
      rows.push({ values: [...values, field], line: start });
      values = [];
      field = '';
      line += 1;
      start = line;
    } else {
      field += c;
    }
  }
  return rows;
}

/** The records of one delivered file by the line they start on. */
function recordsOf(sample: string, name: string): Map<number, CsvRow> {
  const file = fileOf(name);
  const bytes = readFileSync(join(folder(sample), name));
  const text = iconv.decode(bytes, file.layout.encoding, { stripBOM: true });
  return new Map(splitCsv(text, file.layout.delimiter).map((r) => [r.line, r]));
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const hashes = (sample: string) => Object.fromEntries(names.map((n) => [n, sha256(join(folder(sample), n))]));

// the source column each repaired target field is read from
const columnOf: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  person: { created_on: 'Created', notes: 'Notes' },
  property: { asking_price: 'AskingPrice', rent_pcm: 'RentPCM' },
  tenancy: { start_date: 'StartDate', end_date: 'EndDate', rent_pcm: 'Rent', deposit: 'Deposit' },
  diary_entry: { entry_date: 'Date', notes: 'Notes' },
  opening_balance: { amount: 'Balance' },
};

/** What the spec's rules make of a raw value of `field`: the target's value. */
function specValue(field: string, raw: string): string | null {
  if (field.endsWith('_date') || field === 'created_on') {
    const result = applyTransform(dateTransform, raw.trim(), { formats: ['dd/MM/yyyy', 'yyyy-MM-dd', 'd MMM yyyy'] });
    return result.ok ? result.value : null;
  }
  if (field === 'notes') return raw.trim();
  const amount = parseAmount(raw, { currency: '£', decimalSeparator: '.', thousandsSeparator: ',', scale: 2 });
  return typeof amount === 'string' ? amount : null;
}

let summary: SampleSummary;
let manifest: DefectManifest;
let small: SampleSummary;

beforeAll(async () => {
  summary = await writeSampleExport({ outDir: folder('a'), rows: 2000, seed: 7 });
  manifest = readDefectManifest(join(folder('a'), manifestName));
  small = await writeSampleExport({ outDir: folder('small'), rows: 100, seed: 3 });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('writeSampleExport', () => {
  it('writes the same bytes for the same seed and other bytes for another seed', async () => {
    await writeSampleExport({ outDir: folder('same'), rows: 2000, seed: 7 });
    await writeSampleExport({ outDir: folder('other'), rows: 2000, seed: 8 });
    const first = hashes('a');
    expect(hashes('same')).toEqual(first);
    const other = hashes('other');
    expect(names.filter((n) => other[n] === first[n])).toEqual([]);
  });

  it('writes about as many rows as asked, split over the seven files, at every size', async () => {
    const large = await writeSampleExport({ outDir: folder('large'), rows: 25_000, seed: 3 });
    for (const [sample, rows, written] of [['small', 100, small], ['a', 2000, summary], ['large', 25_000, large]] as const) {
      expect(written.files.map((f) => f.name)).toEqual(sampleFiles.map((f) => f.name));
      expect(written.rows).toBe(written.files.reduce((n, f) => n + f.rows, 0));
      expect(Math.abs(written.rows - rows) / rows, `${rows} rows`).toBeLessThan(0.1);
      for (const f of written.files) {
        expect(statSync(join(folder(sample), f.name)).size).toBe(f.bytes);
        // every data row and the header, whatever lines the notes span
        expect(recordsOf(sample, f.name).size).toBe(f.rows + 1);
      }
    }
  });

  it('plants every kind of defect at 2,000 rows, and at 100', () => {
    expect([...new Set(manifest.defects.map((d) => d.kind))].sort()).toEqual(allKinds);
    const smallManifest = readDefectManifest(join(folder('small'), manifestName));
    expect([...new Set(smallManifest.defects.map((d) => d.kind))].sort()).toEqual(allKinds);
    expect({ seed: manifest.seed, rows: manifest.rows, count: manifest.defects.length }).toEqual({ seed: 7, rows: 2000, count: summary.defects });
  });

  it('points every defect at the line where its record starts, with the key written there', () => {
    const records = new Map(sampleFiles.map((f) => [f.name, recordsOf('a', f.name)]));
    for (const d of manifest.defects) {
      const file = fileOf(d.file);
      const record = records.get(d.file)?.get(d.line);
      const where = `${d.kind} at ${d.file}:${d.line}`;
      expect(record, where).toBeDefined();
      expect(d.entity, where).toBe(file.entity);
      const values = record!.values;
      if (d.line === 1) {
        expect(values, where).toEqual(file.columns);
        continue;
      }
      const key = d.entity === 'person_role' ? `${values[0]!.trim()} / ${values[1]!.trim()}` : values[0]!.trim();
      expect(key, where).toBe(d.key);
      expect(values.length, where).toBe(file.columns.length + (d.kind === 'ragged-row' ? 1 : 0));
    }
  });

  it('records for each repaired field the value the spec rules make of the source', () => {
    const records = new Map(sampleFiles.map((f) => [f.name, recordsOf('a', f.name)]));
    const repaired = manifest.defects.filter((d): d is PlantedDefect & { field: string } => d.outcome === 'repaired' && d.field !== undefined);
    expect(repaired.length).toBeGreaterThan(100);
    for (const d of repaired) {
      const column = columnOf[d.entity]![d.field]!;
      const raw = records.get(d.file)!.get(d.line)!.values[fileOf(d.file).columns.indexOf(column)]!;
      expect(specValue(d.field, raw), `${d.kind} at ${d.file}:${d.line}`).toBe(d.expected);
    }
    // people notes keep the CRLF typed inside the quotes, diary notes their LF
    const notes = repaired.filter((d) => d.kind === 'embedded-newline');
    expect(notes.filter((d) => d.file === 'people.csv').every((d) => d.expected!.includes('\r\n'))).toBe(true);
    expect(notes.filter((d) => d.file === 'diary.csv').every((d) => /[^\r]\n/.test(d.expected!))).toBe(true);
  });

  it('rejects impossible dates through the spec rule, and names merge survivors by their source key', () => {
    const records = new Map(sampleFiles.map((f) => [f.name, recordsOf('a', f.name)]));
    for (const d of manifest.defects.filter((x) => x.kind === 'impossible-date')) {
      const raw = records.get(d.file)!.get(d.line)!.values[fileOf(d.file).columns.indexOf(columnOf[d.entity]![d.field!]!)]!;
      expect(specValue(d.field!, raw), `${d.file}:${d.line} ${raw}`).toBeNull();
    }
    const people = [...records.get('people.csv')!.values()];
    const emailOf = (id: string) => people.find((r) => r.values[0] === id)!.values[4]!.trim().toLowerCase();
    for (const d of manifest.defects.filter((x) => x.kind === 'near-duplicate-person')) {
      expect(emailOf(d.key)).toBe(emailOf(d.survivor!));
      expect(d.survivor! < d.key).toBe(true);
    }
  });

  it('writes properties.csv in Windows-1252, with the £ as byte 0xA3', () => {
    const bytes = readFileSync(join(folder('a'), 'properties.csv'));
    expect(bytes.includes(0xa3)).toBe(true);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const text = iconv.decode(bytes, 'windows-1252');
    const firstPound = text.split('\r\n').findIndex((line) => line.includes('£')) + 1;
    expect(manifest.defects.find((d) => d.kind === 'windows-1252')?.line).toBe(firstPound);
  });

  it('writes people.csv in UTF-8 with a byte order mark and CRLF line ends, notes spanning lines', () => {
    const bytes = readFileSync(join(folder('a'), 'people.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\n').length - 1).toBe(text.split('\r\n').length - 1);
    expect(text).toContain('Zoë');
    expect(summary.files.find((f) => f.name === 'people.csv')!.rows).toBeLessThan(text.split('\r\n').length - 2);
  });

  it('writes tenancies.csv separated by semicolons, with LF line ends', () => {
    const text = readFileSync(join(folder('a'), 'tenancies.csv'), 'utf8');
    const lines = text.split('\n').filter((line) => line !== '');
    expect(lines[0]).toBe('TenancyID;PropertyID;TenantID;StartDate;EndDate;Rent;Deposit;Status');
    expect(lines.every((line) => line.split(';').length === 8 && !line.includes('\r'))).toBe(true);
  });

  it('refuses a size out of range, and stops when its signal is aborted', async () => {
    await expect(writeSampleExport({ outDir: folder('bad'), rows: 99, seed: 1 })).rejects.toSatisfy(
      (e: unknown) => isCutoverError(e, 'sample_rows') && e.message === 'The sample needs a whole number of rows from 100 to 10,000,000; got 99.',
    );
    const controller = new AbortController();
    controller.abort();
    await expect(writeSampleExport({ outDir: folder('stopped'), rows: 100_000, seed: 1, signal: controller.signal })).rejects.toThrow(/aborted/);
  });
});
