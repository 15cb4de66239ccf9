import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { symlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCutoverError } from '../core/cutover-error.js';
import { parseProjectConfig } from '../core/project-config.js';
import { projectLayout } from '../store/project-layout.js';
import { snapshotDir } from '../store/snapshot-store.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import { verifySnapshot } from '../store/snapshot-verify.js';
import { blobBinding } from '../store/snapshot-manifest.js';
import { createSealWriter, snapshotKeyFrom } from '../store/sealed/index.js';
import { cutover } from '../test-support/capture-io.js';
import { createLegacyMariaDb, createLegacyPostgres, legacyPlainTables } from '../test-support/legacy-fixture.js';
import { requireMariaDb, requirePostgres } from '../test-support/servers.js';
import { testSession } from '../test-support/test-session.js';
import type { ProjectConfig } from '../core/project-config.js';
import { collect, type CollectOptions } from './collect.js';

const root = mkdtempSync(join(tmpdir(), 'cutover-collect-'));
const layout = projectLayout(root);
const config = parseProjectConfig(
  'customer: Test\nsources:\n  export:\n    files: export\n    include: ["*.csv"]\nsnapshot_key_env: KEY\nspec: s.yaml\ntarget: { schema: t.sql }\nenvironments: { test: { database: embedded } }\n',
  'cutover.yaml',
);
const env = { KEY: '11'.repeat(32) };
const key = snapshotKeyFrom(env, 'KEY');
const clock = () => new Date('2026-11-23T10:00:00Z');

const people = '\uFEFFid,name,balance\r\n1,Zoë,"1,234.50"\r\n2,"Smith, ""Jo""\r\nline two",-0.10\r\n';
/** Collects in a session of its own, as one command does. */
async function collectWith(o: { config?: ProjectConfig; env?: NodeJS.ProcessEnv } & CollectOptions = {}) {
  const session = testSession(root, { config: o.config ?? config, env: o.env ?? env, clock });
  try {
    return await collect(session, o);
  } finally {
    await session.close();
  }
}
const run = (overrides: CollectOptions = {}) => collectWith(overrides);

async function rowsOf(id: string, table: string, k = key) {
  const manifest = JSON.parse(readFileSync(join(snapshotDir(layout, id), 'manifest.json'), 'utf8'));
  const rows = [];
  for await (const r of snapshotTableSource(layout, manifest, table, k).rows()) rows.push(r);
  return rows;
}

beforeAll(async () => {
  mkdirSync(join(root, 'export'));
  writeFileSync(join(root, 'export', 'people.csv'), people);
  writeFileSync(join(root, 'export', 'notes.txt'), 'not collected');
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('collect', () => {
  it('seals every file as delivered and its rows as read, with counts and hashes', async () => {
    const { snapshot, reused } = await run();
    expect(reused).toBe(false);
    expect(snapshot.tables.map(({ sha256: _s, original, ...t }) => ({ ...t, original: { bytes: original?.bytes } }))).toEqual([
      {
        name: 'people.csv', source: 'export', columns: ['id', 'name', 'balance'], types: ['text', 'text', 'text'],
        details: { format: 'csv', encoding: 'utf-8', delimiter: ',', bom: 'true' }, rows: 2, blob: 'rows-0001.seal',
        original: { bytes: Buffer.byteLength(people) },
      },
    ]);
    expect(await rowsOf(snapshot.id, 'people.csv')).toEqual([
      { line: 2, values: ['1', 'Zoë', '1,234.50'] },
      { line: 3, values: ['2', 'Smith, "Jo"\r\nline two', '-0.10'] },
    ]);
    // nothing of the data is on disk in clear
    for (const f of readdirSync(snapshotDir(layout, snapshot.id)).filter((f) => f.endsWith('.seal'))) {
      expect(readFileSync(join(snapshotDir(layout, snapshot.id), f)).includes('Zoë')).toBe(false);
    }
    expect(await verifySnapshot(layout, snapshot, key)).toMatchObject({ id: snapshot.id, tables: 1, blobs: 2 });
  });

  it('keeps the snapshot it already has when nothing changed', async () => {
    const first = await run();
    const again = await run();
    expect(again).toEqual({ snapshot: first.snapshot, reused: true, freezes: [] });
    expect(readdirSync(layout.snapshotsDir).filter((d) => d.startsWith('.'))).toEqual([]);
  });

  it('detects one changed byte, in verify and in any read', async () => {
    const { snapshot } = await run();
    const blob = join(snapshotDir(layout, snapshot.id), 'rows-0001.seal');
    const original = readFileSync(blob);
    const bent = Buffer.from(original);
    bent.writeUInt8(bent.readUInt8(bent.length - 40) ^ 1, bent.length - 40);
    chmodSync(blob, 0o644);
    writeFileSync(blob, bent);
    try {
      const failure = await verifySnapshot(layout, snapshot, key).catch((e: unknown) => e);
      expect(isCutoverError(failure, 'snapshot_tampered')).toBe(true);
      const read = await rowsOf(snapshot.id, 'people.csv').catch((e: unknown) => e);
      expect(isCutoverError(read, 'snapshot_tampered')).toBe(true);
    } finally {
      writeFileSync(blob, original);
    }
  });

  it('detects rows sealed again with the key, when they do not parse as well as when they only change the hash', async () => {
    const { snapshot } = await run();
    const blob = join(snapshotDir(layout, snapshot.id), 'rows-0001.seal');
    const original = readFileSync(blob);
    const reseal = async (text: string) => {
      rmSync(blob);
      const writer = createSealWriter(blob, key, blobBinding('rows-0001.seal'));
      await writer.write(text);
      await writer.finish();
    };
    const message = `Snapshot ${snapshot.id}: table people.csv is not what was collected (its content hash or row count no longer matches the manifest). A snapshot must never change: collect the source again.`;
    try {
      await reseal('[2,"1","Zoë","1,234.50"]\n[3,"2",\n');
      await expect(rowsOf(snapshot.id, 'people.csv')).rejects.toMatchObject({ code: 'snapshot_tampered', message });
      await reseal('[2,"1","Zoë","1,234.50"]\n[3,"2","Smith","-0.10"]\n');
      await expect(rowsOf(snapshot.id, 'people.csv')).rejects.toMatchObject({ code: 'snapshot_tampered', message });
    } finally {
      rmSync(blob);
      writeFileSync(blob, original);
    }
  });

  it('detects an edited manifest', async () => {
    const { snapshot } = await run();
    const path = join(snapshotDir(layout, snapshot.id), 'manifest.json');
    const text = readFileSync(path, 'utf8');
    chmodSync(path, 0o644);
    writeFileSync(path, text.replace('"collectedBy": "tester"', '"collectedBy": "mallory"'));
    try {
      await expect(verifySnapshot(layout, JSON.parse(readFileSync(path, 'utf8')), key)).rejects.toThrow(
        `Snapshot ${snapshot.id}: its manifest.json was edited after collection. A snapshot must never change: collect the source again.`,
      );
    } finally {
      writeFileSync(path, text);
    }
  });

  it('tells a wrong key apart from tampering', async () => {
    const { snapshot } = await run();
    const other = snapshotKeyFrom({ KEY: '22'.repeat(32) }, 'KEY');
    const failure = await verifySnapshot(layout, snapshot, other).catch((e: unknown) => e);
    expect(isCutoverError(failure, 'snapshot_key_wrong')).toBe(true);
  });

  it('leaves no snapshot and no partial folder when a file cannot be read', async () => {
    const before = readdirSync(layout.snapshotsDir).sort();
    writeFileSync(join(root, 'export', 'zz.csv'), 'a,b\n"unterminated,1\n');
    try {
      const failure = await run().catch((e: unknown) => e);
      expect(isCutoverError(failure, 'csv_malformed')).toBe(true);
      expect(readdirSync(layout.snapshotsDir).sort()).toEqual(before);
    } finally {
      rmSync(join(root, 'export', 'zz.csv'));
    }
  });

  it('refuses a symbolic link in the delivery unless cutover.yaml says to follow it, and collects nothing', async () => {
    const before = readdirSync(layout.snapshotsDir).sort();
    const secret = join(root, 'outside-secret.txt');
    writeFileSync(secret, 'id,secret\n1,the system password\n');
    symlinkSync(secret, join(root, 'export', 'linked.csv'));
    try {
      const failure = await run().catch((e: unknown) => e);
      expect(isCutoverError(failure, 'outside_project')).toBe(true);
      expect((failure as Error).message).toBe(
        `export/linked.csv is a symbolic link to ${secret}, not a delivered file. A link may point at any file on this machine, so Cutover does not follow it. ` +
          'Copy the file itself into the delivery folder, or set "follow_links: true" for source "export" in cutover.yaml, and collect again. Nothing was collected.',
      );
      expect(readdirSync(layout.snapshotsDir).sort()).toEqual(before);
      const following = parseProjectConfig(
        'customer: Test\nsources:\n  export:\n    files: export\n    include: ["*.csv"]\n    follow_links: true\nsnapshot_key_env: KEY\nspec: s.yaml\ntarget: { schema: t.sql }\nenvironments: { test: { database: embedded } }\n',
        'cutover.yaml',
      );
      const { snapshot } = await collectWith({ config: following });
      expect(snapshot.tables.map((t) => t.name)).toContain('linked.csv');
    } finally {
      rmSync(join(root, 'export', 'linked.csv'));
    }
  });

  it('names a source that cutover.yaml does not have', async () => {
    await expect(run({ sources: ['crm'] })).rejects.toThrow('cutover.yaml has no source "crm" (it has: export).');
    expect(existsSync(join(layout.snapshotsDir, '.partial'))).toBe(false);
  });
});

describe('collect from a database', () => {
  it('reads every table of a real MariaDB in key order into the snapshot, types and all', async () => {
    const legacy = await createLegacyMariaDb(await requireMariaDb());
    try {
      const dbConfig = parseProjectConfig(
        'customer: Test\nsources:\n  crm:\n    database_url_env: CRM_URL\nsnapshot_key_env: KEY\nspec: s.yaml\ntarget: { schema: t.sql }\nenvironments: { test: { database: embedded } }\n',
        'cutover.yaml',
      );
      const { snapshot } = await collectWith({ config: dbConfig, sources: ['crm'], env: { ...env, CRM_URL: legacy.url } });
      expect(snapshot.sources).toEqual([{ name: 'crm', kind: 'database', location: legacy.url }]);
      expect(snapshot.tables.map((t) => t.name).sort()).toEqual([...legacy.tables].sort());
      for (const plain of legacyPlainTables('mariadb')) {
        const table = snapshot.tables.find((t) => t.name === plain.name)!;
        expect(table.columns).toEqual(plain.columns);
        expect(table.rows).toBe(plain.rows.length);
        expect((await rowsOf(snapshot.id, plain.name)).map((r) => r.values)).toEqual(plain.rows);
      }
      expect(snapshot.tables.flatMap((t) => t.types)).toContain('decimal(12,2)');
    } finally {
      await legacy.drop();
    }
  });

  it('keeps no password of the source URL in the snapshot', async () => {
    // trust login: the server ignores the password, the snapshot must not keep it
    const legacy = await createLegacyPostgres(await requirePostgres());
    try {
      const dbConfig = parseProjectConfig(
        `customer: Test\nsources:\n  crm:\n    database_url_env: CRM_URL\n    tables: [${legacy.tables[0]}]\nsnapshot_key_env: KEY\nspec: s.yaml\ntarget: { schema: t.sql }\nenvironments: { test: { database: embedded } }\n`,
        'cutover.yaml',
      );
      const url = `${legacy.url}?sslmode=disable&password=Hunter2Secret`;
      const { snapshot } = await collectWith({ config: dbConfig, sources: ['crm'], env: { ...env, CRM_URL: url } });
      expect(snapshot.sources).toEqual([{ name: 'crm', kind: 'database', location: `${legacy.url}?sslmode=disable&password=***` }]);
      const shown = await cutover('snapshots', 'show', snapshot.id, '--project', root, '--json');
      expect(shown.code).toBe(0);
      expect(shown.stdout).toContain('password=***');
      expect(shown.stdout).not.toContain('Hunter2Secret');
    } finally {
      await legacy.drop();
    }
  });

  it('names the variable that should hold the database URL', async () => {
    const dbConfig = parseProjectConfig(
      'customer: Test\nsources:\n  crm:\n    database_url_env: CRM_URL\nsnapshot_key_env: KEY\nspec: s.yaml\ntarget: { schema: t.sql }\nenvironments: { test: { database: embedded } }\n',
      'cutover.yaml',
    );
    await expect(collectWith({ config: dbConfig })).rejects.toThrow(
      'Source "crm" takes its database URL from the variable CRM_URL, which is not set.',
    );
  });
});

describe('a database that goes away mid-read', () => {
  it('stops the collect with a clear message and leaves no snapshot', async () => {
    const server = await requireMariaDb();
    const { default: mysql } = await import('mysql2/promise');
    const admin = await mysql.createConnection({ uri: server });
    const table = `cutover_vanish_${process.pid}`;
    try {
      await admin.query(`CREATE TABLE \`${table}\` (id int PRIMARY KEY, name varchar(40))`);
      // MariaDB's sequence engine makes the rows in the server, quickly
      await admin.query(`INSERT INTO \`${table}\` SELECT seq, CONCAT('customer ', seq) FROM seq_1_to_300000`);
      const dbConfig = parseProjectConfig(
        `customer: Test\nsources:\n  crm:\n    database_url_env: CRM_URL\n    tables: [${table}]\nsnapshot_key_env: KEY\nspec: s.yaml\ntarget: { schema: t.sql }\nenvironments: { test: { database: embedded } }\n`,
        'cutover.yaml',
      );
      const before = readdirSync(layout.snapshotsDir).sort();
      const collecting = collectWith({ config: dbConfig, env: { ...env, CRM_URL: server } }).catch((e: unknown) => e);
      // the read's own connection is killed as soon as it shows in the process list
      let killed = false;
      for (let i = 0; i < 200 && !killed; i++) {
        const [list] = (await admin.query('SHOW FULL PROCESSLIST')) as unknown as [{ Id: number; Info: string | null }[]];
        const reader = list.find((p) => p.Info?.includes(`FROM \`${table}\``));
        if (reader) {
          await admin.query(`KILL CONNECTION ${reader.Id}`);
          killed = true;
        } else {
          await new Promise((r) => setTimeout(r, 10));
        }
      }
      expect(killed).toBe(true);
      const failure = await collecting;
      expect(isCutoverError(failure, 'source_read_failed')).toBe(true);
      expect((failure as Error).message).toMatch(new RegExp(`^Reading table "${table}" from MariaDB/MySQL at 127\\.0\\.0\\.1:3306(/test)? failed \\(.+\\)\\. Check the database and run again\\.$`));
      expect(readdirSync(layout.snapshotsDir).sort()).toEqual(before.filter((n) => !n.startsWith('.')));
    } finally {
      await admin.query(`DROP TABLE IF EXISTS \`${table}\``);
      await admin.end();
    }
  });
});
