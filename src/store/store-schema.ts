import { bookkeepingTablesSql, foldOldKeyMapSql } from './bookkeeping-schema.js';
import { userSchemaSql } from './user-schema.js';
import { querySchemaSql } from './query-schema.js';
import { recordIndexSchemaSql } from './record-index-schema.js';
import { planSchemaSql } from './plan-schema.js';
import { dedupSchemaSql } from './dedup-schema.js';

/** The workbench's own tables, in schema `cutover` of the project's embedded database. */
export const storeSchemaSql = `
CREATE SCHEMA IF NOT EXISTS cutover;

CREATE TABLE IF NOT EXISTS cutover.audit_event (
  seq        bigint PRIMARY KEY,
  at         timestamptz NOT NULL,
  actor      text NOT NULL,
  action     text NOT NULL,
  subject    text NOT NULL,
  details    text NOT NULL,
  prev_hash  text NOT NULL,
  hash       text NOT NULL
);

CREATE TABLE IF NOT EXISTS cutover.run (
  id             bigint PRIMARY KEY,
  env            text NOT NULL,
  target         text NOT NULL,
  snapshot_id    text NOT NULL,
  snapshot_hash  text NOT NULL,
  spec_file      text NOT NULL,
  spec_hash      text NOT NULL,
  started_at     timestamptz NOT NULL,
  finished_at    timestamptz,
  status         text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
  error          text
);

-- a run that loaded but rejected more rows than its spec allows needs attention
ALTER TABLE cutover.run DROP CONSTRAINT IF EXISTS run_status_check;
ALTER TABLE cutover.run ADD CONSTRAINT run_status_check CHECK (status IN ('running', 'succeeded', 'needs_attention', 'failed'));

-- the spec exactly as applied, so a run's protocol can be shown later
ALTER TABLE cutover.run ADD COLUMN IF NOT EXISTS spec_files text;

CREATE TABLE IF NOT EXISTS cutover.run_entity (
  run_id       bigint NOT NULL REFERENCES cutover.run (id),
  entity       text NOT NULL,
  position     int NOT NULL,
  source_file  text NOT NULL,
  target_table text NOT NULL,
  source       bigint NOT NULL,
  loaded       bigint NOT NULL,
  rejected     bigint NOT NULL,
  excluded     bigint NOT NULL,
  merged       bigint NOT NULL,
  seconds      numeric NOT NULL,
  PRIMARY KEY (run_id, entity)
);

-- per environment: whether a production run made it live, and which
CREATE TABLE IF NOT EXISTS cutover.environment_state (
  env          text PRIMARY KEY,
  live_run_id  bigint REFERENCES cutover.run (id),
  live_at      timestamptz,
  target       text NOT NULL
);

${foldOldKeyMapSql}
${bookkeepingTablesSql('cutover')}

CREATE TABLE IF NOT EXISTS cutover.money_check (
  run_id            bigint NOT NULL REFERENCES cutover.run (id),
  entity            text NOT NULL,
  field             text NOT NULL,
  grp               text NOT NULL,
  source_rows       bigint NOT NULL,
  source_total      numeric NOT NULL,
  not_loaded_total  numeric NOT NULL,
  target_total      numeric NOT NULL,
  unreadable_rows   bigint NOT NULL,
  PRIMARY KEY (run_id, entity, field, grp)
);

-- each intake check of a snapshot: its problems that must be fixed, per file and kind
CREATE TABLE IF NOT EXISTS cutover.intake_check (
  snapshot_id  text NOT NULL,
  checked_at   timestamptz NOT NULL,
  contract     text,
  errors       bigint NOT NULL,
  warnings     bigint NOT NULL,
  error_kinds  text NOT NULL
);

-- a freeze window before a final run: the legacy system must not change while it is on
CREATE TABLE IF NOT EXISTS cutover.freeze (
  env         text NOT NULL,
  since       timestamptz NOT NULL,
  started_by  text NOT NULL,
  note        text,
  ended_at    timestamptz,
  ended_by    text
);
-- where the audit log's head was handed out (a workbook, a sign-off): a shorter or re-chained log disagrees
CREATE TABLE IF NOT EXISTS cutover.audit_anchor (
  kind    text NOT NULL,
  ref     text NOT NULL,
  seq     bigint NOT NULL,
  mac     text NOT NULL,
  key_id  text NOT NULL,
  PRIMARY KEY (kind, ref)
);
${userSchemaSql}
${querySchemaSql}
${recordIndexSchemaSql}
${planSchemaSql}
${dedupSchemaSql}

-- a run is a full load or a gap migration; a gap names the snapshot it carried over from
ALTER TABLE cutover.run ADD COLUMN IF NOT EXISTS kind text NOT NULL DEFAULT 'full';
-- when the run's key map was dropped, a later run of its environment having succeeded (its ledger and books stay)
ALTER TABLE cutover.run ADD COLUMN IF NOT EXISTS key_map_dropped_at timestamptz;
ALTER TABLE cutover.run ADD COLUMN IF NOT EXISTS from_snapshot_id text;

-- a gap migration's own books per entity: the diff's rows and what became of each change
CREATE TABLE IF NOT EXISTS cutover.gap_entity (
  run_id       bigint NOT NULL REFERENCES cutover.run (id),
  entity       text NOT NULL,
  position     int NOT NULL,
  books        text NOT NULL,
  PRIMARY KEY (run_id, entity)
);
`;
