/** The review app's users and their signed-in sessions, in schema `cutover`. */
export const userSchemaSql = `
CREATE TABLE IF NOT EXISTS cutover.app_user (
  email          text PRIMARY KEY,
  role           text NOT NULL CHECK (role IN ('team', 'reviewer', 'approver')),
  password_hash  text NOT NULL,
  added_at       timestamptz NOT NULL,
  added_by       text NOT NULL
);

-- a signed-in browser: only the SHA-256 of its cookie's token is kept, so a copy of the store signs nobody in
CREATE TABLE IF NOT EXISTS cutover.app_session (
  token_hash   text PRIMARY KEY,
  email        text NOT NULL REFERENCES cutover.app_user (email) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL
);
`;
