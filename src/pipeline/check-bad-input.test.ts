import { createWriteStream, truncateSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckProblem } from '../core/contract/index.js';
import { cutover } from '../test-support/capture-io.js';
import { tempDir } from '../test-support/temp-dir.js';

const dir = tempDir('cutover-check-bad');
afterAll(() => dir.cleanup());

const contract = join(dir.path, 'contract.yaml');
writeFileSync(
  contract,
  [
    'version: 1',
    'files:',
    '  people.csv:',
    '    label: person',
    '    key: PersonID',
    '    columns:',
    '      PersonID: { label: person number }',
    '      Surname: { label: surname }',
    '      Mobile: { type: uk_phone, label: mobile number }',
    '',
  ].join('\n'),
);

/** Runs `cutover check FILE --json` on a file written with `content`, as people.csv. */
async function check(content: string | Buffer, name = 'people.csv', contractFile = contract) {
  const file = join(dir.path, name);
  writeFileSync(file, content);
  const { code, stdout, stderr } = await cutover('check', file, '--project', dir.path, '--contract', contractFile, '--out', join(dir.path, 'reports'), '--json');
  if (stdout === '') return { code, problems: [] as CheckProblem[], stderr };
  return { code, problems: (JSON.parse(stdout) as { problems: CheckProblem[] }).problems, stderr };
}

describe('cutover check on bad input', () => {
  it('says a file that is not there is not there', async () => {
    const missing = join(dir.path, 'peopel.csv');
    expect(await cutover('check', missing, '--project', dir.path)).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: ${missing} was not found: name a delivered file, a folder of them, or a snapshot id ("cutover snapshots" lists them).\n`,
    });
  });

  it('says an empty file is empty', async () => {
    const { code, problems } = await check('');
    expect(code).toBe(1);
    expect(problems).toEqual([
      {
        file: 'people.csv', line: null, column: null, code: 'file_empty', severity: 'error',
        message: `people.csv at ${join(dir.path, 'people.csv')} is empty: it has no header line. Ask for the file again, with the column names on its first line.`,
      },
    ]);
  });

  it('says a binary file named .csv is not a text file, and what it looks like', async () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), Buffer.alloc(200, 0)]);
    expect((await check(zip)).problems).toEqual([
      { file: 'people.csv', line: null, column: null, code: 'file_binary', severity: 'error', message: 'people.csv is not a text file: its first bytes are those of a zip archive (an Excel workbook is one). Ask for the file again, exported as CSV' },
    ]);
    const noise = Buffer.from(Array.from({ length: 3000 }, (_, k) => (k * 7919) % 256));
    expect((await check(noise)).problems.map((p) => [p.code, p.message])).toEqual([
      ['file_binary', 'people.csv is not a text file: its first bytes are those of binary data, not text. Ask for the file again, exported as CSV'],
    ]);
  });

  it('says a file with only its header has no rows, as a warning', async () => {
    const { code, problems } = await check('PersonID,Surname,Mobile\r\n');
    expect(code).toBe(0);
    expect(problems).toEqual([
      { file: 'people.csv', line: null, column: null, code: 'file_no_rows', severity: 'warning', message: 'people.csv has a header but no rows: ask whether it was meant to be empty' },
    ]);
  });

  it('says which column the contract names and the file does not have', async () => {
    const { code, problems } = await check('PersonID,Surname,Phone\nP1,Smith,07700 900123\n');
    expect(code).toBe(1);
    expect(problems).toEqual([
      { file: 'people.csv', line: 1, column: 'Mobile', code: 'column_missing', severity: 'error', message: 'the column "Mobile" is missing from the header; the file has "PersonID", "Surname" and "Phone"' },
      { file: 'people.csv', line: 1, column: 'Phone', code: 'column_unexpected', severity: 'warning', message: 'the header has a column "Phone" that the contract does not name' },
    ]);
  });

  it('refuses a contract whose reference names a column it does not have, naming its line', async () => {
    const broken = join(dir.path, 'broken.yaml');
    writeFileSync(broken, 'version: 1\nfiles:\n  people.csv:\n    columns: { PersonID: text }\n    references:\n      - { column: LandlordID, file: people.csv, key: PersonID }\n');
    const { code, stderr } = await check('PersonID\nP1\n', 'people.csv', broken);
    expect(code).toBe(1);
    expect(stderr).toBe(
      // a file may refer to itself (a person's landlord is a person); the column is what is wrong
      `error: ${broken} line 6 column 19: the reference names "LandlordID" is not a column of people.csv in this contract. Its columns are: PersonID\n`,
    );
  });

  it('reports a quote never closed at the line where it opens', async () => {
    const { problems } = await check('PersonID,Surname,Mobile\nP1,Smith,\nP2,"O\'Brien,\nP3,Jones,\n');
    expect(problems).toEqual([
      {
        file: 'people.csv', line: 3, column: null, code: 'csv_malformed', severity: 'error',
        message: 'people.csv line 3: the quoted value in column 2 opens here and is never closed, so the rest of the file would be read as one value. Fix the stray quote near line 3 or export the file again.',
      },
    ]);
  });

  it('finds bytes that are not UTF-8 far into a UTF-8 file: mixed encodings, at their line', async () => {
    const rows = Array.from({ length: 3000 }, (_, k) => `P${k},Smith-Worthington-Jones,`);
    rows[2500] = 'P2500,Caf\u00e9,';
    const text = `PersonID,Surname,Mobile\n${rows.join('\n')}\n`;
    // the café of line 2,502 in Windows-1252 (0xE9), beyond the 64 KB the encoding is guessed from
    const bytes = Buffer.from(text, 'latin1');
    const { problems } = await check(bytes);
    expect(problems).toEqual([
      { file: 'people.csv', line: 2502, column: 'Surname', code: 'encoding_invalid', severity: 'error', message: 'the surname holds characters that are not valid UTF-8 (shown as "\uFFFD"): the file mixes text encodings or was damaged. Ask for the file again, saved as UTF-8' },
    ]);
  });

  it('stops at a 2 GB line with no newline without reading it into memory', async () => {
    const file = join(dir.path, 'huge.csv');
    const out = createWriteStream(file);
    out.write('PersonID,Surname,Mobile\nP1,');
    // 48 MB of real text, written in pieces, then a sparse hole up to 2 GB: the reader must stop first
    const piece = 'x'.repeat(1024 * 1024);
    for (let k = 0; k < 48; k++) if (!out.write(piece)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    truncateSync(file, 2 * 1024 ** 3);
    let peak = process.memoryUsage().rss;
    const before = peak;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const { code, stdout } = await cutover('check', file, '--project', dir.path, '--out', join(dir.path, 'reports'), '--json');
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as { problems: CheckProblem[] }).problems).toEqual([
      {
        file: 'huge.csv', line: 2, column: null, code: 'line_too_long', severity: 'error',
        message: 'huge.csv line 2 is longer than 32 MB and Cutover stopped reading there. The line has no end, or a quote on it is never closed, so the rest of the file runs into it. Check that the file is really a CSV export, fix the stray quote near line 2, or export the file again.',
      },
    ]);
    // a 2 GB line held in memory would need gigabytes; the reader holds about 32 MB of it
    expect(peak - before).toBeLessThan(400 * 1024 * 1024);
  }, 60_000);
});
