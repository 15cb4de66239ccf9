import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCutoverError } from '../core/cutover-error.js';
import { parseProjectConfig } from '../core/project-config.js';
import { projectLayout } from '../store/project-layout.js';
import { snapshotKeyFrom } from '../store/sealed/index.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import { tempDir } from '../test-support/temp-dir.js';
import { testSession } from '../test-support/test-session.js';
import { collect } from './collect.js';
import { profileSnapshot, writeProfilePage } from './profile.js';

const dir = tempDir('cutover-profile');
const layout = projectLayout(dir.path);
const config = parseProjectConfig(
  'customer: Test\nsources:\n  export:\n    files: export\n    include: ["*.csv"]\nsnapshot_key_env: KEY\nspec: s.yaml\ntarget: { schema: t.sql }\nenvironments: { test: { database: embedded } }\n',
  'cutover.yaml',
);
const key = snapshotKeyFrom({ KEY: '22'.repeat(32) }, 'KEY');
let manifest: SnapshotManifest;

beforeAll(async () => {
  mkdirSync(join(dir.path, 'export'));
  writeFileSync(join(dir.path, 'export', 'tenants.csv'), 'Ref,Surname,Rent,MoveIn\nT1,Smith,"£1,200.00",01/02/2024\nT2,Jones,950.00,2023-12-31\nT3,Smith,,\n');
  writeFileSync(join(dir.path, 'export', 'codes.csv'), 'Code\nA\nA\nB\n');
  const session = testSession(dir.path, { config, env: { KEY: '22'.repeat(32) }, clock: () => new Date('2026-01-05T09:00:00Z') });
  try {
    ({ snapshot: manifest } = await collect(session));
  } finally {
    await session.close();
  }
});
afterAll(() => dir.cleanup());

describe('profileSnapshot', () => {
  it('profiles every table of a collected snapshot, column by column', async () => {
    const profile = await profileSnapshot(layout, manifest, key);
    expect(profile).toEqual({
      snapshot: { id: manifest.id, hash: manifest.hash, collectedAt: manifest.collectedAt },
      tables: [
        {
          name: 'codes.csv', source: 'export', rows: 3,
          columns: [{
            name: 'Code', rows: 3, nulls: 0, blanks: 0, distinct: { count: 2, exact: true },
            top: { values: [{ value: 'A', count: 2 }, { value: 'B', count: 1 }], exact: true },
            patterns: { values: [{ value: 'A', count: 3 }], exact: true },
            type: 'text', typed: 3, range: { as: 'text', min: 'A', max: 'B' }, length: { min: 1, max: 1 }, samples: ['A', 'B'], personal: false, personalKind: 'none',
            // named like a key: the hashes of its values, to find references between tables
            keySketch: expect.any(Array),
          }],
        },
        {
          name: 'tenants.csv', source: 'export', rows: 3,
          columns: [
            {
              name: 'Ref', rows: 3, nulls: 0, blanks: 0, distinct: { count: 3, exact: true },
              top: { values: [{ value: 'T1', count: 1 }, { value: 'T2', count: 1 }, { value: 'T3', count: 1 }], exact: true },
              patterns: { values: [{ value: 'A9', count: 3 }], exact: true },
              type: 'text', typed: 3, range: { as: 'text', min: 'T1', max: 'T3' }, length: { min: 2, max: 2 }, samples: ['T1', 'T2', 'T3'], personal: false, personalKind: 'none',
              keySketch: expect.any(Array),
            },
            {
              name: 'Surname', rows: 3, nulls: 0, blanks: 0, distinct: { count: 2, exact: true },
              top: { values: [{ value: 'S****', count: 2 }, { value: 'J****', count: 1 }], exact: true },
              patterns: { values: [{ value: 'Aaaaa', count: 3 }], exact: true },
              type: 'text', typed: 3, range: { as: 'text', min: 'J****', max: 'S****' }, length: { min: 5, max: 5 }, samples: ['S****', 'J****'], personal: true, personalKind: 'family_name',
            },
            {
              name: 'Rent', rows: 3, nulls: 0, blanks: 1, distinct: { count: 2, exact: true },
              top: { values: [{ value: '950.00', count: 1 }, { value: '£1,200.00', count: 1 }], exact: true },
              patterns: { values: [{ value: '999.99', count: 1 }, { value: '£9,999.99', count: 1 }], exact: true },
              type: 'money', typed: 2, range: { as: 'number', min: '950.00', max: '£1,200.00' }, length: { min: 0, max: 9 }, samples: ['£1,200.00', '950.00'], personal: false, personalKind: 'none',
            },
            {
              name: 'MoveIn', rows: 3, nulls: 0, blanks: 1, distinct: { count: 2, exact: true },
              top: { values: [{ value: '01/02/2024', count: 1 }, { value: '2023-12-31', count: 1 }], exact: true },
              patterns: { values: [{ value: '99/99/9999', count: 1 }, { value: '9999-99-99', count: 1 }], exact: true },
              type: 'date', typed: 2, range: { as: 'date', min: '2023-12-31', max: '01/02/2024' }, length: { min: 0, max: 10 }, samples: ['01/02/2024', '2023-12-31'], personal: false, personalKind: 'none',
            },
          ],
        },
      ],
    });
  });

  it('stops when asked to', async () => {
    const error = await profileSnapshot(layout, manifest, key, AbortSignal.abort()).catch((e: unknown) => e);
    expect(isCutoverError(error) && { code: error.code, message: error.message }).toEqual({ code: 'cancelled', message: 'Reading the snapshot was stopped.' });
  });

  it('writes the page beside the other reports', async () => {
    const path = await writeProfilePage(layout, await profileSnapshot(layout, manifest, key), 'Test');
    expect(path).toBe(join(layout.reportsDir, `snapshot-${manifest.id}-profile.html`));
    expect(readFileSync(path, 'utf8')).toContain('tenants.csv');
  });
});
