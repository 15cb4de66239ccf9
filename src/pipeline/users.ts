import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { CutoverError } from '../core/cutover-error.js';
import { appendAudit } from '../store/audit-log.js';
import {
  deleteSession, deleteUser, insertSession, insertUser, readSession, readUserCredentials, readUsers, type AppSession, type AppUser, type UserRole,
} from '../store/user-records.js';
import type { ProjectSession } from './project-session.js';

export type { AppSession, AppUser, UserRole } from '../store/user-records.js';

/** The roles of the review app, in the order they are offered. */
export const userRoles: readonly UserRole[] = ['team', 'reviewer', 'approver'];

// OWASP's floor for Argon2id: 19 MiB of memory, 2 iterations, one lane
const argon2id = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
/** How long a sign-in lasts: a working day. */
const sessionHours = 10;
const minimumPassword = 12;

const emailSchema = z.email();

/** An e-mail as the app keeps it: trimmed, small letters; refused when it is not an e-mail address. */
export function normalEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (!emailSchema.safeParse(e).success) throw new CutoverError('user_invalid', `"${email}" is not an e-mail address: a user signs in with their e-mail, for example jo.bloggs@example.com.`);
  return e;
}

const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A user added, with the password to hand over once (generated unless one was given). */
export interface AddedUser {
  readonly user: AppUser;
  readonly password: string;
  readonly generated: boolean;
}

/**
 * Adds a user of the review app with a role; the password is hashed with Argon2id and
 * never kept. Without a password one is made up, to be handed over once.
 * @example addUser(session, { email: 'jo@harbour.example', role: 'reviewer' })
 */
export async function addUser(session: ProjectSession, o: { readonly email: string; readonly role: string; readonly password?: string }): Promise<AddedUser> {
  const email = normalEmail(o.email);
  if (!userRoles.includes(o.role as UserRole)) throw new CutoverError('user_invalid', `"${o.role}" is not a role: give team, reviewer or approver.`);
  const generated = o.password === undefined;
  const password = o.password ?? randomBytes(18).toString('base64url');
  if (password.length < minimumPassword) throw new CutoverError('user_invalid', `The password for ${email} is ${password.length} characters long: give one of at least ${minimumPassword}.`);
  const passwordHash = await hash(password, argon2id);
  const { db } = await session.store();
  const at = session.clock();
  const user = await db.transaction(async (tx) => {
    if (!(await insertUser(tx, { email, role: o.role as UserRole, passwordHash, at, by: session.actor }))) {
      throw new CutoverError('user_exists', `There is a user ${email} already. To give them a new password or role, remove them first: "cutover users remove ${email}".`);
    }
    await appendAudit(tx, { at, actor: session.actor, action: 'user.added', subject: `user ${email}`, details: { role: o.role } }, await session.key());
    return (await readUserCredentials(tx, email))!.user;
  });
  return { user, password, generated };
}

/** Every user of the review app, by e-mail. */
export async function listUsers(session: ProjectSession): Promise<AppUser[]> {
  return readUsers((await session.store()).db);
}

/** Removes a user of the review app and signs out every browser of theirs. */
export async function removeUser(session: ProjectSession, email: string): Promise<void> {
  const e = email.trim().toLowerCase();
  const { db } = await session.store();
  await db.transaction(async (tx) => {
    if (!(await deleteUser(tx, e))) throw new CutoverError('user_missing', `There is no user ${email}. "cutover users list" shows the users there are.`);
    await appendAudit(tx, { at: session.clock(), actor: session.actor, action: 'user.removed', subject: `user ${e}`, details: {} }, await session.key());
  });
}

/** A browser signed in: the token for its cookie (kept only as a hash) and the user. */
export interface SignedIn {
  readonly token: string;
  readonly user: AppUser;
}

// a password is checked against this when the e-mail is unknown, so both take as long
let decoyHash: Promise<string> | undefined;

/**
 * Checks an e-mail and password and opens a session; undefined when either is wrong
 * (which of the two is not told). Both outcomes are in the audit log.
 */
export async function signIn(session: ProjectSession, o: { readonly email: string; readonly password: string }): Promise<SignedIn | undefined> {
  const email = o.email.trim().toLowerCase();
  const { db } = await session.store();
  const found = await readUserCredentials(db, email);
  const right = found
    ? await verify(found.passwordHash, o.password).catch(() => false)
    : (await verify(await (decoyHash ??= hash(randomBytes(16).toString('hex'), argon2id)), o.password).catch(() => false), false);
  const at = session.clock();
  if (!found || !right) {
    await appendAudit(db, { at, actor: email === '' ? 'unknown' : email, action: 'login.failed', subject: `user ${email}`, details: { known: found !== undefined } }, await session.key());
    return undefined;
  }
  const token = randomBytes(32).toString('base64url');
  await db.transaction(async (tx) => {
    await insertSession(tx, { tokenHash: tokenHash(token), email, csrfToken: randomBytes(32).toString('base64url'), at, expiresAt: new Date(at.getTime() + sessionHours * 3_600_000) });
    await appendAudit(tx, { at, actor: email, action: 'login', subject: `user ${email}`, details: {} }, await session.key());
  });
  return { token, user: found.user };
}

/** The session a cookie's token opens, while it lasts; undefined for an unknown, ended or expired one. */
export async function sessionOf(session: ProjectSession, token: string): Promise<AppSession | undefined> {
  if (token === '') return undefined;
  return readSession((await session.store()).db, tokenHash(token), session.clock());
}

/** Ends a session: its cookie signs nobody in from now on. */
export async function signOut(session: ProjectSession, token: string): Promise<void> {
  const { db } = await session.store();
  await db.transaction(async (tx) => {
    const email = await deleteSession(tx, tokenHash(token));
    if (email !== undefined) await appendAudit(tx, { at: session.clock(), actor: email, action: 'logout', subject: `user ${email}`, details: {} }, await session.key());
  });
}

/** True when a form's token is the session's own (compared in constant time). */
export function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The same open project, for one person: every step called with it is recorded against
 * `who`. The review app holds one session for its life and lends it per signed-in user;
 * closing the loan closes nothing.
 */
export function actingAs(session: ProjectSession, who: string): ProjectSession {
  return {
    ...session,
    actor: who,
    async audit(action, subject, details) {
      await appendAudit((await session.store()).db, { at: session.clock(), actor: who, action, subject, details }, await session.key());
    },
    async close() {},
  };
}

/** Records that a user took a file of the project's data away (a download from the review app). */
export async function recordDownload(session: ProjectSession, o: { readonly what: string; readonly run: number; readonly rows: number }): Promise<void> {
  await session.audit('download', `run ${o.run}`, { what: o.what, rows: o.rows });
}
