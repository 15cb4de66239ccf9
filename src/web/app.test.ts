import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, collect, dedup, dedupRulings, demoSnapshotKey, migrate, readAuditTrail, runDemo, suggestDedup, type ProjectSession } from '../pipeline/index.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession, testSession } from '../test-support/test-session.js';
import { createReviewApp } from './app.js';
import { loginLimit } from './login-limit.js';

// The review app called in process through Hono's request API, over a real demo project.
const dir = tempDir('cutover-web');
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
const origin = 'http://localhost';
const evil = '<script>alert(1)</script>';
const password = 'correct horse battery';
let session: ProjectSession;
let clockMs = Date.parse('2026-11-23T10:00:00Z');
let app: ReturnType<typeof createReviewApp>;
const logLines: string[] = [];

beforeAll(async () => {
  await inSession(dir.path, (s) => runDemo(s, { rows: 600, seed: 4, sampleChosen: true }), { env });
  // a legacy surname that is markup: loaded as a person, and once more in a row refused for its date (markup too)
  appendFileSync(join(dir.path, 'export', 'people.csv'), `P0009999,,Eve,${evil},eve@example.com,,2020-01-01,\r\nP0009998,,Mal,${evil},,,${evil},\r\n`);
  await inSession(dir.path, async (s) => {
    await collect(s);
    await migrate(s, { environment: 'test', fresh: true, resume: false });
  }, { env });
  session = testSession(dir.path, { env, clock: () => new Date(clockMs) });
  for (const [email, role] of [['team@cutover.example', 'team'], ['rev@customer.example', 'reviewer'], ['boss@customer.example', 'approver']] as const) {
    await addUser(session, { email, role, password });
  }
  app = createReviewApp({ session, log: (l) => logLines.push(l), limit: loginLimit(), now: () => clockMs });
}, 180_000);
afterAll(async () => {
  await session?.close();
  dir.cleanup();
});

/** A browser's cookie jar, as little of one as the app needs. */
class Browser {
  cookies = new Map<string, string>();
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await app.request(path, { ...init, headers });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = pair!.split('=');
      if (/Max-Age=0/i.test(c)) this.cookies.delete(k!);
      else this.cookies.set(k!, v!);
    }
    return res;
  }
  async post(path: string, form: Record<string, string>, o: { origin?: string } = {}): Promise<Response> {
    return this.request(path, { method: 'POST', body: new URLSearchParams(form), headers: { origin: o.origin ?? origin, 'content-type': 'application/x-www-form-urlencoded' } });
  }
  async csrf(path = '/'): Promise<string> {
    return /name="_csrf" value="([^"]+)"/.exec(await (await this.request(path)).text())![1]!;
  }
  async signIn(email: string, pw = password): Promise<Response> {
    const token = /name="_csrf" value="([^"]+)"/.exec(await (await this.request('/login')).text())![1]!;
    return this.post('/login', { _csrf: token, email, password: pw });
  }
}

const signedIn = async (email: string) => {
  const b = new Browser();
  expect((await b.signIn(email)).status).toBe(303);
  return b;
};

const pagesToRead = ['/', '/checklist', '/money', '/records', '/records?q=eve', '/not-imported', '/queries', '/sign-off', '/live', '/live/progress', '/users', '/not-imported/download', '/records/person/P0000001', '/dedup'];
const formsToPost = ['/live/run', '/checklist', '/sign-off', '/users', '/users/remove', '/queries', '/queries/1/answer', '/queries/1/resolve', '/queries/1/reopen', '/dedup/accept', '/dedup/split', '/logout'];

describe('the review app without a session', () => {
  it('sends every page and every form to the login', async () => {
    const b = new Browser();
    for (const path of pagesToRead) {
      const res = await b.request(path);
      expect([path, res.status, res.headers.get('location')]).toEqual([path, 303, '/login']);
    }
    const token = await b.csrf('/login');
    for (const path of formsToPost) {
      const res = await b.post(path, { _csrf: token });
      expect([path, res.status, res.headers.get('location')]).toEqual([path, 303, '/login']);
    }
  });

  it('answers with security headers: a CSP without inline script, no framing, no caching of pages', async () => {
    const res = await new Browser().request('/login');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('set-cookie')).toMatch(/^cutover_login=[^;]+; Max-Age=3600; Path=\/; HttpOnly; SameSite=Lax$/);
  });
});

describe('signing in', () => {
  it('gives an HttpOnly, SameSite=Lax session cookie, Secure when the app is reached over TLS', async () => {
    const b = new Browser();
    const res = await b.signIn('rev@customer.example');
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('cutover_session='))).toMatch(/^cutover_session=[\w-]{43}; Max-Age=36000; Path=\/; HttpOnly; SameSite=Lax$/);
    const tls = new Browser();
    const page = await tls.request('/login', { headers: { 'x-forwarded-proto': 'https' } });
    const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const over = await tls.request('/login', {
      method: 'POST', body: new URLSearchParams({ _csrf: token, email: 'rev@customer.example', password }),
      headers: { origin, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https' },
    });
    expect(over.headers.getSetCookie().find((c) => c.startsWith('cutover_session='))).toMatch(/; Secure; SameSite=Lax$/);
  });

  it('refuses the eleventh wrong password in a minute, even when it is the right one, and lets the user in a minute later', async () => {
    const b = new Browser();
    for (let i = 1; i <= 10; i++) expect((await b.signIn('boss@customer.example', `wrong password ${i}`)).status).toBe(401);
    const eleventh = await b.signIn('boss@customer.example');
    expect(eleventh.status).toBe(429);
    expect(await eleventh.text()).toContain('Too many wrong passwords in the last minute');
    expect(b.cookies.has('cutover_session')).toBe(false);
    clockMs += 61_000;
    expect((await b.signIn('boss@customer.example')).status).toBe(303);
  });

  it('ends the session on sign-out: the old cookie signs nobody in', async () => {
    const b = await signedIn('rev@customer.example');
    const cookie = b.cookies.get('cutover_session')!;
    expect((await b.request('/')).status).toBe(200);
    expect((await b.post('/logout', { _csrf: await b.csrf() })).headers.get('location')).toBe('/login');
    const old = new Browser();
    old.cookies.set('cutover_session', cookie);
    const res = await old.request('/');
    expect([res.status, res.headers.get('location')]).toEqual([303, '/login']);
  });
});

describe('roles and forms', () => {
  it('gives a reviewer 403 on the team\'s pages and actions, and on the approver\'s sign-off', async () => {
    const b = await signedIn('rev@customer.example');
    const token = await b.csrf();
    expect((await b.request('/users')).status).toBe(403);
    expect((await b.post('/users', { _csrf: token, email: 'x@customer.example', role: 'team' })).status).toBe(403);
    expect((await b.post('/users/remove', { _csrf: token, email: 'team@cutover.example' })).status).toBe(403);
    expect((await b.post('/queries/1/answer', { _csrf: token, text: 'answered by a reviewer' })).status).toBe(403);
    expect((await b.post('/sign-off', { _csrf: token, by: 'Rev', note: '' })).status).toBe(403);
    expect((await b.post('/live/run', { _csrf: token, env: 'test' })).status).toBe(403);
    const team = await signedIn('team@cutover.example');
    expect((await team.request('/users')).status).toBe(200);
  });

  it('refuses a form without its token, or with another session\'s, or from another origin, and changes nothing', async () => {
    const b = await signedIn('rev@customer.example');
    const other = await signedIn('boss@customer.example');
    const before = (await readAuditTrail(session)).events.length;
    expect((await b.post('/checklist', { ref: 'C1', value: '1' })).status).toBe(403);
    expect((await b.post('/checklist', { _csrf: await other.csrf(), ref: 'C1', value: '1' })).status).toBe(403);
    const foreign = await b.post('/checklist', { _csrf: await b.csrf(), ref: 'C1', value: '1' }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const login = new Browser();
    const token = /name="_csrf" value="([^"]+)"/.exec(await (await login.request('/login')).text())![1]!;
    expect((await login.post('/login', { _csrf: token, email: 'rev@customer.example', password }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await login.post('/login', { _csrf: 'forged', email: 'rev@customer.example', password })).status).toBe(403);
    expect((await readAuditTrail(session)).events.length).toBe(before);
  });

  it('shows a legacy surname that is markup as text, on every page that shows it', async () => {
    const b = await signedIn('rev@customer.example');
    const token = await b.csrf();
    const q = await b.post('/queries', { _csrf: token, kind: 'record', ref: `person P0009999`, text: `Is ${evil} right?` });
    expect(q.status).toBe(303);
    const pages = ['/records?q=P0009999', '/records/person/P0009999', '/queries', '/not-imported?entity=person'];
    for (const path of pages) {
      const html = await (await b.request(path)).text();
      expect([path, html.includes('&lt;script&gt;alert(1)&lt;/script&gt;')]).toEqual([path, true]);
      expect([path, /<script>alert/i.test(html)]).toEqual([path, false]);
    }
    // a figure typed as markup comes back in the form and the message as text
    const bad = await b.post('/checklist', { _csrf: token, ref: 'C1', value: evil });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('&lt;script&gt;');
    expect(/<script>alert/i.test(html)).toBe(false);
  });

  it('records every action against the user, and logs no one\'s data', async () => {
    const b = await signedIn('rev@customer.example');
    const figure = await b.post('/checklist', { _csrf: await b.csrf(), ref: 'C1', value: '600' });
    expect([figure.status, figure.headers.get('location')]).toEqual([303, '/checklist?saved=C1#line-C1']);
    const download = await b.request('/not-imported/download');
    expect(download.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect((await download.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    const events = (await readAuditTrail(session)).events;
    const mine = events.filter((e) => e.actor === 'rev@customer.example').map((e) => e.action);
    expect(mine).toEqual(expect.arrayContaining(['login', 'logout', 'query.raised', 'review.figure_set', 'rejects.written', 'download']));
    expect(events.filter((e) => e.action === 'login.failed').map((e) => e.actor)).toContain('boss@customer.example');
    expect(events.filter((e) => e.action === 'user.added').map((e) => e.subject)).toEqual(['user team@cutover.example', 'user rev@customer.example', 'user boss@customer.example']);
    // the time a request took may hold the digits looked for: only the rest of each line is searched
    const log = logLines.map((l) => l.replace(/ \d+ms$/, '')).join('\n');
    expect(logLines.length).toBeGreaterThan(20);
    for (const secret of ['@customer.example', 'eve', 'script', '600']) expect([secret, log.includes(secret)]).toEqual([secret, false]);
  });

  it('lets the team run the test migration again from the live page, and follows it there', async () => {
    const team = await signedIn('team@cutover.example');
    const token = await team.csrf('/live');
    const refused = await team.post('/live/run', { _csrf: token, env: 'production' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('The app runs test migrations only: &quot;production&quot; is not a test or pre-production environment of this project.');
    const started = await team.post('/live/run', { _csrf: token, env: 'test' });
    expect([started.status, started.headers.get('location')]).toEqual([303, '/live']);
    expect(await (await team.request('/live')).text()).not.toContain('Start the run');
    type Progress = { runId: number; status: string; entities: { entity: string; done: number; total: number }[] } | null;
    let progress = null as Progress;
    for (let i = 0; i < 600 && progress?.status !== 'succeeded'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      progress = await (await team.request('/live/progress')).json() as Progress;
    }
    // run 1 was the demo's, run 2 the one with the markup surname
    expect([progress!.runId, progress!.status]).toEqual([3, 'succeeded']);
    expect(progress!.entities.every((e) => e.done === e.total)).toBe(true);
    const runs = (await readAuditTrail(session)).events.filter((e) => e.action === 'run.started');
    expect(runs.at(-1)!.actor).toBe('team@cutover.example');
  });
});

describe('the duplicates page', () => {
  const reviewPairs = async () => (await dedup(session)).pairs.filter((p) => p.decision === 'review');

  beforeAll(async () => {
    // a dedup section drafted from the data, with a low review threshold so that pairs wait for a person
    await suggestDedup(session, { entity: 'person', write: 'specs/estate-agency.yaml' });
    const file = join(dir.path, 'specs', 'estate-agency.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/review_at: 0\.7\b/);
    writeFileSync(file, text.replace(/review_at: 0\.7\b/, 'review_at: 0.2'));
    // one pair to accept, one to reject
    expect((await reviewPairs()).length).toBe(2);
  }, 120_000);

  it('shows every role the pairs to review, each with both records\' values, how each field compared and its score', async () => {
    const [pair] = await reviewPairs();
    for (const email of ['team@cutover.example', 'rev@customer.example', 'boss@customer.example']) {
      const res = await (await signedIn(email)).request('/dedup');
      expect([email, res.status]).toEqual([email, 200]);
      const html = await res.text();
      expect(html).toContain('<a href="/dedup" aria-current="page">Duplicates</a>');
      expect(html).toContain(`<tr data-pair="${pair!.a} ${pair!.b}">`);
      expect(html).toContain(`<td class="num">${pair!.score.toFixed(3)}</td><td>to review</td>`);
      expect(html).toMatch(/<small class="level-(agree|close|differ|blank)">/);
      expect(html).toContain(`Merge ${pair!.a} and ${pair!.b}`);
    }
  });

  it('merges a pair a reviewer accepts, as "cutover dedup review accept" does, audited under the reviewer', async () => {
    const [pair] = await reviewPairs();
    const b = await signedIn('rev@customer.example');
    const res = await b.post('/dedup/accept', { _csrf: await b.csrf('/dedup'), entity: 'person', a: pair!.b, b: pair!.a });
    expect([res.status, res.headers.get('location')]).toEqual([303, '/dedup?done=accept&entity=person']);
    expect(await (await b.request('/dedup?done=accept&entity=person')).text()).toContain('Saved: the two records are merged from now on.');
    const [x, y] = [pair!.a, pair!.b].sort();
    expect((await dedupRulings(session)).rulings.find((r) => r.a === x && r.b === y)).toMatchObject({ ruling: 'accept', decidedBy: 'rev@customer.example' });
    expect((await dedup(session)).pairs.find((p) => p.a === pair!.a && p.b === pair!.b)!.decision).toBe('accepted');
    const event = (await readAuditTrail(session)).events.filter((e) => e.action === 'dedup.decided').at(-1)!;
    expect([event.actor, event.subject, event.details]).toEqual(['rev@customer.example', 'person', { action: 'accept', rulings: [{ a: pair!.b, b: pair!.a, ruling: 'accept' }] }]);
  });

  it('keeps apart a pair the approver rejects', async () => {
    const [pair] = await reviewPairs();
    const b = await signedIn('boss@customer.example');
    const res = await b.post('/dedup/reject', { _csrf: await b.csrf('/dedup'), entity: 'person', a: pair!.a, b: pair!.b });
    expect(res.status).toBe(303);
    expect((await dedup(session)).pairs.find((p) => p.a === pair!.a && p.b === pair!.b)!.decision).toBe('rejected');
    expect((await readAuditTrail(session)).events.filter((e) => e.action === 'dedup.decided').at(-1)!.actor).toBe('boss@customer.example');
  });

  it('forces two records together, then splits one out of its group again', async () => {
    const b = await signedIn('team@cutover.example');
    const forced = await b.post('/dedup/force', { _csrf: await b.csrf('/dedup'), entity: 'person', a: ' P0000001 ', b: 'P0000002' });
    expect(forced.status).toBe(303);
    const together = (await dedup(session)).clusters.find((c) => c.members.includes('P0000001'))!;
    expect(together.members).toContain('P0000002');
    const html = await (await b.request('/dedup')).text();
    expect(html).toContain(`Take P0000002 out of group ${together.id}`);
    const split = await b.post('/dedup/split', { _csrf: await b.csrf('/dedup'), entity: 'person', key: 'P0000002' });
    expect([split.status, split.headers.get('location')]).toEqual([303, '/dedup?done=split&entity=person']);
    expect((await dedup(session)).clusters.some((c) => c.members.includes('P0000002'))).toBe(false);
    const rulings = (await dedupRulings(session)).rulings.filter((r) => r.a === 'P0000001' && r.b === 'P0000002');
    expect(rulings.map((r) => r.ruling)).toEqual(['reject']);
  });

  it('says in words when a key is not in the snapshot, and decides nothing', async () => {
    const b = await signedIn('rev@customer.example');
    const before = (await dedupRulings(session)).rulings;
    const res = await b.post('/dedup/force', { _csrf: await b.csrf('/dedup'), entity: 'person', a: 'P0000001', b: `X${evil}` });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(`Entity &quot;person&quot; has no row with the key &quot;X&lt;script&gt;alert(1)&lt;/script&gt;&quot; in snapshot`);
    expect((await dedupRulings(session)).rulings).toEqual(before);
  });
});
