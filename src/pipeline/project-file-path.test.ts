import { copyFileSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import type { ProjectSession } from './project-session.js';
import { check, demoSnapshotKey, migrate, runDemo, suggest } from './index.js';

// cutover.yaml names files to read; one that leads out of the project folder is refused
// before it is read, so nothing of it is ever shown
const dir = tempDir('cutover-inside');
const outside = tempDir('cutover-outside');
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
const secret = join(outside.path, 'passwd');
const config = join(dir.path, 'cutover.yaml');
let intact: string;

beforeAll(async () => {
  await inSession(dir.path, (s) => runDemo(s, { rows: 200, seed: 4, sampleChosen: true }), { env });
  writeFileSync(secret, 'root:x:0:0:TOP-SECRET:/root:/bin/bash\n');
  symlinkSync(secret, join(dir.path, 'specs', 'linked.yaml'));
  intact = readFileSync(config, 'utf8');
});
afterAll(() => {
  dir.cleanup();
  outside.cleanup();
});

async function refusal(line: string, changed: string, step: (s: ProjectSession) => Promise<unknown>): Promise<unknown> {
  expect(intact).toContain(line);
  writeFileSync(config, intact.replace(line, changed));
  try {
    return await inSession(dir.path, step, { env }).catch((e: unknown) => e);
  } finally {
    writeFileSync(config, intact);
  }
}

const leads = (file: string, entry: string): string =>
  `The file ${file} under "${entry}" in cutover.yaml is outside the project folder ${dir.path} (it leads to ${realpathSync(secret)}). Keep the project's files inside its folder, or copy the file in.`;

const run = (s: ProjectSession) => migrate(s, { environment: 'test', fresh: true, resume: false });

describe('files cutover.yaml names', () => {
  it('refuse a spec that links out of the project', async () => {
    const error = await refusal('spec: specs/estate-agency.yaml', 'spec: specs/linked.yaml', run);
    expect(error).toMatchObject({ code: 'outside_project', message: leads('specs/linked.yaml', 'spec') });
    expect(String((error as Error).message)).not.toContain('TOP-SECRET');
  });

  it('refuse to write a suggested draft beside a spec outside the project', async () => {
    const error = await refusal('spec: specs/estate-agency.yaml', 'spec: specs/linked.yaml', (s) => suggest(s));
    expect(error).toMatchObject({ code: 'outside_project', message: leads('specs/linked.yaml', 'spec') });
  });

  it('refuse a contract outside the project', async () => {
    const error = await refusal('contract: contract.yaml', 'contract: specs/linked.yaml', (s) => check(s));
    expect(error).toMatchObject({ code: 'outside_project', message: leads('specs/linked.yaml', 'contract') });
  });

  it('refuse a target schema script outside the project, for a run and for a suggestion', async () => {
    const relative = `../${outside.path.split('/').at(-1)}/passwd`;
    const message = `The file ${relative} under "target.schema" in cutover.yaml is outside the project folder ${dir.path}. Keep the project's files inside its folder, or copy the file in.`;
    for (const step of [run, (s: ProjectSession) => suggest(s)]) {
      expect(await refusal('schema: target/schema.sql', `schema: ${relative}`, step)).toMatchObject({ code: 'outside_project', message });
    }
  });

  it('still read a contract given on the command line from anywhere', async () => {
    const own = join(outside.path, 'contract.yaml');
    copyFileSync(join(dir.path, 'contract.yaml'), own);
    let contract = false;
    await inSession(dir.path, (s) => check(s, { contract: own, onStart: (o) => (contract = o.contract) }), { env });
    expect(contract).toBe(true);
  });
});
