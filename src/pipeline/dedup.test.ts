import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCutoverError } from '../core/cutover-error.js';
import { parseSpec } from '../core/spec/index.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import { writeSampleExport } from '../sample/index.js';
import { collect, decideDedup, dedup, demoSnapshotKey, readAuditTrail, sampleProjectTemplate, suggestDedup, type ProjectSession } from './index.js';

// One small sample project: the dedup section is drafted from its data, then used.
const dir = tempDir('cutover-dedup');
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
const step = <T>(work: (s: ProjectSession) => Promise<T>) => inSession(dir.path, work, { env });
const specFile = () => join(dir.path, 'specs', 'estate-agency.yaml');

/** The planted near duplicates: each row's key with the key of the row it copies. */
function plantedPairs(): Map<string, string> {
  const manifest = JSON.parse(readFileSync(join(dir.path, 'export', 'defects.json'), 'utf8')) as { defects: { kind: string; key: string; survivor?: string }[] };
  return new Map(manifest.defects.filter((d) => d.kind === 'near-duplicate-person').map((d) => [d.key, d.survivor!]));
}

beforeAll(async () => {
  // the sample project without a migration run: its files, its export and one snapshot
  for (const part of ['specs', 'target', 'contract.yaml', 'cutover.yaml']) cpSync(join(sampleProjectTemplate, part), join(dir.path, part), { recursive: true });
  await writeSampleExport({ outDir: join(dir.path, 'export'), rows: 3000, seed: 11 });
  await step((s) => collect(s, {}));
}, 120_000);
afterAll(() => dir.cleanup());

describe('dedup on the sample project', () => {
  it('refuses an entity without a dedup section, saying how to draft one', async () => {
    const error = await step((s) => dedup(s)).catch((e: unknown) => e);
    expect(isCutoverError(error, 'dedup_unset')).toBe(true);
    expect((error as Error).message).toBe('No entity of the spec specs/estate-agency.yaml has a dedup section. Run "cutover dedup suggest --entity person" to draft one.');
  });

  it('drafts the section from the columns and the data, with estimated weights, and writes it into the spec', async () => {
    const draft = await step((s) => suggestDedup(s, { entity: 'person', write: 'specs/estate-agency.yaml' }));
    expect(draft.comparisons.map((c) => [c.name, c.column, c.kind])).toEqual([
      ['forename', 'Forename', 'name'],
      ['surname', 'Surname', 'name'],
      ['email', 'Email', 'email'],
      ['phone', 'Phone', 'phone'],
    ]);
    expect(draft.block).toEqual([['email'], ['phone'], ['surname', 'forename'], ['surname']]);
    const dedupSpec = parseSpec(readFileSync(specFile(), 'utf8'), 'specs/estate-agency.yaml').entities.find((e) => e.name === 'person')!.dedup!;
    expect(dedupSpec.compare.map((c) => c.name)).toEqual(['forename', 'surname', 'email', 'phone']);
    expect(dedupSpec.compare.every((c) => c.m !== undefined && c.u !== undefined)).toBe(true);
    const email = dedupSpec.compare.find((c) => c.name === 'email')!;
    // agreeing e-mails: common among the same person, rare among others
    expect(email.m![0]).toBeGreaterThan(0.5);
    expect(email.u![0]).toBeLessThan(0.01);
    expect([dedupSpec.mergeAt, dedupSpec.reviewAt]).toEqual([0.95, 0.7]);
    expect(readFileSync(specFile(), 'utf8')).toMatch(/\n {4}dedup:\n {6}compare:\n {8}forename: \{ column: Forename, as: name, m: \[/);
  });

  it('merges every planted near duplicate into its original, and nothing else', async () => {
    const found = await step((s) => dedup(s));
    const planted = plantedPairs();
    expect(planted.size).toBeGreaterThan(3);
    const merged = new Map<string, string>();
    for (const c of found.clusters) for (const m of c.members) if (m !== c.survivor) merged.set(m, c.survivor);
    expect(merged).toEqual(planted);
    expect(found.pairs.filter((p) => p.decision === 'merge').every((p) => p.fields.email === 'agree')).toBe(true);
  });

  it('gives the same clusters with the same ids on a second run', async () => {
    const one = await step((s) => dedup(s));
    const two = await step((s) => dedup(s));
    expect(two.clusters).toEqual(one.clusters);
  });

  it('writes a review page with each pair and how its fields compared', async () => {
    const page = join(dir.path, 'dedup.html');
    const found = await step((s) => dedup(s, { html: page }));
    expect(found.page).toBe(page);
    const html = readFileSync(page, 'utf8');
    const first = found.clusters[0]!;
    expect(html).toContain(`<td rowspan="${first.members.length}">${first.id}</td>`);
    expect(html).toContain('<td class="agree">');
  });

  it('keeps a rejected pair apart, also in a later snapshot with a new person, and keeps the other clusters\' ids', async () => {
    const before = await step((s) => dedup(s));
    const [rejected, kept] = before.clusters;
    const decided = await step((s) => decideDedup(s, { action: 'reject', a: rejected!.members[1]!, b: rejected!.survivor }));
    expect(decided.rulings).toEqual([{ a: rejected!.members[1], b: rejected!.survivor, ruling: 'reject' }]);

    // a later delivery: the person typed in a third time, next to the kept cluster's survivor
    const people = join(dir.path, 'export', 'people.csv');
    const survivorLine = readFileSync(people, 'utf8').split('\r\n').find((line) => line.startsWith(`${kept!.survivor},`))!;
    appendFileSync(people, `${survivorLine.replace(kept!.survivor, 'P9999999').split(',').slice(0, 7).join(',')},\r\n`);
    const later = await step((s) => collect(s, {}));
    expect(later.reused).toBe(false);

    const after = await step((s) => dedup(s));
    expect(after.snapshot).toBe(later.snapshot.id);
    expect(after.clusters.some((c) => c.members.includes(rejected!.survivor) && c.members.includes(rejected!.members[1]!))).toBe(false);
    expect(after.pairs.find((p) => p.a === rejected!.survivor && p.b === rejected!.members[1])?.decision ?? after.pairs.find((p) => p.b === rejected!.survivor && p.a === rejected!.members[1])?.decision).toBe('rejected');
    const grown = after.clusters.find((c) => c.members.includes(kept!.survivor))!;
    expect(grown).toEqual({ id: kept!.id, members: [...kept!.members, 'P9999999'], survivor: kept!.survivor });

    const events = (await step(readAuditTrail)).events.filter((e) => e.action === 'dedup.decided');
    expect(events.map((e) => [e.subject, e.details])).toEqual([['person', { action: 'reject', rulings: decided.rulings }]]);
  });

  it('refuses a key that is no row, and a comparison of a column the file does not have', async () => {
    const unknown = await step((s) => decideDedup(s, { action: 'accept', a: 'P0000001', b: 'NOPE' })).catch((e: unknown) => e);
    expect(isCutoverError(unknown, 'dedup_key_unknown')).toBe(true);
    expect((unknown as Error).message).toMatch(/^Entity "person" has no row with the key "NOPE" in snapshot \S+\. Write the key as "cutover dedup" shows it \(key columns joined by \|\)\.$/);

    const text = readFileSync(specFile(), 'utf8');
    writeFileSync(specFile(), text.replace('surname: { column: Surname,', 'surname: { column: Surnme,'));
    try {
      const error = await step((s) => dedup(s)).catch((e: unknown) => e);
      expect(isCutoverError(error, 'spec_invalid')).toBe(true);
      expect((error as Error).message).toMatch(
        /^specs\/estate-agency\.yaml line \d+ column \d+: comparison "surname" of the dedup section of entity "person" compares column "Surnme", which people\.csv does not have\. Did you mean "Surname"\? Its columns are: PersonID, Title, Forename, Surname, Email, Phone, Created, Notes$/,
      );
    } finally {
      writeFileSync(specFile(), text);
    }
  });
});
