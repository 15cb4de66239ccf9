import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inSession } from '../test-support/test-session.js';
import { cutover } from '../test-support/capture-io.js';
import { projectLayout } from '../store/project-layout.js';
import { openProjectStore } from '../store/project-store.js';
import { reconciliationJson } from '../cli/reconcile-command.js';
import { snapshotKeyFrom } from '../store/sealed/index.js';
import { demoSnapshotKey, runDemo } from './demo.js';
import { readProjectConfig } from './project-files.js';
import { reconcileRun } from './reconcile.js';
import { storeTarget } from '../connectors/target.js';

const clock = () => new Date('2026-11-23T10:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'cutover-reconcile-'));
const project = ['--project', dir];

interface Line {
  ref: string;
  label: string;
  customer: number | string | null;
  snapshot: number | string;
  target: number | string;
  unexplained: number | string;
  status: string;
  notes: string[];
  by?: string | null;
  explained: { outcome: string; reason: string; rows: number }[];
  records: { problem: string; line: number }[];
}
interface Json {
  run: number;
  unexplained: number;
  counts: Line[];
  money: Line[];
  columns: { entity: string; field: string; compared: number; differ: number; skipped: string | null }[];
}

async function reconcile(...extra: string[]): Promise<{ code: number; json: Json }> {
  const out = await cutover('reconcile', ...project, '--json', ...extra);
  if (out.stderr !== '') throw new Error(out.stderr);
  return { code: out.code, json: JSON.parse(out.stdout) as Json };
}

/** Fills the workbook in as a person would: figures in the yellow cells, an answer on each check. */
async function fillIn(path: string, out: string, figures: (label: string, ref: string) => string | number | null, answers: (ref: string) => [string, string] | null) {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const checklist = workbook.getWorksheet('Pre-migration checklist')!;
  checklist.eachRow((row, n) => {
    if (n === 1) return;
    const figure = figures(String(row.getCell(2).value), String(row.getCell(1).value));
    if (figure !== null) row.getCell(3).value = figure;
  });
  const signOff = workbook.getWorksheet('Sign-off')!;
  signOff.eachRow((row, n) => {
    if (n === 1) return;
    const answer = answers(String(row.getCell(1).value));
    if (answer === null) return;
    row.getCell(3).value = answer[0];
    row.getCell(4).value = answer[1];
    row.getCell(5).value = 'Jo Bloggs, lettings manager';
  });
  await workbook.xlsx.writeFile(out);
}

async function storeCounts(): Promise<{ figures: number; answers: number; imports: number }> {
  const store = await openProjectStore(projectLayout(dir), 'test', clock());
  try {
    const [row] = await store.db.query<{ f: string; a: string; i: string }>(
      'SELECT (SELECT count(*) FROM cutover.customer_figure) AS f, (SELECT count(*) FROM cutover.review_answer) AS a, (SELECT count(*) FROM cutover.review_import) AS i',
    );
    return { figures: Number(row!.f), answers: Number(row!.a), imports: Number(row!.i) };
  } finally {
    await store.close();
  }
}

let first: Json;
let workbook: string;
const savedKey = process.env['CUTOVER_SNAPSHOT_KEY'];

beforeAll(async () => {
  process.env['CUTOVER_SNAPSHOT_KEY'] = demoSnapshotKey;
  await inSession(dir, (s) => runDemo(s, { rows: 2000, seed: 7, sampleChosen: true }), { clock });
  first = (await reconcile()).json;
  const out = await cutover('report', ...project, '--json');
  expect(out.code, out.stderr).toBe(0);
  workbook = (JSON.parse(out.stdout) as { xlsx: string }).xlsx;
});

afterAll(() => {
  if (savedKey === undefined) delete process.env['CUTOVER_SNAPSHOT_KEY'];
  else process.env['CUTOVER_SNAPSHOT_KEY'] = savedKey;
  rmSync(dir, { recursive: true, force: true });
});

describe('cutover reconcile on the sample project', () => {
  it('counts every checklist line three ways, each difference explained by the ledger', () => {
    expect(first.unexplained).toBe(0);
    expect(first.counts.map((c) => c.label)).toEqual([
      'Contacts', 'Suppliers', 'Properties for sale', 'Properties to let', 'Properties let', 'Properties sold', 'Properties withdrawn',
      'Tenancies with status Current', 'Tenancies with status Ended', 'Tenancies with status Pending', 'Diary entries',
      'Opening balances on the client account', 'Opening balances on the deposit account',
    ]);
    for (const c of first.counts) {
      const explained = c.explained.reduce((n, e) => n + e.rows, 0);
      expect(Number(c.snapshot) - explained, c.label).toBe(Number(c.target));
      expect(c.status, c.label).toBe('awaiting');
    }
    const contacts = first.counts[0]!;
    expect(contacts.explained.map((e) => `${e.outcome}:${e.reason}`).sort()).toEqual(['excluded:test-records', 'merged:merged', 'rejected:blank_key', 'rejected:duplicate_key', 'rejected:invalid_value']);
  });

  it('adds up the money to the penny, per account and per holder', () => {
    expect(first.money.map((m) => m.label)).toEqual(['Client account balance', 'Deposit account balance', 'Opening balances per landlord', 'Opening balances per tenancy', 'Opening balances per supplier']);
    for (const m of first.money) {
      expect(m.unexplained, m.label).toBe('0.00');
      expect(m.status, m.label).toBe(m.by === null ? 'awaiting' : m.explained.length === 0 ? 'balanced' : 'explained');
    }
    expect(first.columns.filter((c) => c.skipped === null).every((c) => c.differ === 0 && c.compared > 0)).toBe(true);
  });

  it('gives the same lines when the ledger, key map and target are read in pages of a few rows', async () => {
    const small = await inSession(dir, async (session) =>
      reconcileRun(session, { runId: 1, target: storeTarget((await session.store()).db), pageRows: 7, batchRows: 3 }), { env: { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey }, clock });
    expect(JSON.parse(JSON.stringify(reconciliationJson(small)))).toEqual(first);
  });

  it('takes the customer figures from the filled-in workbook; then every line agrees or is explained', async () => {
    const filled = join(dir, 'filled.xlsx');
    const figures = new Map([...first.counts, ...first.money.filter((m) => m.by === null)].map((l) => [l.label, l.snapshot]));
    await fillIn(workbook, filled, (label) => figures.get(label) ?? null, (ref) => (ref === 'C1' ? ['Query', 'We think we have more contacts'] : ['Confirmed', '']));
    const imported = await cutover('report', 'import', filled, ...project);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('Imported the review of run 1: 15 figures,');
    expect(imported.stdout).toContain('query on C1 (Contacts: the figures agree, or the differences are explained): We think we have more contacts');
    const { code, json } = await reconcile();
    expect(code).toBe(0);
    expect(json.unexplained).toBe(0);
    expect([...json.counts, ...json.money].every((l) => l.status === 'balanced' || l.status === 'explained')).toBe(true);
    expect(json.counts[0]!.customer).toBe(first.counts[0]!.snapshot);
  });

  it('flags a customer figure the delivered data does not hold', async () => {
    const filled = join(dir, 'more.xlsx');
    await fillIn(workbook, filled, (label) => (label === 'Diary entries' ? '1,000' : null), () => null);
    expect((await cutover('report', 'import', filled, ...project)).code).toBe(0);
    const { code, json } = await reconcile();
    expect(code).toBe(1);
    expect(json.unexplained).toBe(1);
    const diary = json.counts.find((c) => c.label === 'Diary entries')!;
    expect([diary.customer, diary.status, diary.notes]).toEqual([1000, 'unexplained', ['Your figure is 700 more than the delivered data holds: 700 rows may be missing from the extract.']]);
  });

  it('refuses bad workbooks whole: a figure that is not a number, edited protected cells, another run, another project', async () => {
    const before = await storeCounts();
    const bad = join(dir, 'bad.xlsx');
    await fillIn(workbook, bad, (label) => (label === 'Contacts' ? 'about 500' : label === 'Suppliers' ? 20 : label === 'Opening balances per landlord' ? 5 : null), (ref) => (ref === 'C2' ? ['Maybe', ''] : ref === 'C3' ? ['Query', ''] : null));
    const notNumber = await cutover('report', 'import', bad, ...project);
    expect(notNumber.code).toBe(1);
    expect(notNumber.stderr).toBe(
      'error: bad.xlsx was not imported, and nothing was changed:\n' +
        '- Pre-migration checklist sheet, cell C2 (Contacts): "about 500" is not a number; write the figure in digits only, for example 2500.\n' +
        '- Pre-migration checklist sheet, cell C17 (Opening balances per landlord): this line asks for no figure; leave the cell as "not asked".\n' +
        '- Sign-off sheet, cell C3 (C2): "Maybe" is not an answer; choose Confirmed or Query.\n' +
        '- Sign-off sheet, cell D4 (C3): a query needs words; write what is wrong or what you would like us to check.\n' +
        'Correct the workbook (or ask for a fresh one with "cutover report") and import it again.\n',
    );

    const { default: ExcelJS } = await import('exceljs');
    const edited = new ExcelJS.Workbook();
    await edited.xlsx.readFile(workbook);
    edited.getWorksheet('Pre-migration checklist')!.getCell('D2').value = 485;
    edited.getWorksheet('Pre-migration checklist')!.getCell('C3').value = 20;
    const editedPath = join(dir, 'edited.xlsx');
    await edited.xlsx.writeFile(editedPath);
    const protectedCells = await cutover('report', 'import', editedPath, ...project);
    expect(protectedCells.code).toBe(1);
    expect(protectedCells.stderr).toContain(`- Protected cells were changed: sheet "Pre-migration checklist", cell D2: Cutover wrote "${first.counts[0]!.snapshot}", the workbook now holds "485".\n`);

    const otherRun = await cutover('report', 'import', workbook, '--run', '2', ...project);
    expect([otherRun.code, otherRun.stderr]).toEqual([1, 'error: run-1-review.xlsx is the review workbook of run 1, not of run 2. Import it without naming a run, or import the workbook of run 2.\n']);

    edited.getWorksheet('Pre-migration checklist')!.getCell('D2').value = Number(first.counts[0]!.snapshot);
    edited.getWorksheet('About')!.getCell('B1').value = '00000000-0000-4000-8000-000000000000';
    const foreign = join(dir, 'foreign.xlsx');
    await edited.xlsx.writeFile(foreign);
    const otherProject = await cutover('report', 'import', foreign, ...project);
    expect(otherProject.code).toBe(1);
    expect(otherProject.stderr).toContain('error: foreign.xlsx was not written by this project: it says it is for run 1 of snapshot');

    const notWorkbook = await cutover('report', 'import', join(dir, 'cutover.yaml'), ...project);
    expect([notWorkbook.code, notWorkbook.stderr]).toEqual([1, 'error: cutover.yaml is not an Excel workbook that can be read. Send back the .xlsx file "cutover report" wrote, saved as an Excel workbook (.xlsx).\n']);

    expect(await storeCounts()).toEqual(before);
  });

  it('sees a silent loss: a target row deleted behind its back, a penny changed', async () => {
    const store = await openProjectStore(projectLayout(dir), 'test', clock());
    let lost: { line: string };
    try {
      [lost] = (await store.db.query<{ line: string; target_id: string }>(
        `SELECT k.line, k.target_id FROM cutover.key_map k WHERE k.run_id = 1 AND k.entity = 'tenancy'
           AND NOT EXISTS (SELECT 1 FROM cutover.ledger_entry l WHERE l.run_id = 1 AND l.entity = 'tenancy' AND l.line = k.line)
           AND NOT EXISTS (SELECT 1 FROM env_test.opening_balance b WHERE b.tenancy_id = k.target_id)
         ORDER BY k.line LIMIT 1`,
      )) as [{ line: string; target_id: string }];
      const [gone] = await store.db.query<{ status: string }>(
        `DELETE FROM env_test.tenancy WHERE id = (SELECT target_id FROM cutover.key_map WHERE run_id = 1 AND entity = 'tenancy' AND line = $1) RETURNING status`,
        [lost.line],
      );
      expect(gone).toBeDefined();
      await store.db.query(`UPDATE env_test.opening_balance SET amount = amount + 0.01 WHERE id = (SELECT min(id) FROM env_test.opening_balance WHERE account = 'client')`);
      // a diary entry no longer points at its person: no count changes, the column does
      await store.db.query('UPDATE env_test.diary_entry SET person_id = NULL WHERE id = (SELECT min(id) FROM env_test.diary_entry WHERE person_id IS NOT NULL)');
    } finally {
      await store.close();
    }
    const { code, json } = await reconcile();
    expect(code).toBe(1);
    const off = [...json.counts, ...json.money].filter((l) => l.status === 'unexplained');
    const tenancy = off.find((l) => l.label.startsWith('Tenancies'))!;
    expect(tenancy.notes).toEqual(['1 row was imported but is no longer in the new system.']);
    expect(tenancy.records.map((r) => [r.problem, r.line])).toEqual([['missing', Number(lost!.line)]]);
    const client = json.money.find((m) => m.label === 'Client account balance')!;
    expect([client.status, client.unexplained, client.notes]).toEqual(['unexplained', '0.01', ['The new system holds 0.01 more than the delivered data less the rows not imported.']]);
    expect(client.records.filter((r) => r.problem === 'changed')).toHaveLength(1);
    expect(json.columns.filter((c) => c.differ > 0).map((c) => [c.entity, c.field, c.differ])).toEqual([['diary_entry', 'person_id', 1], ['opening_balance', 'amount', 1]]);
    expect(json.unexplained).toBe(off.length + 2);
    // the diary line is still off from the test before, plus the tenancy line, the client balance and one holder's total
    expect(off.map((l) => l.label).sort()).toEqual(['Client account balance', 'Diary entries', tenancy.label, expect.stringMatching(/^Opening balances per /)].sort());
  });

  it('reconciles a run that kept no fingerprints value by value, with the same findings', async () => {
    const withPrints = await reconcile();
    const store = await openProjectStore(projectLayout(dir), 'test', clock());
    try {
      // the losses above were found through fingerprints the run kept for every row with an id (person_role rows have none)
      const [kept] = await store.db.query<{ batches: string; printed: string }>(
        "SELECT count(*) AS batches, count(fingerprints) AS printed FROM cutover.key_map_batch WHERE run_id = 1 AND entity <> 'person_role'",
      );
      expect(Number(kept!.printed)).toBe(Number(kept!.batches));
      // as a run made before runs kept them
      await store.db.query('UPDATE cutover.key_map_batch SET fingerprints = NULL WHERE run_id = 1');
    } finally {
      await store.close();
    }
    const withoutPrints = await reconcile();
    const findings = (json: Json) => ({ ...json, columns: json.columns.map((c) => ({ ...c, sourceDigest: undefined, targetDigest: undefined })) });
    expect(findings(withoutPrints.json)).toEqual(findings(withPrints.json));
    expect(withoutPrints.json.columns.filter((c) => c.differ > 0).map((c) => [c.entity, c.field, c.differ])).toEqual([['diary_entry', 'person_id', 1], ['opening_balance', 'amount', 1]]);
  });
});

describe('the latest run by default', () => {
  it('reconciles, reports and lists the latest run when none is named, and names a run that does not exist', async () => {
    const missing = await cutover('reconcile', '7', ...project);
    expect([missing.code, missing.stderr]).toEqual([1, 'error: There is no run 7 in this project. Run "cutover audit" to see the runs there were.\n']);
    const { json } = await reconcile();
    expect(json.run).toBe(1);
  });
});
