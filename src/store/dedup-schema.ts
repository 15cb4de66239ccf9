/**
 * Deduplication's tables, beside the store's own in schema `cutover`: what people decided
 * about pairs of rows, by source keys so it holds across snapshots, and the cluster each
 * row was last put in, so clusters keep their ids.
 */
export const dedupSchemaSql = `
-- a person's ruling on two rows of an entity, the keys in order (a < b)
CREATE TABLE IF NOT EXISTS cutover.dedup_ruling (
  entity      text NOT NULL,
  a           text NOT NULL,
  b           text NOT NULL,
  ruling      text NOT NULL CHECK (ruling IN ('accept', 'reject', 'force')),
  decided_by  text NOT NULL,
  decided_at  timestamptz NOT NULL,
  PRIMARY KEY (entity, a, b)
);

-- the cluster a row was last proposed in
CREATE TABLE IF NOT EXISTS cutover.dedup_member (
  entity      text NOT NULL,
  member      text NOT NULL,
  cluster_id  text NOT NULL,
  PRIMARY KEY (entity, member)
);
`;
