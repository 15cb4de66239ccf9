/**
 * The review's tables, beside the store's own in schema `cutover`: the workbooks written
 * for customers, the figures they gave from their current system, and their answers.
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
`;
