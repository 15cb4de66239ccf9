import type { Context, Hono } from 'hono';
import { isCutoverError } from '../core/cutover-error.js';
import { answerQuery, listQueries, raiseQuery, reopenQuery, resolveQuery, type ProjectSession } from '../pipeline/index.js';
import { QueriesPage } from './pages/queries-page.js';
import { everyone, field, only, page } from './route-kit.js';
import type { WebEnv } from './web-env.js';

/** Queries: the reviewers raise, resolve and reopen; the team answers. */
export function registerQueryRoutes(app: Hono<WebEnv>): void {
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
      if (isCutoverError(e, 'invalid_option') || isCutoverError(e, 'checklist_ref_unknown')) return queriesPage(c, { problem: e.message, raise: { kind, ref: field(body, 'ref') } }, 400);
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

}
