import { quoteIdent } from '../connectors/database.js';

/**
 * The tables a run writes while it loads: the ledger, the key map and the checkpoints.
 * They live beside the target rows, in the same database, so one transaction holds a
 * batch of rows together with its bookkeeping: the store's schema `cutover` for an
 * embedded target, a schema of the target server's own for a real one.
 */
export function bookkeepingTablesSql(schema: string): string {
  const s = quoteIdent(schema);
  return `
CREATE TABLE IF NOT EXISTS ${s}.ledger_entry (
  run_id        bigint NOT NULL,
  entity        text NOT NULL,
  file          text NOT NULL,
  line          bigint NOT NULL,
  source_key    text,
  outcome       text NOT NULL CHECK (outcome IN ('rejected', 'excluded', 'merged')),
  reason        text NOT NULL,
  field         text,
  value         text,
  message       text NOT NULL,
  survivor_key  text
);
CREATE INDEX IF NOT EXISTS ledger_entry_by_line ON ${s}.ledger_entry (run_id, entity, line);

-- the key map of one batch as three parallel JSON arrays: a row per batch, not per
-- source row, kept as plain uncompressed text, which is several times cheaper to write
CREATE TABLE IF NOT EXISTS ${s}.key_map_batch (
  run_id       bigint NOT NULL,
  entity       text NOT NULL,
  file         text NOT NULL,
  first_line   bigint NOT NULL,
  lines        text NOT NULL,
  source_keys  text NOT NULL,
  target_ids   text NOT NULL
);
-- per row, the fingerprint of the values it was loaded with (16 characters each, run
-- together; dashes for a merged row): reconcile compares them with the target's
ALTER TABLE ${s}.key_map_batch ADD COLUMN IF NOT EXISTS fingerprints text;
ALTER TABLE ${s}.key_map_batch ALTER lines SET STORAGE EXTERNAL, ALTER source_keys SET STORAGE EXTERNAL, ALTER target_ids SET STORAGE EXTERNAL, ALTER fingerprints SET STORAGE EXTERNAL;
CREATE INDEX IF NOT EXISTS key_map_batch_by_run ON ${s}.key_map_batch (run_id, entity, first_line);

-- a run's checkpoint per entity, written with the rows it covers; also its progress
CREATE TABLE IF NOT EXISTS ${s}.run_progress (
  run_id      bigint NOT NULL,
  entity      text NOT NULL,
  rows_read   bigint NOT NULL,
  done        boolean NOT NULL,
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (run_id, entity)
);

-- per target table, at the start of a run into the new system's own schema: the rows
-- it held already and the block of ids taken from its sequence, so a resumed run
-- counts and numbers its rows as the first attempt did
CREATE TABLE IF NOT EXISTS ${s}.table_start (
  run_id       bigint NOT NULL,
  table_name   text NOT NULL,
  rows_before  bigint NOT NULL,
  first_id     bigint,
  ids          bigint NOT NULL,
  PRIMARY KEY (run_id, table_name)
);

-- a gap migration's changes, one row each, written with the target rows they touch:
-- what was done (inserted, updated, deleted, kept, marked, absent, rejected, excluded,
-- merged), to which target row, and why when it was not applied
CREATE TABLE IF NOT EXISTS ${s}.gap_change (
  run_id      bigint NOT NULL,
  entity      text NOT NULL,
  seq         bigint NOT NULL,
  action      text NOT NULL,
  source_key  text NOT NULL,
  line        bigint NOT NULL,
  target_id   bigint,
  reason      text,
  field       text,
  value       text,
  message     text,
  survivor_key text,
  PRIMARY KEY (run_id, entity, seq)
);
${keyMapViewSql(s)}`;
}

/** The key map one row per source row: which target row each source row became or was merged into. */
function keyMapViewSql(s: string): string {
  return `
CREATE OR REPLACE VIEW ${s}.key_map AS
  SELECT b.run_id, b.entity, m.source_key, m.target_id::bigint AS target_id, b.file, m.line::bigint AS line
  FROM ${s}.key_map_batch b,
    ROWS FROM (json_array_elements_text(b.source_keys::json), json_array_elements_text(b.target_ids::json), json_array_elements_text(b.lines::json))
      AS m (source_key, target_id, line);`;
}

/** Stores made before the key map was kept per batch had a table of one row per source row: fold it. */
export const foldOldKeyMapSql = `
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'cutover' AND tablename = 'key_map') THEN
    CREATE TABLE IF NOT EXISTS cutover.key_map_batch (run_id bigint NOT NULL, entity text NOT NULL, file text NOT NULL, first_line bigint NOT NULL, lines text NOT NULL, source_keys text NOT NULL, target_ids text NOT NULL);
    INSERT INTO cutover.key_map_batch (run_id, entity, file, first_line, lines, source_keys, target_ids)
      SELECT run_id, entity, min(file), min(line), json_agg(line ORDER BY line)::text, json_agg(source_key ORDER BY line)::text, json_agg(target_id ORDER BY line)::text
      FROM cutover.key_map GROUP BY run_id, entity;
    DROP TABLE cutover.key_map;
  END IF;
END $$;`;
