import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context, Hono } from 'hono';
import { isCutoverError } from '../core/cutover-error.js';
import { signOffRefusals, verdictWords } from '../core/reconcile/index.js';
import {
  findRecords, listFigures, listQueries, listRejects, moneyBalances, projectPlan, projectStatus, reconcile, recordDetail, recordDownload, reviewOverview, setFigure, signOff,
  standingSignOff, writeRejectLists,
} from '../pipeline/index.js';
import { ChecklistPage } from './pages/checklist-page.js';
import { MoneyPage } from './pages/money-page.js';
import { NotImportedPage, type NotImportedView } from './pages/not-imported-page.js';
import { OverviewPage } from './pages/overview-page.js';
import { RecordPage, RecordSearchPage } from './pages/records-page.js';
import { SignOffPage } from './pages/signoff-page.js';
import { everyone, field, noRun, noRunYet, only, page } from './route-kit.js';
import type { WebEnv } from './web-env.js';

const perPage = 50;

/** The review's pages: overview, checklist, not imported, sign-off, money, records. */
export function registerReviewRoutes(app: Hono<WebEnv>): void {
  app.get('/', only(...everyone), async (c) => {
    const as = c.get('project');
    // a project without a plan in cutover.yaml shows none
    const plan = await projectPlan(as).catch((error: unknown) => { if (isCutoverError(error, 'plan_missing')) return null; throw error; });
    return page(c, 'Overview', '/', <OverviewPage status={await projectStatus(as)} review={await reviewOverview(as)} plan={plan} />);
  });

  const checklist = async (c: Context<WebEnv>, extra: { saved?: string; problem?: { ref: string; value: string; message: string } }, status: 200 | 400 = 200) => {
    const figures = await listFigures(c.get('project')).catch(noRun);
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
    const listed = await listRejects(c.get('project'), c.req.query('run')).catch(noRun);
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
    const r = await reconcile(as).catch(noRun);
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
    const money = await moneyBalances(c.get('project')).catch(noRun);
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

}
