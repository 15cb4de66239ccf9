import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseContract } from '../core/contract/index.js';
import { writeSampleExport } from '../sample/index.js';
import { cutover } from '../test-support/capture-io.js';
import { tempDir } from '../test-support/temp-dir.js';

const dir = tempDir('cutover-draft');
const exportDir = join(dir.path, 'export');
beforeAll(async () => {
  await writeSampleExport({ outDir: exportDir, rows: 2000, seed: 3 });
  // the manifest is the test's, not part of the delivery
  rmSync(join(exportDir, 'defects.json'));
});
afterAll(() => dir.cleanup());

describe('cutover contract draft', () => {
  it('proposes types, formats, value lists, keys and references from what was delivered', async () => {
    const out = join(dir.path, 'draft.yaml');
    const drafted = await cutover('contract', 'draft', exportDir, '--project', dir.path, '--out', out);
    expect(drafted).toEqual({ code: 0, stdout: `Drafted a contract in ${out}: read it, correct it and agree it with the customer.\n`, stderr: '' });
    const text = readFileSync(out, 'utf8');
    const lines = text.split('\n');
    expect(lines).toContain('  people.csv:');
    expect(lines).toContain('    key: PersonID');
    expect(lines).toContain('    key: EntryID');
    expect(lines).toContain('      Created: { type: date, formats: [dd/MM/yyyy, yyyy-MM-dd, d MMM yyyy], allow_blank: false }');
    expect(lines).toContain('      Email: { type: email }');
    expect(lines).toContain('      Status: { type: enum, values: [Ended, Current, Pending], allow_blank: false }');
    expect(lines).toContain('      Time: { type: time, formats: ["HH:mm"] }');
    expect(lines).toContain('      Balance: { type: money, currency: £, allow_blank: false }');
    expect(lines).toContain('      - { column: PropertyID, file: properties.csv, key: PropertyID }');
    // the draft reads back as a contract, and a check against it runs
    expect(parseContract(text, 'draft.yaml').files).toHaveLength(7);
    const checked = await cutover('check', exportDir, '--project', dir.path, '--contract', out, '--out', join(dir.path, 'reports'), '--json');
    expect(checked.stderr).toBe('');
    const codes = new Set((JSON.parse(checked.stdout) as { problems: { code: string }[] }).problems.map((p) => p.code));
    expect(codes).toContain('date_impossible');
    expect(codes).toContain('key_duplicate');
  }, 60_000);

  it('will not overwrite a file without --force', async () => {
    const out = join(dir.path, 'draft.yaml');
    const again = await cutover('contract', 'draft', exportDir, '--project', dir.path, '--out', out);
    expect(again).toEqual({ code: 1, stdout: '', stderr: `error: ${out} already exists; pass --force to overwrite it, or choose another --out file.\n` });
  }, 60_000);
});
