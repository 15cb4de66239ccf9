/**
 * The review's queries: a thread per question a reviewer raises on a record, a checklist
 * line or a rejected row of a run, with every message in order. Threads are never deleted.
 */
export const querySchemaSql = `
CREATE TABLE IF NOT EXISTS cutover.review_query (
  id         bigint PRIMARY KEY,
  run_id     bigint NOT NULL REFERENCES cutover.run (id),
  on_kind    text NOT NULL CHECK (on_kind IN ('record', 'checklist', 'rejected')),
  on_ref     text NOT NULL,
  state      text NOT NULL CHECK (state IN ('open', 'answered', 'resolved')),
  raised_by  text NOT NULL,
  raised_at  timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS review_query_by_run ON cutover.review_query (run_id, state);

CREATE TABLE IF NOT EXISTS cutover.review_query_message (
  query_id  bigint NOT NULL REFERENCES cutover.review_query (id),
  seq       int NOT NULL,
  who       text NOT NULL,
  at        timestamptz NOT NULL,
  kind      text NOT NULL CHECK (kind IN ('raised', 'answer', 'resolved', 'reopened')),
  body      text NOT NULL,
  PRIMARY KEY (query_id, seq)
);
`;
