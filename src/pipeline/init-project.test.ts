import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCutoverError } from '../core/cutover-error.js';
import { includePatterns, renderInitConfig } from '../core/init-config.js';
import { parseProjectConfig } from '../core/project-config.js';
import { parseSpec } from '../core/spec/index.js';
import { writeSampleExport } from '../sample/index.js';
import { inSession } from '../test-support/test-session.js';
import { check } from './check-step.js';
import { sampleProjectTemplate } from './demo.js';
import { initProject } from './init-project.js';

const root = mkdtempSync(join(tmpdir(), 'cutover-init-'));
const delivery = join(root, 'delivery');
const env = { CUTOVER_SNAPSHOT_KEY: '55'.repeat(32) };

beforeAll(async () => {
  await writeSampleExport({ outDir: delivery, rows: 800, seed: 9 });
  // the sample's manifest of planted defects is not part of a customer's delivery
  rmSync(join(delivery, 'defects.json'));
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('cutover init', () => {
  it('writes a cutover.yaml that reads back, for files and for a database', () => {
    for (const source of [
      { kind: 'files' as const, folder: '../exports/2027 march', include: includePatterns(['a.CSV', 'b.xlsx', 'notes.docx']) },
      { kind: 'database' as const, variable: 'LEGACY_DB_URL' },
    ]) {
      const config = parseProjectConfig(renderInitConfig({ customer: 'Harbour & Hart: "Lettings"', source, spec: 'specs/spec.yaml' }), 'cutover.yaml');
      expect(config.customer).toBe('Harbour & Hart: "Lettings"');
      expect(Object.values(config.sources)).toEqual([
        source.kind === 'files' ? { files: '../exports/2027 march', include: ['*.csv', '*.xlsx'], options: {} } : { database_url_env: 'LEGACY_DB_URL' },
      ]);
    }
  });

  it('starts a project from a delivery: first snapshot, a spec drafted onto the schema there, and a contract the check uses', async () => {
    const dir = join(root, 'with-schema');
    mkdirSync(join(dir, 'target'), { recursive: true });
    cpSync(join(sampleProjectTemplate, 'target', 'schema.sql'), join(dir, 'target', 'schema.sql'));
    const result = await inSession(dir, (s) => initProject(s, { from: delivery, customer: 'Harbour & Hart' }), { env });
    expect(result.written).toEqual(['cutover.yaml', 'specs/spec.yaml', 'contract.yaml']);
    expect(result.snapshot).toMatch(/^[0-9a-f]{12}$/);
    const config = parseProjectConfig(readFileSync(join(dir, 'cutover.yaml'), 'utf8'), 'cutover.yaml');
    expect(config.contract).toBe('contract.yaml');
    expect(config.sources).toEqual({ delivery: { files: '../delivery', include: ['*.csv'], options: {} } });
    expect(parseSpec(readFileSync(join(dir, 'specs', 'spec.yaml'), 'utf8'), 'specs/spec.yaml').entities.length).toBeGreaterThan(3);
    const checked = await inSession(dir, (s) => check(s), { env });
    expect(checked.contract).toBe(true);
    expect(result.next[0]).toMatch(/^Read specs\/spec\.yaml: every TODO in it is a decision for you/);
  }, 300_000);

  it('drafts no spec while the target schema is empty, and says to write it first', async () => {
    const dir = join(root, 'empty-schema');
    const result = await inSession(dir, (s) => initProject(s, { from: delivery }), { env });
    expect(result.written).toEqual(['target/schema.sql', 'cutover.yaml', 'contract.yaml']);
    expect(existsSync(join(dir, 'specs', 'spec.yaml'))).toBe(false);
    expect(result.next[0]).toContain('Write the new system\'s tables into target/schema.sql');
  }, 300_000);

  it('without the snapshot key, stops after the files and says how to go on', async () => {
    const dir = join(root, 'no-key');
    const result = await inSession(dir, (s) => initProject(s, { fromEnv: 'LEGACY_CRM_URL' }), { env: {} });
    expect(result.snapshot).toBeUndefined();
    expect(result.next[0]).toBe('Set the snapshot key: export CUTOVER_SNAPSHOT_KEY=$(openssl rand -hex 32), and keep it safe.');
    expect(parseProjectConfig(readFileSync(join(dir, 'cutover.yaml'), 'utf8'), 'cutover.yaml').sources).toEqual({ legacy: { database_url_env: 'LEGACY_CRM_URL' } });
  });

  it('never overwrites a project, and wants to know where the data comes from', async () => {
    const dir = join(root, 'existing');
    mkdirSync(dir);
    writeFileSync(join(dir, 'cutover.yaml'), 'customer: mine\n');
    const again = await inSession(dir, (s) => initProject(s, { from: delivery }), { env }).catch((e: unknown) => e);
    expect(isCutoverError(again, 'file_exists')).toBe(true);
    expect(readFileSync(join(dir, 'cutover.yaml'), 'utf8')).toBe('customer: mine\n');
    const nowhere = await inSession(join(root, 'nowhere'), (s) => initProject(s, {}), { env }).catch((e: unknown) => e);
    expect(isCutoverError(nowhere, 'invalid_option')).toBe(true);
  });
});
