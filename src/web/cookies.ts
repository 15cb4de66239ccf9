import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/** The session cookie's name. */
export const sessionCookie = 'cutover_session';
/** The login form's token before anyone is signed in (checked against the form's own copy). */
export const loginCookie = 'cutover_login';

/** True when the browser reached the app over TLS, directly or through a proxy that says so. */
export function overTls(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

/** Sets a cookie the page's scripts cannot read, sent only to this site, and only over TLS when the app is reached so. */
export function setPrivateCookie(c: Context, name: string, value: string, maxAgeSeconds: number): void {
  setCookie(c, name, value, { httpOnly: true, sameSite: 'Lax', secure: overTls(c), path: '/', maxAge: maxAgeSeconds });
}

/** Drops a cookie set by `setPrivateCookie`. */
export function dropCookie(c: Context, name: string): void {
  deleteCookie(c, name, { path: '/', secure: overTls(c) });
}

/** A cookie's value, or '' when absent. */
export function cookieOf(c: Context, name: string): string {
  return getCookie(c, name) ?? '';
}
