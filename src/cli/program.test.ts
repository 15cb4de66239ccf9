import { appendFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSnapshotKey } from '../pipeline/demo.js';
import { projectLayout } from '../store/project-layout.js';
import { acquireProjectLock } from '../store/project-lock.js';
import { openProjectStore } from '../store/project-store.js';
import { openCsvSource } from '../connectors/csv/index.js';
import { openXlsxSources } from '../connectors/xlsx/index.js';
import { cutover } from '../test-support/capture-io.js';

const dir = mkdtempSync(join(tmpdir(), 'cutover-cli-'));
const specPath = join(dir, 'specs', 'estate-agency.yaml');
let spec: string;

async function runCount(): Promise<number> {
  const store = await openProjectStore(projectLayout(dir), 'test', new Date());
  try {
    const [row] = await store.db.query<{ n: string }>('SELECT count(*) AS n FROM cutover.run');
    return Number(row!.n);
  } finally {
    await store.close();
  }
}

async function lastRunStatus(): Promise<string | undefined> {
  const store = await openProjectStore(projectLayout(dir), 'test', new Date());
  try {
    const [row] = await store.db.query<{ status: string }>('SELECT status FROM cutover.run ORDER BY id DESC LIMIT 1');
    return row?.status;
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  // the demo seals with its known key; the other commands read it from the environment
  process.env['CUTOVER_SNAPSHOT_KEY'] = demoSnapshotKey;
  const demo = await cutover('demo', '--project', dir, '--rows', '300', '--seed', '3', '--json');
  expect(demo.stderr).toBe('');
  expect(demo.code).toBe(0);
  spec = readFileSync(specPath, 'utf8');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cutover demo --json', () => {
  it('prints the books per entity', async () => {
    const again = await cutover('demo', '--project', dir, '--json');
    expect(again.code).toBe(0);
    const out = JSON.parse(again.stdout) as { entities: Record<string, unknown>[]; run: { status: string } };
    expect(out.run.status).toBe('succeeded');
    for (const e of out.entities) {
      expect(Object.keys(e)).toEqual(['entity', 'file', 'source', 'loaded', 'rejected', 'excluded', 'merged', 'balanced']);
      expect(e['source']).toBe((e['loaded'] as number) + (e['rejected'] as number) + (e['excluded'] as number) + (e['merged'] as number));
    }
  });
});

describe('cutover rejects', () => {
  it('writes the rows not imported as CSV and XLSX, one row per ledger entry, in the customer\'s words', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cutover-rejects-'));
    try {
      const books = JSON.parse((await cutover('demo', '--project', dir, '--json')).stdout) as { run: { id: number }; entities: { rejected: number; excluded: number; merged: number }[] };
      const notLoaded = books.entities.reduce((n, e) => n + e.rejected + e.excluded + e.merged, 0);
      const result = await cutover('rejects', '--project', dir, '--out', out);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Run ${books.run.id}: ${notLoaded} rows were not imported.`);
      const csv = await openCsvSource(join(out, `run-${books.run.id}-not-imported.csv`));
      expect(csv.columns).toEqual(['Record type', 'File', 'Line', 'Reference', 'What happened', 'Why', 'Field', 'Value in the file', 'Details']);
      const csvRows = [];
      for await (const r of csv.rows()) csvRows.push(r.values);
      expect(csvRows).toHaveLength(notLoaded);
      const [sheet] = await openXlsxSources(join(out, `run-${books.run.id}-not-imported.xlsx`));
      const xlsxRows = [];
      for await (const r of sheet!.rows()) xlsxRows.push(r.values);
      expect(xlsxRows).toEqual(csvRows);
      const json = JSON.parse((await cutover('rejects', String(books.run.id), '--project', dir, '--json')).stdout) as { rows: { file: string; line: number; why: string }[] };
      expect(json.rows.map((r) => [r.file, String(r.line), r.why])).toEqual(csvRows.map((r) => [r[1], r[2], r[5]]));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('names a run that does not exist', async () => {
    const result = await cutover('rejects', '999', '--project', dir);
    expect(result.stderr).toBe('error: There is no run 999 in this project. Run "cutover audit" to see the runs there were.\n');
  });
});

describe('cutover spec test', () => {
  it('runs the examples written in the spec', async () => {
    const result = await cutover('spec', 'test', '--project', dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\d+ passed, 0 failed\n$/);
  });

  it('names the line of an example that fails, and exits non-zero', async () => {
    writeFileSync(specPath, spec.replace('title_case] }', 'upper] }'));
    try {
      const result = await cutover('spec', 'test', '--project', dir);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^specs\/estate-agency\.yaml line \d+: example \d+ of entity "person" fails: /m);
      expect(result.stdout).toMatch(/\d+ passed, [1-9]\d* failed\n$/);
    } finally {
      writeFileSync(specPath, spec);
    }
  });
});

describe('cutover protocol', () => {
  it('writes the rules the latest run applied, in plain words, with examples', async () => {
    const result = await cutover('protocol', '--project', dir, '--json');
    expect(result.code).toBe(0);
    const { run, protocol } = JSON.parse(result.stdout) as { run: number; protocol: string };
    expect(protocol).toBe(join(dir, 'reports', `run-${run}-protocol.html`));
    const html = readFileSync(protocol, 'utf8');
    for (const entity of ['person', 'person_role', 'supplier', 'property', 'tenancy', 'diary_entry', 'opening_balance']) expect(html).toContain(entity);
    expect(html).toContain('remove surrounding spaces');
  });
});

describe('bad input gets a clear message and changes nothing', () => {
  it('an unknown transform in the spec names its line and column', async () => {
    writeFileSync(specPath, spec.replace('- date: { formats: [dd/MM/yyyy, yyyy-MM-dd, d MMM yyyy] }', '- datee: { formats: [dd/MM/yyyy] }'));
    try {
      const before = await runCount();
      const result = await cutover('run', '--env', 'test', '--project', dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^error: .*specs\/estate-agency\.yaml line 33 column 13: unknown transform "datee"\. Did you mean "date"\?/s);
      expect(result.stderr).not.toContain('    at ');
      expect(await runCount()).toBe(before);
    } finally {
      writeFileSync(specPath, spec);
    }
  });

  it('a column missing from the delivered file is named with the file that lacks it', async () => {
    writeFileSync(specPath, spec.replace('email: { from: Email,', 'email: { from: Emial,'));
    try {
      const before = await runCount();
      const result = await cutover('run', '--env', 'test', '--project', dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('column "Emial" is not in people.csv');
      expect(result.stderr).toContain('Did you mean "Email"?');
      expect(await runCount()).toBe(before);
    } finally {
      writeFileSync(specPath, spec);
    }
  });

  it('a ragged row is rejected with its file and line, and the run still balances', async () => {
    const diary = join(dir, 'export', 'diary.csv');
    const original = readFileSync(diary);
    const lines = original.toString('utf8').split('\n').length;
    appendFileSync(diary, 'D9999999,Viewing,too,few\n');
    try {
      expect((await cutover('collect', '--project', dir)).code).toBe(0);
      const result = await cutover('run', '--env', 'test', '--project', dir, '--fresh', '--json');
      expect(result.code).toBe(0);
      const store = await openProjectStore(projectLayout(dir), 'test', new Date());
      try {
        const rows = await store.db.query<{ line: string; reason: string; message: string }>(
          `SELECT line, reason, message FROM cutover.ledger_entry WHERE run_id = (SELECT max(id) FROM cutover.run) AND file = 'diary.csv' AND line = $1`,
          [lines],
        );
        expect(rows).toEqual([{ line: String(lines), reason: 'ragged_row', message: 'this row has 4 values but diary.csv has 7 columns' }]);
      } finally {
        await store.close();
      }
    } finally {
      writeFileSync(diary, original);
    }
  });

  it('a collect without the snapshot key says which variable to set', async () => {
    delete process.env['CUTOVER_SNAPSHOT_KEY'];
    try {
      const result = await cutover('collect', '--project', dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^error: The snapshot key variable CUTOVER_SNAPSHOT_KEY is not set\./);
    } finally {
      process.env['CUTOVER_SNAPSHOT_KEY'] = demoSnapshotKey;
    }
  });

  it('an unreadable delivered file stops the collect with no snapshot written', async () => {
    const snapshots = join(dir, '.cutover', 'snapshots');
    const before = readdirSync(snapshots).sort();
    mkdirSync(join(dir, 'export', 'zz-broken.csv'));
    try {
      const result = await cutover('collect', '--project', dir);
      expect(result.code).toBe(1);
      expect(result.stderr.split('\n').filter((l) => l.startsWith('error')).join('\n') + '\n').toBe(
        'error: export/zz-broken.csv could not be read (EISDIR). Replace it with a readable file, or leave it out of "include", and collect again. Nothing was collected.\n',
      );
      expect(readdirSync(snapshots).sort()).toEqual(before);
    } finally {
      rmSync(join(dir, 'export', 'zz-broken.csv'), { recursive: true });
    }
  });

  it('a snapshot with one byte changed is refused by verify, and a run stops where it meets it, naming it', async () => {
    const latest = JSON.parse((await cutover('snapshots', 'show', 'latest', '--project', dir, '--json')).stdout) as { id: string; tables: { blob: string }[] };
    const blob = join(dir, '.cutover', 'snapshots', latest.id, latest.tables[0]!.blob);
    const original = readFileSync(blob);
    const bent = Buffer.from(original);
    bent.writeUInt8(bent.readUInt8(200) ^ 0x01, 200);
    chmodSync(blob, 0o644);
    writeFileSync(blob, bent);
    try {
      const before = await runCount();
      const verify = await cutover('snapshots', 'verify', latest.id, '--project', dir);
      expect(verify.code).toBe(1);
      expect(verify.stderr).toMatch(new RegExp(`^error: .*${latest.tables[0]!.blob} is damaged or was altered: chunk 1 \\(bytes [0-9,]+-[0-9,]+\\) fails its integrity check`));
      // a run checks each table as it reads it: the damaged chunk is never handed out, and the run is recorded as failed
      const run = await cutover('run', '--env', 'test', '--project', dir, '--snapshot', latest.id, '--fresh');
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`^error: .*${latest.tables[0]!.blob} is damaged or was altered: chunk 1 `, 'm'));
      expect(await runCount()).toBe(before + 1);
      expect(await lastRunStatus()).toBe('failed');
    } finally {
      writeFileSync(blob, original);
    }
    expect((await cutover('snapshots', 'verify', latest.id, '--project', dir)).stdout).toMatch(/is intact/);
  });

  it('a value the value map does not know is rejected with the field, the value and what to do, and the books still balance', async () => {
    // LL is a landlord in the delivery; drop it from the map, which rejects what it does not list
    writeFileSync(specPath, spec.replace('values: { APP: applicant, VEN: vendor, LL: landlord, TEN: tenant }', 'values: { APP: applicant, VEN: vendor, TEN: tenant }'));
    try {
      const result = await cutover('run', '--env', 'test', '--project', dir, '--fresh', '--json');
      // every landlord's role is rejected: past the spec's limit, so the run loads but needs attention
      expect(result.code).toBe(2);
      const run = JSON.parse(result.stdout) as { run: { status: string; attention: { entity: string }[] }; entities: { entity: string; rejected: number; balanced: boolean }[] };
      expect(run.run.status).toBe('needs_attention');
      expect(run.run.attention.map((a) => a.entity)).toEqual(['person_role']);
      const roles = run.entities.find((e) => e.entity === 'person_role');
      expect(roles).toMatchObject({ balanced: true });
      expect(roles!.rejected).toBeGreaterThan(0);
      const rejects = JSON.parse((await cutover('rejects', '--project', dir, '--json')).stdout) as { rows: { entity: string; reason: string; field: string; value: string; message: string }[] };
      const unmapped = rejects.rows.filter((r) => r.entity === 'person_role');
      expect(unmapped.length).toBe(roles!.rejected);
      expect(unmapped[0]).toMatchObject({ reason: 'invalid_value', field: 'role' });
      expect(unmapped[0]!.message).toMatch(/^role: "LL" is not in the value map/);
    } finally {
      writeFileSync(specPath, spec);
    }
  });

  it('a snapshot whose files were wiped is refused before anything loads, naming the missing file', async () => {
    const latest = JSON.parse((await cutover('snapshots', 'show', 'latest', '--project', dir, '--json')).stdout) as { id: string; tables: { blob: string }[] };
    const blob = join(dir, '.cutover', 'snapshots', latest.id, latest.tables[1]!.blob);
    const original = readFileSync(blob);
    rmSync(blob, { force: true });
    try {
      const before = await runCount();
      const result = await cutover('run', '--env', 'test', '--project', dir, '--fresh');
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `error: ${blob} is not a readable sealed snapshot: it cannot be opened (ENOENT: no such file or directory, open '${blob}'). Check the path; if the file was replaced, collect the source again.\n`,
      );
      expect(await runCount()).toBe(before);
    } finally {
      writeFileSync(blob, original);
    }
  });

  it('lookups that go round in a circle are named with their lines', async () => {
    writeFileSync(specPath, spec.replace('notes: { from: Notes, rules: [trim] }', 'notes: { from: Notes, rules: [trim, { lookup: property }] }'));
    try {
      const result = await cutover('run', '--env', 'test', '--project', dir, '--fresh');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/the lookups go round in a circle: (person|property) looks up (person|property) \(line \d+\), (person|property) looks up (person|property) \(line \d+\); a parent must be loaded before the rows that look it up/);
    } finally {
      writeFileSync(specPath, spec);
    }
  });

  it('a target table that does not exist stops the run and leaves the environment as it was', async () => {
    const rowsBefore = JSON.parse((await cutover('rejects', '--project', dir, '--json')).stdout) as { run: number };
    writeFileSync(specPath, spec.replace('table: supplier\n', 'table: suppliers\n'));
    try {
      const result = await cutover('run', '--env', 'test', '--project', dir, '--fresh');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^error: The spec does not fit the target's tables:\nspecs\/estate-agency\.yaml line \d+: entity supplier loads table "suppliers", which target\/schema\.sql does not create \(its tables: diary_entry, opening_balance, person, person_role, property, supplier, tenancy\)\./);
      // the failed run is recorded as failed, and the environment still holds the last good load
      const store = await openProjectStore(projectLayout(dir), 'test', new Date());
      try {
        const [last] = await store.db.query<{ status: string }>('SELECT status FROM cutover.run ORDER BY id DESC LIMIT 1');
        expect(last?.status).toBe('failed');
        const [people] = await store.db.query<{ n: string }>('SELECT count(*) AS n FROM env_test.person');
        expect(Number(people?.n)).toBeGreaterThan(0);
      } finally {
        await store.close();
      }
    } finally {
      writeFileSync(specPath, spec);
    }
    expect(rowsBefore.run).toBeGreaterThan(0);
  });

  it('a snapshot that is not there is named, with the ones that are', async () => {
    const result = await cutover('run', '--env', 'test', '--project', dir, '--snapshot', 'nope', '--fresh');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: Snapshot nope is not in this project \(it has: [0-9a-f]{12}(, [0-9a-f]{12})*\)\. Run "cutover snapshots" to list them, or "cutover collect" to take one\.\n$/);
  });

  it('a run into an environment that holds data is refused without --fresh', async () => {
    const before = await runCount();
    const result = await cutover('run', '--env', 'test', '--project', dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error: Environment "test" (the embedded database) already holds migrated data (table diary_entry has rows). Add --fresh to wipe it and load again.\n',
    );
    expect(await runCount()).toBe(before);
  });

  it('a second command on a project in use is refused, naming the other process', async () => {
    const lock = acquireProjectLock(projectLayout(dir).lockFile, 'cutover demo', new Date('2026-11-23T10:00:00Z'));
    try {
      const result = await cutover('demo', '--project', dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `error: This project is in use by another cutover command ("cutover demo", process ${process.pid}, started 2026-11-23T10:00:00.000Z). Wait for it to finish, or stop that process, then try again.\n`,
      );
    } finally {
      lock.release();
    }
  });

  it.each([
    ['mysql://root:secret@localhost/x', 'mysql://root:***@localhost/x'],
    ['postgres:/app:Hunter2@localhost/x', 'postgres:/app:***@localhost/x'],
    ['elsewhere', 'elsewhere'],
  ])('a target %s is refused before anything runs, naming the forms accepted', async (target, shown) => {
    const result = await cutover('demo', '--project', dir, '--target', target);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: "${shown}" is not a target Cutover can load. A target is named by a PostgreSQL URL, postgres://user@host:5432/database or postgresql://user@host:5432/database; ` +
        'for the embedded database leave --target out and use an environment with "database: embedded".\n',
    );
    expect(existsSync(join(process.cwd(), target))).toBe(false);
    expect(existsSync(join(dir, target))).toBe(false);
  });

  it('a run with a target that is not a URL makes no database folder', async () => {
    const result = await cutover('run', '--env', 'test', '--project', dir, '--target', 'postgres:/app:Hunter2@localhost/x');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('"postgres:/app:***@localhost/x" is not a target Cutover can load.');
    expect(result.stderr).not.toContain('Hunter2');
    expect(existsSync(join(process.cwd(), 'postgres:'))).toBe(false);
  });

  it('a wrong number is a usage error', async () => {
    const result = await cutover('demo', '--project', dir, '--rows', 'lots');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("option '--rows <n>' argument 'lots' is invalid. --rows must be a whole number from 1 to 10,000,000.");
  });
});
