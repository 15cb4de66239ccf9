import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdent } from '../connectors/database.js';
import { copyLine } from '../connectors/copy-text.js';
import { openFileSources } from '../connectors/file-sources.js';
import { writeSampleExport } from '../sample/index.js';
import { cutover } from '../test-support/capture-io.js';
import { requirePostgres, withDatabase } from '../test-support/servers.js';
import { tempDir } from '../test-support/temp-dir.js';

// The leak test: every command on the sample, with --debug and with --json, reading the
// sample from a PostgreSQL source and loading a PostgreSQL target, both named by URLs
// that carry passwords in the authority and as ?password=. Nothing printed, and no file
// written outside the encrypted snapshots, may hold the sample's e-mail addresses or
// phone numbers, the snapshot key or a password, except the customer's own review files
// and what --show-personal-data was asked to show.
//
// The test server trusts every local login, so the passwords are not checked by it; the
// role is still made WITH the target's authority password, so that URL would sign in on a
// server that asks for one.
//
// Not run: `serve` (it runs until stopped; the review app is the customer's own review),
// and the subcommands that record what a person types rather than show the data (`users
// add/remove`, `queries answer`, `figures set`, `report import`, `dedup review`, `plan done`).
const dir = tempDir('cutover-leak');
const project = join(dir.path, 'project');
const demoProject = join(dir.path, 'demo');
const firstExport = join(dir.path, 'export-1');
const laterExport = join(dir.path, 'export-2');
const sourceSchema = 'cutover_leak_source';
const targetDatabase = 'cutover_leak_target';
const demoDatabase = 'cutover_leak_demo';
const role = 'cutover_leak';
const key = 'a1b2c3d4'.repeat(8);
const newKey = 'e5f6a7b8'.repeat(8);
const initProject = join(dir.path, 'init');
const passwords = {
  sourceAuthority: 'SrcAuth-Pw-7301',
  sourceQuery: 'SrcQuery-Pw-7302',
  targetAuthority: 'TgtAuth-Pw-7303',
  targetQuery: 'TgtQuery-Pw-7304',
};
const files = ['people', 'person_roles', 'suppliers', 'properties', 'tenancies', 'diary', 'balances'];
const saved = { ...process.env };

let serverUrl: string;
const urlOf = (database: string, authority: string, query: string) => `postgres://${role}:${authority}@127.0.0.1:5432/${database}?sslmode=disable&password=${query}`;
const sourceUrl = () => urlOf('test', passwords.sourceAuthority, passwords.sourceQuery);
const targetUrl = () => urlOf(targetDatabase, passwords.targetAuthority, passwords.targetQuery);
const demoUrl = () => urlOf(demoDatabase, passwords.targetAuthority, passwords.targetQuery);

/** A value that must not leak, with the name a finding gives it. */
interface Secret {
  readonly what: string;
  readonly value: string;
}

/** The secrets `text` holds, each named once. */
function findLeaks(text: string, secrets: readonly Secret[]): string[] {
  return [...new Set(secrets.filter((s) => text.includes(s.value)).map((s) => s.what))];
}

/** The sample's e-mails and phones, as written and as a program might rewrite them (lower case; digits alone). */
function personalSecrets(exportDir: string): Secret[] {
  const secrets: Secret[] = [];
  for (const line of readFileSync(join(exportDir, 'people.csv'), 'utf8').split('\n')) {
    for (const email of line.match(/[^\s,"@]+@[^\s,"@]+\.[a-z]+/gi) ?? []) {
      secrets.push({ what: `e-mail ${email}`, value: email }, { what: `e-mail ${email}`, value: email.toLowerCase() });
    }
    const phone = line.split(',')[5]?.trim();
    if (phone !== undefined && /\d{6}/.test(phone.replace(/\D/g, ''))) {
      const national = phone.replace(/\D/g, '').replace(/^44/, '').replace(/^0/, '');
      secrets.push({ what: `phone ${phone}`, value: phone }, { what: `phone ${phone}`, value: national });
    }
  }
  return secrets;
}

function secrets(): Secret[] {
  return [
    ...personalSecrets(firstExport),
    ...personalSecrets(laterExport),
    { what: 'the snapshot key', value: key },
    { what: 'the new snapshot key', value: newKey },
    ...Object.entries(passwords).map(([what, value]) => ({ what: `the ${what} password`, value })),
  ];
}

/** Every file under `root`, as paths relative to it. */
function walk(root: string, at = root): string[] {
  return readdirSync(at, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(root, join(at, e.name)) : [relative(root, join(at, e.name))]));
}

// not scanned, and why: sealed snapshots are encrypted; the embedded database (the store,
// and the demo's target) holds the mapped data; the review workbook, the not-imported
// lists and the check's problem lists go to the customer, whose own values they are; the
// demo's export is the sample delivery itself
const unscanned: readonly RegExp[] = [
  /^\.cutover\/snapshots\//,
  /^\.cutover\/db\//,
  /^reports\/run-\d+-review\.(html|xlsx)$/,
  /^reports\/run-\d+-not-imported\.(csv|xlsx)$/,
  /^reports\/check-[\w.-]+\.(html|xlsx)$/,
  /^export\//,
];

/** The files of a project that leak, each with what it leaks; `shown` are files written where --show-personal-data was given. */
function scanProject(root: string, all: readonly Secret[], shown: readonly string[] = []): string[] {
  const found: string[] = [];
  for (const file of walk(root)) {
    if (unscanned.some((r) => r.test(file)) || shown.includes(join(root, file))) continue;
    // a workbook is zipped: scanning its bytes would find nothing, so none may be written for the team
    if (file.endsWith('.xlsx')) {
      found.push(`${file}: a workbook the scan cannot read`);
      continue;
    }
    const leaks = findLeaks(readFileSync(join(root, file), 'latin1') + readFileSync(join(root, file), 'utf8'), all);
    if (leaks.length > 0) found.push(`${file}: ${leaks.join(', ')}`);
  }
  return found;
}

/** Loads a sample export into the source schema, one table per file, every column text, as the customer's database would hold it. */
async function loadSource(exportDir: string): Promise<void> {
  await withDatabase(serverUrl, async (db) => {
    await db.exec(`DROP SCHEMA IF EXISTS ${sourceSchema} CASCADE; CREATE SCHEMA ${sourceSchema} AUTHORIZATION ${role}`);
    for (const name of files) {
      const [table] = await openFileSources(join(exportDir, `${name}.csv`), `${name}.csv`);
      try {
        const columns = table!.columns;
        await db.exec(`CREATE TABLE ${sourceSchema}.${quoteIdent(`${name}.csv`)} (${columns.map((c) => `${quoteIdent(c)} text`).join(', ')})`);
        let text = '';
        for await (const row of table!.rows()) text += copyLine(columns.map((_c, i) => row.values[i] ?? null));
        await db.copyIn({ schema: sourceSchema, table: `${name}.csv` }, columns, text);
      } finally {
        await table!.close();
      }
    }
    // a few e-mails and phones typed with words around them: rejected, with the value in the reason
    const people = `${sourceSchema}.${quoteIdent('people.csv')}`;
    await db.exec(
      `UPDATE ${people} SET "Email" = "Email" || ' (home)' WHERE "PersonID" IN (SELECT "PersonID" FROM ${people} WHERE "Email" LIKE '%@%' ORDER BY "PersonID" LIMIT 3 OFFSET 10);
       UPDATE ${people} SET "Phone" = "Phone" || ' ext 12' WHERE "PersonID" IN (SELECT "PersonID" FROM ${people} WHERE "Phone" <> '' ORDER BY "PersonID" LIMIT 3 OFFSET 10)`,
    );
    await db.exec(`GRANT USAGE ON SCHEMA ${sourceSchema} TO ${role}; GRANT SELECT ON ALL TABLES IN SCHEMA ${sourceSchema} TO ${role}`);
  });
}

/** The sample project's spec and contract, reading the tables of the source schema instead of files. */
function writeProject(): void {
  const rename = (text: string) => text.replace(new RegExp(`\\b(${files.join('|')})\\.csv\\b`, 'g'), `${sourceSchema}.$1.csv`);
  const sample = join(import.meta.dirname, '../../sample-project');
  mkdirSync(join(project, 'specs'), { recursive: true });
  mkdirSync(join(project, 'target'), { recursive: true });
  // rules that check e-mails and phones, so rejections quote personal values
  const spec = rename(readFileSync(join(sample, 'specs/estate-agency.yaml'), 'utf8'))
    .replace('email: { from: Email, rules: [trim, lower] }', 'email: { from: Email, rules: [trim, lower, email] }')
    .replace('phone: { from: Phone, rules: [trim] }', 'phone: { from: Phone, rules: [trim, uk_phone] }');
  expect(spec).toContain('rules: [trim, uk_phone]');
  writeFileSync(join(project, 'specs/estate-agency.yaml'), spec);
  writeFileSync(join(project, 'contract.yaml'), rename(readFileSync(join(sample, 'contract.yaml'), 'utf8')));
  writeFileSync(join(project, 'target/schema.sql'), readFileSync(join(sample, 'target/schema.sql'), 'utf8'));
  writeFileSync(
    join(project, 'cutover.yaml'),
    [
      'customer: Leak Test Lettings',
      'sources:',
      '  crm:',
      '    database_url_env: LEAK_SOURCE_URL',
      `    tables: [${files.map((f) => `${sourceSchema}.${f}.csv`).join(', ')}]`,
      'snapshot_key_env: CUTOVER_SNAPSHOT_KEY',
      'spec: specs/estate-agency.yaml',
      'contract: contract.yaml',
      'target: { schema: target/schema.sql }',
      'environments:',
      '  test: { database_url_env: LEAK_TARGET_URL }',
      'plan: { go_live: 2027-03-29, time_zone: Europe/London }',
      '',
    ].join('\n'),
  );
}

/** What one command printed. */
interface Printed {
  readonly command: string;
  readonly code: number;
  readonly text: string;
}

const printed: Printed[] = [];
const shownOnPurpose: Printed[] = [];
// the profile page written with --show-personal-data holds the values, as asked
const shownFiles: string[] = [];

/** Runs a command with --debug, then with --json, on the project unless it names its own (init names its folder). */
async function both(...args: string[]): Promise<void> {
  const where = args.includes('--project') || args[0] === 'init' ? [] : ['--project', project];
  for (const mode of ['--debug', '--json']) {
    const out = await cutover(...args, ...where, mode);
    printed.push({ command: `${args.join(' ')} ${mode}`, code: out.code, text: out.stdout + out.stderr });
  }
}

async function onServer(...statements: string[]): Promise<void> {
  await withDatabase(serverUrl, async (db) => {
    for (const sql of statements) await db.exec(sql);
  });
}

async function snapshotList(): Promise<{ id: string }[]> {
  const listed = JSON.parse((await cutover('snapshots', '--project', project, '--json')).stdout) as { id: string }[] | { snapshots: { id: string }[] };
  return Array.isArray(listed) ? listed : listed.snapshots;
}

beforeAll(async () => {
  serverUrl = await requirePostgres();
  await onServer(
    `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${role} LOGIN; END IF; END $$`,
    `ALTER ROLE ${role} LOGIN PASSWORD '${passwords.targetAuthority}'`,
    `DROP DATABASE IF EXISTS ${targetDatabase}`,
    `DROP DATABASE IF EXISTS ${demoDatabase}`,
    `CREATE DATABASE ${targetDatabase} OWNER ${role}`,
    `CREATE DATABASE ${demoDatabase} OWNER ${role}`,
  );
  await writeSampleExport({ outDir: firstExport, rows: 400, seed: 17 });
  await writeSampleExport({ outDir: laterExport, rows: 400, seed: 17, daysLater: 3 });
  await loadSource(firstExport);
  writeProject();
  Object.assign(process.env, { CUTOVER_SNAPSHOT_KEY: key, LEAK_SOURCE_URL: sourceUrl(), LEAK_TARGET_URL: targetUrl() });

  // the commands of src/cli/program.ts, in the order a team uses them
  await both('sample', '--out', join(dir.path, 'sample-out'), '--rows', '100');
  await both('peek', join(firstExport, 'people.csv'));
  await both('init', initProject, '--from', firstExport);
  await both('transforms');
  await both('collect');
  const [first] = await snapshotList();
  await both('snapshots');
  await both('snapshots', 'show', first!.id);
  await both('snapshots', 'verify');
  await both('check');
  await both('contract', 'draft');
  await both('profile');
  await both('suggest');
  await both('spec', 'test');
  await both('run', '--env', 'test', '--fresh', '--target', targetUrl());
  await both('rejects');
  await both('reconcile');
  await both('reconcile', '--target', targetUrl());
  await both('report');
  await both('figures');
  await both('protocol');
  await both('leftovers');
  await both('dedup', 'suggest', '--entity', 'person');
  expect((await cutover('dedup', 'suggest', '--entity', 'person', '--write', 'specs/estate-agency.yaml', '--project', project)).code).toBe(0);
  await both('dedup', '--html', join(project, 'reports', 'dedup.html'));
  await both('status');
  await both('plan');
  await both('users');
  await both('queries');
  await both('signoff');
  await both('signoffs');
  await both('freeze', '--env', 'test');
  await both('freeze', '--env', 'test', '--end');
  // what changed in the legacy system three days later: a second snapshot, compared and carried over
  await loadSource(laterExport);
  await both('collect');
  const snapshots = await snapshotList();
  await both('diff', snapshots.at(-1)!.id, snapshots[0]!.id);
  await both('gap', '--env', 'test', '--target', targetUrl());
  await both('audit');
  await both('audit', 'verify');
  await both('demo', '--project', demoProject, '--rows', '200', '--target', demoUrl());

  for (const args of [['profile', '--json'], ['rejects', '--json', '--debug']]) {
    const out = await cutover(...args, '--project', project, '--show-personal-data');
    shownOnPurpose.push({ command: `${args.join(' ')} --show-personal-data`, code: out.code, text: out.stdout + out.stderr });
    if (args[0] === 'profile') shownFiles.push((JSON.parse(out.stdout) as { page: string }).page);
  }
  // last, as it changes the key every later command needs
  process.env['LEAK_NEW_KEY'] = newKey;
  await both('snapshots', 'rekey', '--from-env', 'CUTOVER_SNAPSHOT_KEY', '--to-env', 'LEAK_NEW_KEY');
  process.env['CUTOVER_SNAPSHOT_KEY'] = newKey;
}, 1_500_000);

afterAll(async () => {
  process.env = saved;
  dir.cleanup();
  await onServer(`DROP SCHEMA IF EXISTS ${sourceSchema} CASCADE`, `DROP DATABASE IF EXISTS ${targetDatabase}`, `DROP DATABASE IF EXISTS ${demoDatabase}`);
});

describe('the leak test', () => {
  it('ran the commands: the sample was read, loaded and compared', () => {
    const codes = Object.fromEntries(printed.map((p) => [p.command, p.code]));
    expect(codes['collect --debug']).toBe(0);
    expect(codes[`run --env test --fresh --target ${targetUrl()} --json`]).toBe(0);
    expect(codes['profile --json']).toBe(0);
    expect(codes['protocol --json']).toBe(0);
    expect(codes['rejects --json']).toBe(0);
    expect(codes[`init ${initProject} --from ${firstExport} --debug`]).toBe(0);
    expect(codes['snapshots rekey --from-env CUTOVER_SNAPSHOT_KEY --to-env LEAK_NEW_KEY --debug']).toBe(0);
    expect(codes[`dedup --html ${join(project, 'reports', 'dedup.html')} --json`]).toBe(0);
    // the rules rejected the e-mails and phones typed with words around them, quoting them
    const rejects = printed.find((p) => p.command === 'rejects --json')!.text;
    expect(rejects.match(/is not an e-?mail address/g)?.length).toBeGreaterThanOrEqual(3);
    expect(rejects).toContain('e** 1*\\" is not a UK phone number');
  });

  it('no command prints an e-mail, a phone number, the snapshot key or a password', () => {
    const all = secrets();
    const leaks = printed.map((p) => ({ command: p.command, leaks: findLeaks(p.text, all) })).filter((p) => p.leaks.length > 0);
    expect(leaks).toEqual([]);
  });

  it('no file written for the team holds one either', () => {
    const all = secrets();
    expect([...scanProject(project, all, shownFiles), ...scanProject(demoProject, all).map((f) => `demo: ${f}`), ...scanProject(initProject, all).map((f) => `init: ${f}`)]).toEqual([]);
  });

  it('the customer\'s own review shows the real values', () => {
    const review = readdirSync(join(project, 'reports')).find((f) => /^run-\d+-review\.html$/.test(f))!;
    expect(findLeaks(readFileSync(join(project, 'reports', review), 'utf8'), secrets()).some((w) => w.startsWith('e-mail'))).toBe(true);
  });

  it('finds a value printed on purpose: --show-personal-data, a planted file, a password in text', async () => {
    const all = secrets();
    for (const shown of shownOnPurpose) expect(findLeaks(shown.text, all).length, shown.command).toBeGreaterThan(0);
    writeFileSync(join(project, 'reports', 'planted.txt'), `call ${all.find((s) => s.what.startsWith('phone'))!.value}`);
    expect(scanProject(project, all, shownFiles)).toEqual([expect.stringMatching(/^reports\/planted\.txt: phone /)]);
    expect(scanProject(project, all).filter((f) => !f.startsWith('reports/planted.txt'))).toEqual([expect.stringMatching(/^reports\/snapshot-\w+-profile\.html: e-mail /)]);
    expect(readFileSync(shownFiles[0]!, 'utf8')).toContain('personal values are shown unmasked, as asked (--show-personal-data)');
    expect(findLeaks(`connected to ${targetUrl()}`, all)).toEqual(['the targetAuthority password', 'the targetQuery password']);
    // and the unmasked views are in the audit log
    const audit = JSON.parse((await cutover('audit', '--project', project, '--json')).stdout) as { events: { action: string }[] };
    expect(audit.events.filter((e) => e.action === 'personal_data.shown')).toHaveLength(2);
  });
});
