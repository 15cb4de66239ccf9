import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, check, dedup, demoSnapshotKey, listFigures, reconcile, runDemo, suggestDedup, writeReviewWorkbook, writeRunProtocol, type FigureLine } from '../pipeline/index.js';
import { readReviewWorkbook } from '../report/review-workbook-read.js';
import { launchChromium } from '../test-support/browser.js';
import { cutover } from '../test-support/capture-io.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import { serveReviewApp, type RunningApp } from './index.js';

// The whole review in a real Chromium: the team adds the customer's users, a reviewer enters
// the checklist's figures, finds a record and raises a query on it, the team answers, the
// reviewer resolves it, the approver signs off; the final run then passes the quality gate.
const dir = tempDir('cutover-review-app');
/** Where the screenshots are left for a person to look at. */
const shots = join(tmpdir(), 'cutover-review-app-shots');
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
const teamPassword = 'team password for the test';
let server: RunningApp | undefined;
let browser: Browser;
let asked: FigureLine[];
const passwords = new Map<string, string>();
const axeFindings: string[] = [];
const goLive = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
const pagesChecked = new Set<string>();

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  await inSession(dir.path, (s) => runDemo(s, { rows: 600, seed: 4, sampleChosen: true }), { env });
  appendFileSync(join(dir.path, 'cutover.yaml'), '  production: { database: embedded, stage: production }\n');
  // go-live in ten days: the delivery and the test migration are behind, the review ahead
  appendFileSync(join(dir.path, 'cutover.yaml'), `plan:\n  go_live: ${goLive}\n  time_zone: Europe/London\n`);
  // the team's own checks of the delivery and the protocol, and the first team member
  asked = await inSession(dir.path, async (s) => {
    await check(s);
    await writeRunProtocol(s);
    await addUser(s, { email: 'sam@migrations.example', role: 'team', password: teamPassword });
    return (await listFigures(s)).lines.filter((l) => l.asked);
  }, { env });
  server = await serveReviewApp({ project: dir.path, host: '127.0.0.1', port: 0, env, log: () => {} });
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  dir.cleanup();
});

/** Checks the page with axe (serious and critical findings are kept) and screenshots it at 1280 and 768 px. */
async function look(page: Page, name: string): Promise<void> {
  for (const width of [1280, 768]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  const result = await new AxeBuilder({ page }).analyze();
  for (const v of result.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
    axeFindings.push(`${name}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
  pagesChecked.add(name);
}

async function signIn(email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${server!.url}/login`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${server!.url}/`);
  return page;
}

describe('the review in a browser', () => {
  it('the team adds a reviewer and an approver', async () => {
    const page = await signIn('sam@migrations.example', teamPassword);
    await look(page, 'overview-team');
    await page.getByRole('link', { name: 'Users' }).click();
    for (const [email, role] of [['jo@harbour.example', 'reviewer'], ['kim@harbour.example', 'approver']] as const) {
      await page.getByLabel('E-mail').fill(email);
      await page.getByLabel('Role').selectOption(role);
      await page.getByRole('button', { name: 'Add user' }).click();
      passwords.set(email, (await page.locator('#new-password').textContent())!);
    }
    await look(page, 'users');
    expect(await page.locator('table tbody tr td:first-child').allTextContents()).toEqual(['jo@harbour.example', 'kim@harbour.example', 'sam@migrations.example']);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${server!.url}/login`);
    await look(page, 'login');
  });

  it('the overview shows the plan around go-live as a timeline, each milestone where it stands', async () => {
    const page = await signIn('jo@harbour.example', passwords.get('jo@harbour.example')!);
    await expect.poll(() => page.getByRole('heading', { name: 'The plan around go-live' }).count()).toBe(1);
    const milestones = await page.locator('.timeline li').allTextContents();
    expect(milestones).toHaveLength(10);
    expect(milestones[0]).toMatch(/^J-14 \d{4}-\d\d-\d\d Data delivered: done \(snapshot [0-9a-f]{12}/);
    expect(milestones.find((m) => m.includes('Test migration'))).toMatch(/Test migration: done \(run 1/);
    expect(milestones.find((m) => m.includes('Customer review and sign-off'))).toContain(': to come');
    expect(await page.getByText(`Go-live (day J) is ${goLive}, in 10 days (Europe/London).`).count()).toBe(1);
    await look(page, 'overview-plan');
  });

  it('the reviewer enters the checklist\'s figures, a wrong one refused with its reason', async () => {
    const page = await signIn('jo@harbour.example', passwords.get('jo@harbour.example')!);
    await look(page, 'overview');
    await page.getByRole('link', { name: 'Pre-migration checklist' }).click();
    await page.getByLabel(`${asked[0]!.ref} ${asked[0]!.label}`).fill('about a thousand');
    await page.locator(`#line-${asked[0]!.ref}`).getByRole('button', { name: 'Save' }).click();
    expect(await page.getByRole('alert').textContent()).toContain(`${asked[0]!.ref} (${asked[0]!.label}): `);
    await look(page, 'checklist-problem');
    for (const line of asked) {
      await page.getByLabel(`${line.ref} ${line.label}`).fill(line.delivered);
      await page.locator(`#line-${line.ref}`).getByRole('button', { name: 'Save' }).click();
      expect(await page.getByRole('status').textContent()).toBe(`Your figure for ${line.ref} is recorded.`);
    }
    await look(page, 'checklist');
    expect(await page.locator('td.status-awaiting').count()).toBe(0);
    await page.close();
  });

  it('the reviewer finds a record by its legacy reference and by a misspelt name, and raises a query on it', async () => {
    const page = await signIn('jo@harbour.example', passwords.get('jo@harbour.example')!);
    await page.getByRole('link', { name: 'Records' }).click();
    await page.getByLabel('Reference, name, postcode or e-mail').fill('P0000025');
    await page.getByRole('button', { name: 'Find' }).click();
    const byReference = page.locator('#hits tbody tr').first();
    expect(await byReference.locator('td').nth(2).textContent()).toBe('P0000025');
    const name = (await byReference.locator('td').first().textContent())!;
    await look(page, 'records-search');
    // a slip of the keyboard: two letters of the surname swapped
    const [first, surname] = name.split(' ') as [string, string];
    const misspelt = `${first} ${surname.slice(0, 1)}${surname.slice(2, 3)}${surname.slice(1, 2)}${surname.slice(3)}`;
    expect(misspelt).not.toBe(name);
    await page.getByLabel('Reference, name, postcode or e-mail').fill(misspelt);
    await page.getByRole('button', { name: 'Find' }).click();
    expect(await page.locator('#hits tbody tr td:nth-child(3)').allTextContents()).toContain('P0000025');
    await page.locator('#hits').getByRole('link', { name }).first().click();
    await page.waitForURL(/\/records\/person\/P0000025$/);
    expect(await page.locator('#new-system + table tbody tr').count()).toBeGreaterThan(3);
    await look(page, 'record');
    await page.getByLabel('Raise a query on this record').fill('Her surname is spelt differently on the tenancy agreement: which is right?');
    await page.getByRole('button', { name: 'Raise the query' }).click();
    await page.waitForURL(/\/queries#query-1$/);
    expect(await page.locator('#query-1 p').first().textContent()).toBe('open: waits for the migration team · run 1');
    await page.close();
  });

  it('the team answers, the reviewer resolves', async () => {
    const team = await signIn('sam@migrations.example', teamPassword);
    await team.getByRole('link', { name: 'Queries' }).click();
    await team.getByLabel('Your answer').fill('The spelling in the legacy system is the one on the agreement; both are the same person.');
    await team.getByRole('button', { name: 'Answer query 1' }).click();
    await team.waitForURL(/\/queries#query-1$/);
    await look(team, 'queries-team');
    const reviewer = await signIn('jo@harbour.example', passwords.get('jo@harbour.example')!);
    await reviewer.getByRole('link', { name: 'Queries' }).click();
    expect(await reviewer.locator('#query-1 p').first().textContent()).toBe('answered: waits for the reviewer · run 1');
    await reviewer.getByRole('button', { name: 'Resolve query 1' }).click();
    await reviewer.waitForURL(/\/queries#query-1$/);
    expect(await reviewer.locator('#query-1 ol li').allTextContents()).toEqual([
      expect.stringMatching(/^jo@harbour\.example raised on .* UTC: Her surname/),
      expect.stringMatching(/^sam@migrations\.example answered on .* UTC: The spelling/),
      expect.stringMatching(/^jo@harbour\.example resolved on .* UTC$/),
    ]);
    await look(reviewer, 'queries');
    for (const [path, name] of [['/money', 'money'], ['/not-imported', 'not-imported'], ['/live', 'live']] as const) {
      await reviewer.goto(`${server!.url}${path}`);
      await look(reviewer, name);
    }
    // the live page's script fills the table from the progress rows
    await reviewer.goto(`${server!.url}/live`);
    // a locator, not a string evaluated in the page, which the app's content security policy forbids
    await reviewer.locator('#live-updated', { hasText: /^Updated/ }).waitFor();
    expect(await reviewer.locator('#live-status').textContent()).toBe('Run 1: succeeded');
    await look(reviewer, 'sign-off-reviewer');
  });

  it('the approver sees exactly what is signed and signs off', async () => {
    const page = await signIn('kim@harbour.example', passwords.get('kim@harbour.example')!);
    await page.getByRole('link', { name: 'Sign-off' }).click();
    const facts = await page.locator('dl.facts dd').allTextContents();
    expect(facts[0]).toBe('Run 1 (environment test, the embedded database)');
    expect(facts[1]).toMatch(/hash [0-9a-f]{64}$/);
    expect(facts[2]).toMatch(/^specs\/estate-agency\.yaml hash [0-9a-f]{64}$/);
    expect(await page.getByText('None: nothing stands in the way of signing off.').count()).toBe(1);
    await look(page, 'sign-off');
    await page.getByLabel('Your name and position, as you sign').fill('Kim Hart, lettings director');
    await page.getByRole('button', { name: 'Sign off run 1' }).click();
    await page.waitForURL(/\/sign-off\?done=1$/);
    expect(await page.getByRole('status').textContent()).toBe('Run 1 is signed off.');
    await look(page, 'signed-off');
  });

  it('finds no serious or critical accessibility problem on any page', () => {
    expect(pagesChecked.size).toBeGreaterThanOrEqual(15);
    expect(axeFindings).toEqual([]);
  });

  it('then the final run passes the gate, and the workbook shows the figures entered in the app', async () => {
    await server!.close();
    server = undefined;
    const saved = process.env['CUTOVER_SNAPSHOT_KEY'];
    process.env['CUTOVER_SNAPSHOT_KEY'] = demoSnapshotKey;
    try {
      const run = await cutover('run', '--env', 'production', '--project', dir.path);
      expect([run.code, run.stdout]).toEqual([0, expect.stringContaining('Run 2 succeeded')]);
    } finally {
      if (saved === undefined) delete process.env['CUTOVER_SNAPSHOT_KEY'];
      else process.env['CUTOVER_SNAPSHOT_KEY'] = saved;
    }
    const xlsx = await inSession(dir.path, async (s) => (await writeReviewWorkbook(s, await reconcile(s, { run: '1' }))).xlsx, { env });
    const figures = (await readReviewWorkbook(xlsx)).figures.filter((f) => asked.some((l) => l.ref === f.ref));
    expect(figures.map((f) => [f.ref, f.figure])).toEqual(asked.map((l) => [l.ref, l.delivered]));
  });
});

describe('deciding duplicates in a browser', () => {
  it('the reviewer merges one pair and keeps another apart on the duplicates page, and dedup holds both decisions', async () => {
    // after go-live's test: a dedup section drafted from the data, with a low review threshold so that pairs wait for a person
    await inSession(dir.path, (s) => suggestDedup(s, { entity: 'person', write: 'specs/estate-agency.yaml' }), { env });
    const file = join(dir.path, 'specs', 'estate-agency.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/review_at: 0\.7\b/, 'review_at: 0.2'));
    const toReview = (await inSession(dir.path, (s) => dedup(s), { env })).pairs.filter((p) => p.decision === 'review');
    expect(toReview.length).toBe(2);
    const [merge, apart] = toReview as [typeof toReview[number], typeof toReview[number]];
    server = await serveReviewApp({ project: dir.path, host: '127.0.0.1', port: 0, env, log: () => {} });
    const page = await signIn('jo@harbour.example', passwords.get('jo@harbour.example')!);
    await page.getByRole('link', { name: 'Duplicates' }).click();
    expect(await page.locator('#review-pairs tbody tr').count()).toBe(2);
    await look(page, 'duplicates');
    await page.getByRole('button', { name: `Merge ${merge.a} and ${merge.b}` }).click();
    await page.waitForURL(/\/dedup\?done=accept/);
    expect(await page.getByRole('status').textContent()).toBe('Saved: the two records are merged from now on.');
    await page.getByRole('button', { name: `Keep ${apart.a} and ${apart.b} apart` }).click();
    await page.waitForURL(/\/dedup\?done=reject/);
    expect(await page.getByText('No pair is waiting for a decision.').count()).toBe(1);
    expect(await page.locator('#decided-pairs tbody tr td:nth-child(1)').allTextContents()).toEqual(expect.arrayContaining([`${merge.a}${merge.b}`, `${apart.a}${apart.b}`]));
    await look(page, 'duplicates-decided');
    await server.close();
    server = undefined;
    const after = await inSession(dir.path, (s) => dedup(s), { env });
    const decisionOf = (p: { a: string; b: string }) => after.pairs.find((x) => x.a === p.a && x.b === p.b)?.decision;
    expect([decisionOf(merge), decisionOf(apart)]).toEqual(['accepted', 'rejected']);
    expect(after.clusters.some((c) => c.members.includes(merge.a) && c.members.includes(merge.b))).toBe(true);
    expect(axeFindings).toEqual([]);
  }, 180_000);
});
