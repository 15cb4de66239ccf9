import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { AppUser } from '../pipeline/index.js';

/** The pages of the app, in the customer's words, and who may see them. */
export const pages = [
  { path: '/', name: 'Overview', roles: ['team', 'reviewer', 'approver'] },
  { path: '/checklist', name: 'Pre-migration checklist', roles: ['team', 'reviewer', 'approver'] },
  { path: '/money', name: 'Money', roles: ['team', 'reviewer', 'approver'] },
  { path: '/records', name: 'Records', roles: ['team', 'reviewer', 'approver'] },
  { path: '/not-imported', name: 'Not imported', roles: ['team', 'reviewer', 'approver'] },
  { path: '/queries', name: 'Queries', roles: ['team', 'reviewer', 'approver'] },
  { path: '/dedup', name: 'Duplicates', roles: ['team', 'reviewer', 'approver'] },
  { path: '/sign-off', name: 'Sign-off', roles: ['team', 'reviewer', 'approver'] },
  { path: '/live', name: 'Live run', roles: ['team', 'reviewer', 'approver'] },
  { path: '/users', name: 'Users', roles: ['team'] },
] as const;

/** The hidden field that carries the session's form token. */
export function CsrfField(p: { token: string }) {
  return <input type="hidden" name="_csrf" value={p.token} />;
}

/** A whole page: the header with who is signed in and the sign-out button, the menu, the content. */
export function Page(p: { title: string; user: AppUser; csrf: string; current: string; children?: Child }) {
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en-GB">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${p.title} · Test migration review`}</title>
          <link rel="stylesheet" href="/static/app.css" />
          <script src="/static/app.js" defer></script>
        </head>
        <body>
          <a class="skip" href="#content">Skip to the content</a>
          <header class="top">
            <span class="brand">Test migration review</span>
            <span class="who">Signed in as {p.user.email} ({p.user.role})</span>
            <form class="inline" method="post" action="/logout">
              <CsrfField token={p.csrf} />
              <button type="submit">Sign out</button>
            </form>
          </header>
          <nav class="main" aria-label="Pages">
            <ul>
              {pages.filter((x) => (x.roles as readonly string[]).includes(p.user.role)).map((x) => (
                <li><a href={x.path} aria-current={x.path === p.current ? 'page' : undefined}>{x.name}</a></li>
              ))}
            </ul>
          </nav>
          <main id="content">
            <h1>{p.title}</h1>
            {p.children}
          </main>
        </body>
      </html>
    </>
  );
}

/** A page for someone not signed in: the login form and the errors. */
export function BarePage(p: { title: string; children?: Child }) {
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en-GB">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${p.title} · Test migration review`}</title>
          <link rel="stylesheet" href="/static/app.css" />
        </head>
        <body>
          <main id="content" class="login">
            <h1>{p.title}</h1>
            {p.children}
          </main>
        </body>
      </html>
    </>
  );
}
