import { randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { actingAs, sameToken, sessionOf, signIn, signOut, type ProjectSession } from '../pipeline/index.js';
import { cookieOf, dropCookie, loginCookie, sessionCookie, setPrivateCookie } from './cookies.js';
import { BarePage } from './layout.js';
import type { LoginLimit } from './login-limit.js';
import { LoginPage } from './pages/login-page.js';
import { field } from './route-kit.js';
import type { WebEnv } from './web-env.js';

const sessionSeconds = 10 * 3600;

/** The client's address, when the request came over a socket (not in tests that call the app in process). */
function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}

/**
 * The login and logout, and the gate every later route sits behind: without a session, to
 * the login; a form without the session's token, refused.
 */
export function registerSignIn(app: Hono<WebEnv>, o: { readonly session: ProjectSession; readonly limit: LoginLimit; readonly now: () => number }): void {
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
    if (!o.limit.allows(keys, o.now())) return loginForm(c, 'Too many wrong passwords in the last minute: wait a minute, then try again.', email, 429);
    const signedIn = await signIn(o.session, { email, password: field(body, 'password') });
    if (!signedIn) {
      o.limit.failed(keys, o.now());
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

}
