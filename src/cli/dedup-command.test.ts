import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSnapshotKey, sampleProjectTemplate } from '../pipeline/demo.js';
import { writeSampleExport } from '../sample/index.js';
import { cutover } from '../test-support/capture-io.js';
import { tempDir } from '../test-support/temp-dir.js';

const dir = tempDir('cutover-dedup-cli');

beforeAll(async () => {
  process.env['CUTOVER_SNAPSHOT_KEY'] = demoSnapshotKey;
  for (const part of ['specs', 'target', 'contract.yaml', 'cutover.yaml']) cpSync(join(sampleProjectTemplate, part), join(dir.path, part), { recursive: true });
  await writeSampleExport({ outDir: join(dir.path, 'export'), rows: 2000, seed: 5 });
  expect((await cutover('collect', '--project', dir.path, '--json')).code).toBe(0);
}, 120_000);
afterAll(() => dir.cleanup());

describe('cutover dedup', () => {
  it('suggest writes the drafted section into the spec and says where', async () => {
    const out = await cutover('dedup', 'suggest', '--project', dir.path, '--entity', 'person', '--write', 'specs/estate-agency.yaml');
    expect(out).toEqual({ code: 0, stdout: expect.stringMatching(/^# forename: Forename as name, because the column is called Forename\n[\s\S]*\nWritten into .*estate-agency\.yaml\.\n$/), stderr: '' });
    expect(readFileSync(join(dir.path, 'specs', 'estate-agency.yaml'), 'utf8')).toContain('    dedup:\n      compare:\n');
  });

  it('--json gives exactly clusters and pairs by source keys', async () => {
    const out = await cutover('dedup', '--project', dir.path, '--json');
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout) as { clusters: Record<string, unknown>[]; pairs: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual(['clusters', 'pairs']);
    expect(json.clusters.length).toBeGreaterThan(0);
    for (const c of json.clusters) {
      expect(Object.keys(c)).toEqual(['id', 'members', 'survivor']);
      expect(c).toEqual({ id: expect.stringMatching(/^D[0-9a-f]{12}$/), members: expect.arrayContaining([c['survivor']]), survivor: expect.stringMatching(/^P\d{7}$/) });
    }
    for (const p of json.pairs) {
      expect(Object.keys(p)).toEqual(['a', 'b', 'score', 'decision']);
      expect(p).toEqual({ a: expect.stringMatching(/^P\d{7}$/), b: expect.stringMatching(/^P\d{7}$/), score: expect.any(Number), decision: expect.stringMatching(/^(merge|review|accepted|rejected|forced)$/) });
    }
  });

  it('review rejects a pair by its keys, lists the ruling, and the next proposal keeps them apart', async () => {
    const before = JSON.parse((await cutover('dedup', '--project', dir.path, '--json')).stdout) as { clusters: { members: string[]; survivor: string }[] };
    const [survivor, other] = before.clusters[0]!.members;
    expect(await cutover('dedup', 'review', 'reject', survivor!, other!, '--project', dir.path)).toEqual({
      code: 0,
      stdout: `${survivor} and ${other}: kept apart, from now on in every snapshot.\n`,
      stderr: '',
    });
    const rulings = JSON.parse((await cutover('dedup', 'review', '--rulings', '--project', dir.path, '--json')).stdout) as { rulings: { a: string; b: string; ruling: string }[] };
    expect(rulings.rulings.map((r) => [r.a, r.b, r.ruling])).toEqual([[survivor, other, 'reject']]);
    const after = await cutover('dedup', '--project', dir.path);
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(new RegExp(`\\n${survivor} +${other} +[\\d.]+ +rejected `));
  });

  it('refuses a decision written the wrong way, saying how to write it', async () => {
    expect(await cutover('dedup', 'review', 'merge', 'P0000001', '--project', dir.path)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: Write "cutover dedup review accept|reject|force KEY KEY" or "cutover dedup review split KEY"; got "merge P0000001".\n',
    });
  });
});
