import type { Database } from '../connectors/database.js';

/** What a user may do in the review app: the migration team, the customer's reviewers, the customer's approvers. */
export type UserRole = 'team' | 'reviewer' | 'approver';

/** A user of the review app, without the password hash. */
export interface AppUser {
  readonly email: string;
  readonly role: UserRole;
  readonly addedAt: string;
  readonly addedBy: string;
}

/** A signed-in browser's session, found by the hash of its token. */
export interface AppSession {
  readonly user: AppUser;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

type UserRow = { email: string; role: UserRole; added_at: string; added_by: string };
const userColumns = `email, role, to_char(added_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS added_at, added_by`;
const userOf = (r: UserRow): AppUser => ({ email: r.email, role: r.role, addedAt: r.added_at, addedBy: r.added_by });

/** Adds a user; false when one of that e-mail is there already. */
export async function insertUser(db: Database, u: { email: string; role: UserRole; passwordHash: string; at: Date; by: string }): Promise<boolean> {
  const rows = await db.query(
    'INSERT INTO cutover.app_user (email, role, password_hash, added_at, added_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (email) DO NOTHING RETURNING email',
    [u.email, u.role, u.passwordHash, u.at.toISOString(), u.by],
  );
  return rows.length === 1;
}

/** Every user, by e-mail. */
export async function readUsers(db: Database): Promise<AppUser[]> {
  return (await db.query<UserRow>(`SELECT ${userColumns} FROM cutover.app_user ORDER BY email`)).map(userOf);
}

/** One user with the hash to check a password against; undefined when there is none of that e-mail. */
export async function readUserCredentials(db: Database, email: string): Promise<{ user: AppUser; passwordHash: string } | undefined> {
  const [row] = await db.query<UserRow & { password_hash: string }>(`SELECT ${userColumns}, password_hash FROM cutover.app_user WHERE email = $1`, [email]);
  return row && { user: userOf(row), passwordHash: row.password_hash };
}

/** Removes a user and signs out every browser of theirs; false when there was none. */
export async function deleteUser(db: Database, email: string): Promise<boolean> {
  return (await db.query('DELETE FROM cutover.app_user WHERE email = $1 RETURNING email', [email])).length === 1;
}

/** Keeps a new session of a user. */
export async function insertSession(db: Database, s: { tokenHash: string; email: string; csrfToken: string; at: Date; expiresAt: Date }): Promise<void> {
  await db.query(
    'INSERT INTO cutover.app_session (token_hash, email, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
    [s.tokenHash, s.email, s.csrfToken, s.at.toISOString(), s.expiresAt.toISOString()],
  );
}

/** The session of a token's hash while it has not expired at `now`; expired ones are dropped on the way. */
export async function readSession(db: Database, tokenHash: string, now: Date): Promise<AppSession | undefined> {
  await db.query('DELETE FROM cutover.app_session WHERE expires_at <= $1', [now.toISOString()]);
  const [row] = await db.query<UserRow & { csrf_token: string; expires_at: string }>(
    `SELECT u.email, u.role, to_char(u.added_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS added_at, u.added_by, s.csrf_token,
            to_char(s.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS expires_at
       FROM cutover.app_session s JOIN cutover.app_user u ON u.email = s.email WHERE s.token_hash = $1`,
    [tokenHash],
  );
  return row && { user: userOf(row), csrfToken: row.csrf_token, expiresAt: row.expires_at };
}

/** Ends a session; the e-mail it belonged to, or undefined when it was not there. */
export async function deleteSession(db: Database, tokenHash: string): Promise<string | undefined> {
  const [row] = await db.query<{ email: string }>('DELETE FROM cutover.app_session WHERE token_hash = $1 RETURNING email', [tokenHash]);
  return row?.email;
}
