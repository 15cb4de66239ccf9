import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { Child } from 'hono/jsx';
import { isCutoverError, type CutoverError } from '../core/cutover-error.js';
import {
  actingAs, addUser, answerQuery, migrate, findRecords, listFigures, listQueries, listRejects, listUsers, moneyBalances, projectStatus, raiseQuery, reconcile, recordDetail,
  recordDownload, removeUser, reopenQuery, resolveQuery, reviewOverview, runProgress, sameToken, sessionOf, setFigure, signIn, signOff, signOut, standingSignOff,
  writeRejectLists, type ProjectSession, type UserRole,
} from '../pipeline/index.js';
import { signOffRefusals, verdictWords } from '../core/reconcile/index.js';
import { appCss, appJs } from './assets.js';
import { cookieOf, dropCookie, loginCookie, sessionCookie, setPrivateCookie } from './cookies.js';
import { BarePage, Page } from './layout.js';
import { loginLimit, type LoginLimit } from './login-limit.js';
import { ChecklistPage } from './pages/checklist-page.js';
import { LoginPage } from './pages/login-page.js';
import { NotImportedPage, type NotImportedView } from './pages/not-imported-page.js';
import { LivePage } from './pages/live-page.js';
import { MoneyPage } from './pages/money-page.js';
import { OverviewPage } from './pages/overview-page.js';
import { QueriesPage } from './pages/queries-page.js';
import { RecordPage, RecordSearchPage } from './pages/records-page.js';
import { SignOffPage } from './pages/signoff-page.js';
import { UsersPage } from './pages/users-page.js';
import type { WebEnv } from './web-env.js';

/** What the review app is built from. */
export interface ReviewAppOptions {
  /** the project, opened once for the app's life; each request borrows it for its user */
  readonly session: ProjectSession;
  /** one line per request: method, path (no query), status, time; never anyone's data */
  readonly log?: (line: string) => void;
  readonly limit?: LoginLimit;
  /** the wall clock of the login limit, in milliseconds */
  readonly now?: () => number;
}

const sessionSeconds = 10 * 3600;
const perPage = 50;

const everyone: readonly UserRole[] = ['team', 'reviewer', 'approver'];

/** The client's address, when the request came over a socket (not in tests that call the app in process). */
function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}

const field = (body: Record<string, unknown>, name: string): string => {
  const v = body[name];
  return typeof v === 'string' ? v : '';
};

/**
 * The review app: server-rendered pages over the library, for the customer's reviewers
 * and approvers and the migration team. Every route but the login needs a session; every
 * form carries the session's token and must come from the app's own origin.
 */
export function createReviewApp(o: ReviewAppOptions): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const limit = o.limit ?? loginLimit();
  const now = o.now ?? Date.now;
  const log = o.log ?? (() => {});

  app.use(async (c, next) => {
    const started = Date.now();
    await next();
    log(`${c.req.method} ${c.req.path} ${c.res.status} ${Date.now() - started}ms`);
  });
  app.use(secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'"], connectSrc: ["'self'"],
      formAction: ["'self'"], frameAncestors: ["'none'"], baseUri: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
    strictTransportSecurity: false,
  }));
  app.use(async (c, next) => {
    await next();
    if (!c.req.path.startsWith('/static/')) c.header('Cache-Control', 'no-store');
  });
  // a form from another site is refused by its Origin (or Sec-Fetch-Site) before anything else
  app.use(csrf());

  app.get('/static/app.css', (c) => c.body(appCss, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=300' }));
  app.get('/static/app.js', (c) => c.body(appJs, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=300' }));

  const loginForm = (c: Context, problem?: string, email?: string, status: 200 | 400 | 401 | 403 | 429 = 200) => {
    // one token per browser: a second tab or a stray request to /login must not void the first form
    const kept = cookieOf(c, loginCookie);
    const token = /^[\w-]{32}$/.test(kept) ? kept : randomBytes(24).toString('base64url');
    setPrivateCookie(c, loginCookie, token, 3600);
    return c.html(<LoginPage token={token} {...(problem ? { problem } : {})} {...(email ? { email } : {})} />, status);
  };

  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/login', (c) => loginForm(c));
  app.post('/login', async (c) => {
    const body = await c.req.parseBody();
    const token = cookieOf(c, loginCookie);
    if (token === '' || !sameToken(field(body, '_csrf'), token)) return loginForm(c, 'The form had expired: sign in again.', undefined, 403);
    const email = field(body, 'email').trim().toLowerCase();
    const keys = [`email ${email}`, `address ${clientAddress(c)}`];
    if (!limit.allows(keys, now())) return loginForm(c, 'Too many wrong passwords in the last minute: wait a minute, then try again.', email, 429);
    const signedIn = await signIn(o.session, { email, password: field(body, 'password') });
    if (!signedIn) {
      limit.failed(keys, now());
      return loginForm(c, 'That e-mail and password do not match: try again, or ask the migration team for a new password.', email, 401);
    }
    dropCookie(c, loginCookie);
    setPrivateCookie(c, sessionCookie, signedIn.token, sessionSeconds);
    return c.redirect('/', 303);
  });

  // everything below needs a session: without one, to the login
  app.use(async (c, next) => {
    const token = cookieOf(c, sessionCookie);
    const found = await sessionOf(o.session, token);
    if (!found) return c.redirect('/login', 303);
    c.set('user', found.user);
    c.set('csrf', found.csrfToken);
    c.set('token', token);
    c.set('project', actingAs(o.session, found.user.email));
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const body = await c.req.parseBody();
      if (!sameToken(field(body, '_csrf'), found.csrfToken)) return c.html(<BarePage title="Form refused"><p>The form did not carry its token, so it was refused. Go back, reload the page and try again.</p><p><a href="/">To the overview</a></p></BarePage>, 403);
    }
    await next();
  });

  app.post('/logout', async (c) => {
    await signOut(o.session, c.get('token'));
    dropCookie(c, sessionCookie);
    return c.redirect('/login', 303);
  });

  const only = (...roles: UserRole[]): MiddlewareHandler<WebEnv> => async (c, next) => {
    if (!roles.includes(c.get('user').role)) {
      return page(c, 'Not for your role', '', <p>This page or action is for the {roles.join(' or ')} only. <a href="/">Back to the overview</a></p>, 403);
    }
    await next();
  };
  const page = (c: Context<WebEnv>, title: string, current: string, body: Child, status: 200 | 400 | 403 | 404 | 409 = 200) =>
    c.html(<Page title={title} user={c.get('user')} csrf={c.get('csrf')} current={current}>{body}</Page>, status);
  const noRunYet = (c: Context<WebEnv>, title: string, current: string) => page(c, title, current, <p>No test migration has been run yet: the migration team will tell you when there is one to review.</p>);

  app.get('/', only(...everyone), async (c) => {
    const as = c.get('project');
    return page(c, 'Overview', '/', <OverviewPage status={await projectStatus(as)} review={await reviewOverview(as)} />);
  });

  const checklist = async (c: Context<WebEnv>, extra: { saved?: string; problem?: { ref: string; value: string; message: string } }, status: 200 | 400 = 200) => {
    const figures = await listFigures(c.get('project')).catch((e: unknown) => (isCutoverError(e, 'run_missing') ? undefined : Promise.reject(e)));
    if (!figures) return noRunYet(c, 'Pre-migration checklist', '/checklist');
    return page(c, 'Pre-migration checklist', '/checklist', <ChecklistPage figures={figures} csrf={c.get('csrf')} canEnter={true} canQuery={c.get('user').role !== 'team'} {...extra} />, status);
  };
  app.get('/checklist', only(...everyone), (c) => checklist(c, c.req.query('saved') ? { saved: c.req.query('saved')! } : {}));
  app.post('/checklist', only(...everyone), async (c) => {
    const body = await c.req.parseBody();
    const ref = field(body, 'ref');
    const value = field(body, 'value');
    try {
      const done = await setFigure(c.get('project'), { ref, value, by: c.get('user').email });
      return c.redirect(`/checklist?saved=${encodeURIComponent(done.ref)}#line-${encodeURIComponent(done.ref)}`, 303);
    } catch (e) {
      if (isCutoverError(e, 'figure_invalid') || isCutoverError(e, 'checklist_ref_unknown')) return checklist(c, { problem: { ref, value, message: e.message } }, 400);
      throw e;
    }
  });

  app.get('/not-imported', only(...everyone), async (c) => {
    const listed = await listRejects(c.get('project'), c.req.query('run')).catch((e: unknown) => (isCutoverError(e, 'run_missing') ? undefined : Promise.reject(e)));
    if (!listed) return noRunYet(c, 'Not imported', '/not-imported');
    const entity = c.req.query('entity') ?? '';
    const reason = c.req.query('reason') ?? '';
    const matching = listed.rows.filter((r) => (entity === '' || r.entity === entity) && (reason === '' || r.reason === reason));
    const pages = Math.ceil(matching.length / perPage);
    const pageNo = Math.min(Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1), Math.max(pages, 1));
    const view: NotImportedView = {
      runId: listed.runId, total: listed.rows.length, entity, reason, page: pageNo, pages, matching: matching.length,
      entities: [...new Set(listed.rows.map((r) => r.entity))], reasons: [...new Set(listed.rows.map((r) => r.reason))].sort(),
      rows: matching.slice((pageNo - 1) * perPage, pageNo * perPage),
    };
    return page(c, 'Not imported', '/not-imported', <NotImportedPage view={view} canQuery={c.get('user').role !== 'team'} />);
  });
  app.get('/not-imported/download', only(...everyone), async (c) => {
    const as = c.get('project');
    const dir = await mkdtemp(join(tmpdir(), 'cutover-download-'));
    try {
      const run = c.req.query('run');
      const written = await writeRejectLists(as, { ...(run ? { run } : {}), outDir: dir, shown: 0 });
      const bytes = await readFile(written.xlsx);
      await recordDownload(as, { what: 'rows not imported (XLSX)', run: written.runId, rows: written.count });
      return c.body(bytes, 200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="run-${written.runId}-not-imported.xlsx"`,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  const signOffPage = async (c: Context<WebEnv>, extra: { refused?: string; done?: boolean }, status: 200 | 409 = 200) => {
    const as = c.get('project');
    const r = await reconcile(as).catch((e: unknown) => (isCutoverError(e, 'run_missing') ? undefined : Promise.reject(e)));
    if (!r) return noRunYet(c, 'Sign-off', '/sign-off');
    const queries = await listQueries(as, { runId: r.runId });
    const openItems = signOffRefusals({ runId: r.runId, status: 'succeeded', answers: [], queries, reconciliation: r });
    return page(c, 'Sign-off', '/sign-off', (
      <SignOffPage r={r} verdict={verdictWords(r)} openItems={openItems} standing={await standingSignOff(as)} canSign={c.get('user').role === 'approver'} csrf={c.get('csrf')} {...extra} />
    ), status);
  };
  app.get('/sign-off', only(...everyone), (c) => signOffPage(c, { done: c.req.query('done') === '1' }));
  app.post('/sign-off', only('approver'), async (c) => {
    const body = await c.req.parseBody();
    try {
      await signOff(c.get('project'), { run: field(body, 'run'), by: field(body, 'by'), note: field(body, 'note') });
      return c.redirect('/sign-off?done=1', 303);
    } catch (e) {
      if (isCutoverError(e, 'signoff_refused') || isCutoverError(e, 'invalid_option')) return signOffPage(c, { refused: e.message }, 409);
      throw e;
    }
  });

  app.get('/money', only(...everyone), async (c) => {
    const money = await moneyBalances(c.get('project')).catch((e: unknown) => (isCutoverError(e, 'run_missing') ? undefined : Promise.reject(e)));
    return money ? page(c, 'Money', '/money', <MoneyPage money={money} />) : noRunYet(c, 'Money', '/money');
  });

  app.get('/records', only(...everyone), async (c) => {
    const text = (c.req.query('q') ?? '').trim();
    const hits = text === '' ? undefined : await findRecords(c.get('project'), { text, limit: 50 });
    return page(c, 'Records', '/records', <RecordSearchPage text={text} hits={hits} />);
  });
  app.get('/records/:entity/:key', only(...everyone), async (c) => {
    const as = c.get('project');
    const entity = c.req.param('entity');
    const key = c.req.param('key');
    const record = await recordDetail(as, { entity, key });
    if (!record) return page(c, 'Record not found', '/records', <p>There is no {entity} with the reference {key} in the run under review. <a href="/records">Search again</a></p>, 404);
    const queries = (await listQueries(as, { runId: record.runId })).filter((q) => q.on.kind === 'record' && q.on.ref === `${entity} ${key}`);
    return page(c, `${record.label || key} (${entity})`, '/records', <RecordPage record={record} queries={queries} csrf={c.get('csrf')} canRaise={c.get('user').role !== 'team'} />);
  });

  const queriesPage = async (c: Context<WebEnv>, extra: { raise?: { kind: string; ref: string }; problem?: string }, status: 200 | 400 = 200) =>
    page(c, 'Queries', '/queries', <QueriesPage queries={await listQueries(c.get('project'))} csrf={c.get('csrf')} role={c.get('user').role} {...extra} />, status);
  app.get('/queries', only(...everyone), (c) => queriesPage(c, {}));
  app.get('/queries/new', only('reviewer', 'approver'), (c) => queriesPage(c, { raise: { kind: c.req.query('kind') ?? 'record', ref: c.req.query('ref') ?? '' } }));
  const queryKinds = ['record', 'checklist', 'rejected'] as const;
  app.post('/queries', only('reviewer', 'approver'), async (c) => {
    const body = await c.req.parseBody();
    const kind = queryKinds.find((k) => k === field(body, 'kind')) ?? 'record';
    try {
      const q = await raiseQuery(c.get('project'), { on: { kind, ref: field(body, 'ref') }, text: field(body, 'text'), who: c.get('user').email });
      return c.redirect(`/queries#query-${q.id}`, 303);
    } catch (e) {
      if (isCutoverError(e, 'invalid_option')) return queriesPage(c, { problem: e.message, raise: { kind, ref: field(body, 'ref') } }, 400);
      throw e;
    }
  });
  const queryStep = (step: (as: ProjectSession, o: { queryId: number; text: string; who: string }) => Promise<unknown>) => async (c: Context<WebEnv>) => {
    const body = await c.req.parseBody();
    const queryId = Number(c.req.param('id'));
    try {
      await step(c.get('project'), { queryId, text: field(body, 'text'), who: c.get('user').email });
      return c.redirect(`/queries#query-${queryId}`, 303);
    } catch (e) {
      if (isCutoverError(e, 'invalid_option') || isCutoverError(e, 'query_closed') || isCutoverError(e, 'query_missing')) return queriesPage(c, { problem: e.message }, 400);
      throw e;
    }
  };
  app.post('/queries/:id/answer', only('team'), queryStep(answerQuery));
  app.post('/queries/:id/resolve', only('reviewer', 'approver'), queryStep((as, o) => resolveQuery(as, { queryId: o.queryId, who: o.who, ...(o.text.trim() ? { text: o.text } : {}) })));
  app.post('/queries/:id/reopen', only('reviewer', 'approver'), queryStep(reopenQuery));

  // a test migration the team starts from here runs in the server's own process: the server holds the project
  let running: { env: string } | undefined;
  const livePage = async (c: Context<WebEnv>, extra: { problem?: string } = {}, status: 200 | 409 = 200) => {
    const envs = (await projectStatus(c.get('project'))).environments.filter((e) => e.stage !== 'production' && e.live === undefined).map((e) => e.env);
    const canStart = c.get('user').role === 'team' ? envs : [];
    return page(c, 'Live run', '/live', <LivePage progress={await runProgress(c.get('project'))} environments={canStart} running={running?.env} csrf={c.get('csrf')} {...extra} />, status);
  };
  app.get('/live', only(...everyone), (c) => livePage(c));
  app.post('/live/run', only('team'), async (c) => {
    const body = await c.req.parseBody();
    const env = field(body, 'env');
    const allowed = (await projectStatus(c.get('project'))).environments.find((e) => e.env === env && e.stage !== 'production' && e.live === undefined);
    if (!allowed) return livePage(c, { problem: `The app runs test migrations only: "${env}" is not a test or pre-production environment of this project. Run the final migration with "cutover run".` }, 409);
    if (running) return livePage(c, { problem: `A migration into ${running.env} is running already: wait for it to finish.` }, 409);
    running = { env };
    const as = c.get('project');
    void migrate(as, { environment: env, fresh: true, resume: false })
      .catch((error: unknown) => log(`the test migration started from the app stopped (${isCutoverError(error) ? error.code : (error as Error).name})`))
      .finally(() => { running = undefined; });
    return c.redirect('/live', 303);
  });
  app.get('/live/progress', only(...everyone), async (c) => c.json(await runProgress(c.get('project'))));

  app.get('/users', only('team'), async (c) => page(c, 'Users', '/users', <UsersPage users={await listUsers(c.get('project'))} csrf={c.get('csrf')} self={c.get('user').email} />));
  app.post('/users', only('team'), async (c) => {
    const body = await c.req.parseBody();
    const as = c.get('project');
    try {
      const added = await addUser(as, { email: field(body, 'email'), role: field(body, 'role') });
      return page(c, 'Users', '/users', <UsersPage users={await listUsers(as)} csrf={c.get('csrf')} self={c.get('user').email} added={added} />);
    } catch (e) {
      if (isCutoverError(e, 'user_invalid') || isCutoverError(e, 'user_exists')) return page(c, 'Users', '/users', <UsersPage users={await listUsers(as)} csrf={c.get('csrf')} self={c.get('user').email} problem={e.message} />, 400);
      throw e;
    }
  });
  app.post('/users/remove', only('team'), async (c) => {
    const body = await c.req.parseBody();
    await removeUser(c.get('project'), field(body, 'email'));
    return c.redirect('/users', 303);
  });

  app.notFound((c) => c.html(<BarePage title="Not found"><p>There is no such page. <a href="/">To the overview</a></p></BarePage>, 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status === 403) {
      return c.html(<BarePage title="Form refused"><p>The form was sent from another site, so it was refused.</p><p><a href="/">To the overview</a></p></BarePage>, 403);
    }
    if (isCutoverError(error)) {
      return c.html(<BarePage title="That did not work"><p class="problem">{(error as CutoverError).message}</p><p><a href="/">To the overview</a></p></BarePage>, 400);
    }
    // the message may hold someone's data: the log gets only the kind of error
    log(`internal error (${error.name}) on ${c.req.method} ${c.req.path}`);
    return c.html(<BarePage title="Something went wrong"><p>The review app could not do that. The migration team can see the error in the server's log.</p></BarePage>, 500);
  });
  return app;
}
