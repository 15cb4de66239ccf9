import type { Context, MiddlewareHandler } from 'hono';
import type { Child } from 'hono/jsx';
import { isCutoverError } from '../core/cutover-error.js';
import type { UserRole } from '../pipeline/index.js';
import { Page } from './layout.js';
import type { WebEnv } from './web-env.js';

/** Every role: a page every signed-in user may see. */
export const everyone: readonly UserRole[] = ['team', 'reviewer', 'approver'];

/** A form field's text; '' when absent or a file. */
export const field = (body: Record<string, unknown>, name: string): string => {
  const v = body[name];
  return typeof v === 'string' ? v : '';
};

/** Passes a project without a run as undefined (the page then says so); any other error on. */
export const noRun = (e: unknown): Promise<undefined> => (isCutoverError(e, 'run_missing') ? Promise.resolve(undefined) : Promise.reject(e));

/** A whole page for the signed-in user. */
export const page = (c: Context<WebEnv>, title: string, current: string, body: Child, status: 200 | 400 | 403 | 404 | 409 = 200) =>
  c.html(<Page title={title} user={c.get('user')} csrf={c.get('csrf')} current={current}>{body}</Page>, status);

/** The page of a project that has no run yet. */
export const noRunYet = (c: Context<WebEnv>, title: string, current: string) =>
  page(c, title, current, <p>No test migration has been run yet: the migration team will tell you when there is one to review.</p>);

/** Lets the roles named through; anyone else gets 403. */
export const only = (...roles: readonly UserRole[]): MiddlewareHandler<WebEnv> => async (c, next) => {
  if (!roles.includes(c.get('user').role)) {
    return page(c, 'Not for your role', '', <p>This page or action is for the {roles.join(' or ')} only. <a href="/">Back to the overview</a></p>, 403);
  }
  await next();
};
