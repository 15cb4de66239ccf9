/**
 * The review's tables, beside the store's own in schema `cutover`: the workbooks written
 * for customers, the figures they gave from their current system, their answers, and
 * their sign-offs.
 */
export const reviewSchemaSql = `
-- a review workbook as written: what Cutover filled in, to know it again when it comes back
CREATE TABLE IF NOT EXISTS cutover.review_workbook (
  id             text PRIMARY KEY,
  run_id         bigint NOT NULL REFERENCES cutover.run (id),
  snapshot_hash  text NOT NULL,
  spec_hash      text NOT NULL,
  written_at     timestamptz NOT NULL,
  written_by     text NOT NULL,
  -- per sheet, a hash of the cells the customer may not change, and those of the small sheets
  locked_cells   text NOT NULL
);

-- the customer's figures from their current system, for the snapshot they describe
CREATE TABLE IF NOT EXISTS cutover.customer_figure (
  snapshot_hash  text NOT NULL,
  label          text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('count', 'money')),
  figure         numeric NOT NULL,
  run_id         bigint NOT NULL REFERENCES cutover.run (id),
  workbook_id    text NOT NULL REFERENCES cutover.review_workbook (id),
  entered_at     timestamptz NOT NULL,
  PRIMARY KEY (snapshot_hash, label)
);

-- the customer's answer to each check of a run's review: confirmed, or a query
CREATE TABLE IF NOT EXISTS cutover.review_answer (
  run_id       bigint NOT NULL REFERENCES cutover.run (id),
  ref          text NOT NULL,
  check_text   text NOT NULL,
  answer       text NOT NULL CHECK (answer IN ('confirmed', 'query')),
  comment      text,
  checked_by   text,
  workbook_id  text NOT NULL REFERENCES cutover.review_workbook (id),
  imported_at  timestamptz NOT NULL,
  PRIMARY KEY (run_id, ref)
);

-- every workbook that came back, whole or not at all
CREATE TABLE IF NOT EXISTS cutover.review_import (
  workbook_id  text NOT NULL REFERENCES cutover.review_workbook (id),
  run_id       bigint NOT NULL REFERENCES cutover.run (id),
  file         text NOT NULL,
  sha256       text NOT NULL,
  imported_at  timestamptz NOT NULL,
  imported_by  text NOT NULL,
  figures      int NOT NULL,
  answers      int NOT NULL,
  queries      int NOT NULL
);

-- a figure given on a call (cutover figures set) comes with no workbook, but with who gave it
ALTER TABLE cutover.customer_figure ALTER COLUMN workbook_id DROP NOT NULL;
ALTER TABLE cutover.customer_figure ADD COLUMN IF NOT EXISTS given_by text;

-- the customer's sign-off of a run, bound to its snapshot and spec; revoked, never deleted
CREATE TABLE IF NOT EXISTS cutover.signoff (
  id             bigint PRIMARY KEY,
  run_id         bigint NOT NULL REFERENCES cutover.run (id),
  snapshot_hash  text NOT NULL,
  spec_hash      text NOT NULL,
  signed_by      text NOT NULL,
  signed_at      timestamptz NOT NULL,
  recorded_by    text NOT NULL,
  note           text,
  verdict        text NOT NULL,
  unexplained    int NOT NULL,
  -- the review answers at that moment, as JSON
  answers        text NOT NULL,
  revoked_at     timestamptz,
  revoked_by     text,
  revoke_note    text,
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL) AND (revoked_at IS NULL) = (revoke_note IS NULL))
);
-- one standing sign-off per run
CREATE UNIQUE INDEX IF NOT EXISTS signoff_standing ON cutover.signoff (run_id) WHERE revoked_at IS NULL;
`;
