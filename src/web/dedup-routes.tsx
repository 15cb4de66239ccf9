import type { Context, Hono } from 'hono';
import { isCutoverError } from '../core/cutover-error.js';
import { decideDedup, dedup, type DedupDecision } from '../pipeline/index.js';
import { DedupPage } from './pages/dedup-page.js';
import { everyone, field, only, page } from './route-kit.js';
import type { WebEnv } from './web-env.js';

const doneWords = {
  accept: 'Saved: the two records are merged from now on.',
  reject: 'Saved: the two records are kept apart from now on.',
  force: 'Saved: the two records are forced together from now on.',
  split: 'Saved: the record is taken out of its group and kept apart from each other record of it.',
} as const;
const actions = Object.keys(doneWords) as (keyof typeof doneWords)[];

/**
 * Duplicates: the dedup proposal and its decisions, made through the same steps as
 * "cutover dedup review". Every role decides: the customer's reviewers know their own
 * people best and already check records here; each decision is audited under its user.
 */
export function registerDedupRoutes(app: Hono<WebEnv>): void {
  const dedupPage = async (c: Context<WebEnv>, entity: string, extra: { done?: string; problem?: string }, status: 200 | 400 = 200) => {
    try {
      const view = await dedup(c.get('project'), { values: true, ...(entity ? { entity } : {}) });
      return page(c, 'Duplicates', '/dedup', <DedupPage view={view} csrf={c.get('csrf')} {...extra} />, status);
    } catch (e) {
      if (isCutoverError(e, 'dedup_unset') || isCutoverError(e, 'snapshot_missing')) {
        return page(c, 'Duplicates', '/dedup', <p>Nothing to review yet: {e.message}</p>);
      }
      throw e;
    }
  };
  app.get('/dedup', only(...everyone), (c) => {
    const done = actions.find((a) => a === c.req.query('done'));
    return dedupPage(c, c.req.query('entity') ?? '', done ? { done: doneWords[done] } : {});
  });
  app.post('/dedup/:action', only(...everyone), async (c) => {
    const action = actions.find((a) => a === c.req.param('action'));
    if (action === undefined) return c.notFound();
    const body = await c.req.parseBody();
    const entity = field(body, 'entity');
    const decision: DedupDecision = action === 'split' ? { action, key: field(body, 'key').trim() } : { action, a: field(body, 'a').trim(), b: field(body, 'b').trim() };
    try {
      await decideDedup(c.get('project'), decision, entity ? { entity } : {});
      return c.redirect(`/dedup?done=${action}${entity ? `&entity=${encodeURIComponent(entity)}` : ''}`, 303);
    } catch (e) {
      if (isCutoverError(e, 'dedup_key_unknown') || isCutoverError(e, 'invalid_option')) return dedupPage(c, entity, { problem: e.message }, 400);
      throw e;
    }
  });
}
