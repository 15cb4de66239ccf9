import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckProblem } from '../core/contract/index.js';
import { readDefectManifest, type DefectKind } from '../sample/defect-manifest.js';
import { writeSampleExport } from '../sample/index.js';
import { cutover } from '../test-support/capture-io.js';
import { tempDir } from '../test-support/temp-dir.js';
import { sampleProjectTemplate } from './demo.js';

/**
 * The planted defects that belong to intake, and the code check gives each. The others are
 * not intake problems, by choice:
 * - date-format-variant and money-format: the customer's system writes dates three ways and
 *   amounts with or without £, separators and brackets; the sample contract agrees to all of
 *   them, so they are legitimate, and the mapping's transforms read them;
 * - utf8-bom, crlf-line-ends, semicolon-delimiter, embedded-newline: the reader handles them
 *   and nothing is lost, so they are no problem of the delivery;
 * - near-duplicate-person, role-of-duplicate, test-record: the rows are well formed; merging
 *   and leaving out are decisions of the mapping (dedup, exclusion rules), not of intake.
 * windows-1252 is a warning: the file was read correctly, but is not in the agreed UTF-8.
 */
const intake: Partial<Record<DefectKind, { code: string; severity: 'error' | 'warning' }>> = {
  'impossible-date': { code: 'date_impossible', severity: 'error' },
  'ragged-row': { code: 'ragged_row', severity: 'error' },
  'blank-key': { code: 'key_blank', severity: 'error' },
  'duplicate-key': { code: 'key_duplicate', severity: 'error' },
  orphan: { code: 'reference_missing', severity: 'error' },
  'windows-1252': { code: 'encoding_unexpected', severity: 'warning' },
};

const dir = tempDir('cutover-check');
const env = { CUTOVER_SNAPSHOT_KEY: '5a'.repeat(32) };
const saved = process.env.CUTOVER_SNAPSHOT_KEY;

beforeAll(async () => {
  process.env.CUTOVER_SNAPSHOT_KEY = env.CUTOVER_SNAPSHOT_KEY;
  await writeSampleExport({ outDir: join(dir.path, 'export'), rows: 3000, seed: 7 });
  copyFileSync(join(sampleProjectTemplate, 'cutover.yaml'), join(dir.path, 'cutover.yaml'));
  copyFileSync(join(sampleProjectTemplate, 'contract.yaml'), join(dir.path, 'contract.yaml'));
  const collected = await cutover('collect', '--project', dir.path);
  expect(collected.code, collected.stderr).toBe(0);
}, 60_000);
afterAll(() => {
  if (saved === undefined) delete process.env.CUTOVER_SNAPSHOT_KEY;
  else process.env.CUTOVER_SNAPSHOT_KEY = saved;
  dir.cleanup();
});

const place = (p: { file: string; line: number | null; code: string; severity: string }) => `${p.file} line ${p.line}: ${p.code} (${p.severity})`;

describe('cutover check on the sample export', () => {
  it('finds every planted intake defect at its file and line, and nothing on clean rows', async () => {
    const { code, stdout, stderr } = await cutover('check', '--project', dir.path, '--json');
    expect(stderr).toBe('');
    const output = JSON.parse(stdout) as { problems: CheckProblem[]; summary: { acceptable: boolean; errors: number; warnings: number } };
    const manifest = readDefectManifest(join(dir.path, 'export', 'defects.json'));
    const expected = manifest.defects
      .filter((d) => intake[d.kind] !== undefined)
      .map((d) => place({ file: d.file, line: d.line, ...intake[d.kind]! }));
    // a reference to a row with a problem of its own is no defect of its own: it follows one
    const following = output.problems.filter((p) => p.code === 'reference_problem');
    const found = output.problems.filter((p) => p.code !== 'reference_problem').map(place);
    // both directions: nothing planted is missed, nothing else is reported
    expect([...found].sort()).toEqual([...expected].sort());
    const errors = new Set(output.problems.filter((p) => p.severity === 'error').map((p) => `${p.file} line ${p.line}`));
    for (const p of following) {
      const [, line, file] = /is on line (\d+) of (\S+), which has a problem of its own/.exec(p.message) ?? [];
      expect(errors.has(`${file} line ${line}`), p.message).toBe(true);
    }
    expect(expected.length).toBeGreaterThan(20);
    expect(code).toBe(1);
    expect(output.summary.acceptable).toBe(false);
  }, 60_000);

  it('finds the same in the delivered folder before it is collected, naming the file the contract does not know', async () => {
    const { stdout } = await cutover('check', join(dir.path, 'export'), '--project', dir.path, '--json', '--out', join(dir.path, 'folder'));
    const fromFolder = (JSON.parse(stdout) as { problems: CheckProblem[] }).problems;
    const fromSnapshot = (JSON.parse((await cutover('check', '--project', dir.path, '--json')).stdout) as { problems: CheckProblem[] }).problems;
    expect(fromFolder).toEqual([
      { file: 'defects.json', line: null, column: null, code: 'file_unexpected', severity: 'warning', message: 'defects.json is not in the contract, so it was not read' },
      ...fromSnapshot,
    ]);
  }, 60_000);

  it('words each problem for the customer, with the column where there is one', async () => {
    const { stdout } = await cutover('check', '--project', dir.path, '--json');
    const problems = (JSON.parse(stdout) as { problems: CheckProblem[] }).problems;
    const first = (code: string) => problems.find((p) => p.code === code);
    expect(first('date_impossible')).toMatchObject({ column: expect.any(String), message: expect.stringMatching(/^the .+ "\d\d\/\d\d\/\d{4}" is not a real date$/) });
    expect(first('reference_missing')?.message).toMatch(/^the .+ "[A-Z]+\d+" does not exist in [a-z_]+\.csv: no row there has the [A-Za-z]+ "[A-Z]+\d+"$/);
    expect(first('key_duplicate')?.message).toMatch(/ is used again: line \d+ has the same one$/);
    expect(first('ragged_row')).toMatchObject({ column: null, message: 'this diary entry has 8 values but the header has 7 columns: a value probably holds the separator without quotes around it' });
    expect(first('encoding_unexpected')).toMatchObject({ file: 'properties.csv', severity: 'warning' });
  }, 60_000);

  it('prints the problems, the counts per file and per kind, the verdict and the reports', async () => {
    const { code, stdout } = await cutover('check', '--project', dir.path);
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    expect(lines.filter((l) => /^[a-z_]+\.csv line [\d,]+(, column \w+)?: /.test(l)).length).toBe(30);
    expect(stdout).toMatch(/\n… and [\d,]+ more in the reports\.\n/);
    // diary entries of people whose own rows have problems are noted, as warnings
    expect(stdout).toMatch(/^diary\.csv +[\d,]+ +[\d,]+ +[\d,]+$/m);
    expect(stdout).toMatch(/^diary\.csv +rows with too many or too few values +yes +[\d,]+$/m);
    expect(stdout).toMatch(/The delivery cannot be accepted yet: [\d,]+ problems must be fixed, and [\d,]+ to note\./);
    const reports = /Problem lists for the customer: (\S+\.html) and (\S+\.xlsx)/.exec(stdout);
    expect(reports).not.toBeNull();
    expect(existsSync(reports![2]!)).toBe(true);
    const page = readFileSync(reports![1]!, 'utf8');
    expect(page).toContain('The delivery cannot be accepted yet');
    expect(page).toContain('is not a real date');
  }, 60_000);

  it('checks one delivered file alone, and says which references it could not check', async () => {
    const { code, stdout } = await cutover('check', join(dir.path, 'export', 'tenancies.csv'), '--project', dir.path, '--json', '--out', join(dir.path, 'one'));
    const problems = (JSON.parse(stdout) as { problems: CheckProblem[] }).problems;
    expect(code).toBe(1);
    expect(problems.filter((p) => p.code === 'reference_unchecked').map((p) => [p.column, p.severity])).toEqual([
      ['PropertyID', 'warning'],
      ['TenantID', 'warning'],
    ]);
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(['reference_unchecked', 'date_impossible']));
  }, 60_000);

  it('passes a clean delivery with exit status 0', async () => {
    const clean = join(dir.path, 'clean.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(clean, 'SupplierID,Name,Trade\nS00001,Ace Plumbing,Plumber\n');
    const { code, stdout } = await cutover('check', clean, '--project', dir.path, '--out', join(dir.path, 'one'));
    expect(stdout).toContain('clean.csv is not in the contract');
    expect(stdout).toContain('The delivery can be accepted: nothing must be fixed, 1 to note.');
    expect(code).toBe(0);
  });
});
