import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { isCutoverError, type CutoverError } from '../core/cutover-error.js';
import type { ProjectSession } from '../pipeline/index.js';
import { appCss, appJs } from './assets.js';
import { registerDedupRoutes } from './dedup-routes.js';
import { BarePage } from './layout.js';
import { loginLimit, type LoginLimit } from './login-limit.js';
import { registerQueryRoutes } from './query-routes.js';
import { registerReviewRoutes } from './review-routes.js';
import { registerSignIn } from './sign-in-routes.js';
import { registerTeamRoutes } from './team-routes.js';
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

  registerSignIn(app, { session: o.session, limit, now });
  registerReviewRoutes(app);
  registerQueryRoutes(app);
  registerDedupRoutes(app);
  registerTeamRoutes(app, { log });

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
