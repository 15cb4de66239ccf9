/**
 * The records of a run as the review app finds them, built once per run from its snapshot:
 * each source row's reference, label, postcode and e-mail; the words of its names with
 * their three-letter pieces, so a misspelt name is found without reading every row; and
 * which parent rows each row looks up, so a record's children are found by an index.
 */
export const recordIndexSchemaSql = `
CREATE TABLE IF NOT EXISTS cutover.record_index_run (
  run_id    bigint PRIMARY KEY REFERENCES cutover.run (id),
  built_at  timestamptz NOT NULL,
  records   bigint NOT NULL
);

CREATE TABLE IF NOT EXISTS cutover.record_index (
  run_id      bigint NOT NULL,
  n           bigint NOT NULL,
  entity      text NOT NULL,
  source_key  text,
  ref         text NOT NULL,
  ref_lower   text NOT NULL,
  line        bigint NOT NULL,
  label       text NOT NULL,
  postcode    text,
  email       text,
  PRIMARY KEY (run_id, n)
);
-- byte order: serves both a prefix search and its order, whatever the database's collation
CREATE INDEX IF NOT EXISTS record_index_by_ref_bytes ON cutover.record_index (run_id, ref_lower COLLATE "C");
CREATE INDEX IF NOT EXISTS record_index_by_entity ON cutover.record_index (run_id, entity, ref);
CREATE INDEX IF NOT EXISTS record_index_by_postcode_bytes ON cutover.record_index (run_id, postcode COLLATE "C");
CREATE INDEX IF NOT EXISTS record_index_by_email_bytes ON cutover.record_index (run_id, email COLLATE "C");

CREATE TABLE IF NOT EXISTS cutover.record_word (
  run_id  bigint NOT NULL,
  word    text NOT NULL,
  n       bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS record_word_by_word ON cutover.record_word (run_id, word);

CREATE TABLE IF NOT EXISTS cutover.record_word_gram (
  run_id  bigint NOT NULL,
  gram    text NOT NULL,
  word    text NOT NULL
);
CREATE INDEX IF NOT EXISTS record_word_gram_by_gram ON cutover.record_word_gram (run_id, gram);

CREATE TABLE IF NOT EXISTS cutover.record_link (
  run_id         bigint NOT NULL,
  parent_entity  text NOT NULL,
  parent_key     text NOT NULL,
  n              bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS record_link_by_parent ON cutover.record_link (run_id, parent_entity, parent_key);
`;
