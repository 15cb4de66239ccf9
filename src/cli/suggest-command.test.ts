import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleProjectTemplate } from '../pipeline/demo.js';
import { cutover } from '../test-support/capture-io.js';
import { tempDir } from '../test-support/temp-dir.js';

const dir = tempDir('cutover-suggest-cli');

beforeAll(async () => {
  process.env['CUTOVER_SNAPSHOT_KEY'] = '44'.repeat(32);
  for (const part of ['cutover.yaml', 'specs', 'target']) cpSync(join(sampleProjectTemplate, part), join(dir.path, part), { recursive: true });
  expect((await cutover('sample', '--out', join(dir.path, 'export'), '--rows', '400', '--seed', '2')).code).toBe(0);
  expect((await cutover('collect', '--project', dir.path)).code).toBe(0);
}, 120_000);
afterAll(() => dir.cleanup());

describe('cutover suggest', () => {
  it('prints what it found per target table and where the draft is', async () => {
    const out = await cutover('suggest', '--project', dir.path);
    const draft = /Draft spec: (\S+)\. /.exec(out.stdout)?.[1];
    expect({
      code: out.code, stderr: out.stderr,
      tables: out.stdout.split('\n').slice(1, 8).map((line) => line.split(/\s{2,}/).slice(0, 3).join(' | ')),
      draft,
    }).toEqual({
      code: 0, stderr: '',
      tables: [
        'person | people.csv (high) | 7 of 7', 'person_role | person_roles.csv (high) | 2 of 2', 'supplier | suppliers.csv (high) | 2 of 2',
        'property | properties.csv (high) | 8 of 8', 'tenancy | tenancies.csv (high) | 7 of 7', 'diary_entry | diary.csv (medium) | 6 of 6',
        'opening_balance | balances.csv (medium) | 5 of 5',
      ],
      draft: expect.stringMatching(/^specs\/draft-from-snapshot-[0-9a-f]+\.yaml$/),
    });
    expect(readFileSync(join(dir.path, draft!), 'utf8')).toMatch(/^# DRAFT mapping spec/);
  });

  it('gives the draft and the suggestion as JSON', async () => {
    const out = await cutover('suggest', '--project', dir.path, '--json');
    const json = JSON.parse(out.stdout) as { draft: string; entities: { table: string; source?: { table: string } }[] };
    expect([out.code, json.draft.endsWith('-2.yaml'), json.entities.map((e) => e.source?.table)]).toEqual([
      0, true, ['people.csv', 'person_roles.csv', 'suppliers.csv', 'properties.csv', 'tenancies.csv', 'diary.csv', 'balances.csv'],
    ]);
  });
});
