/** The plan's table, beside the store's own in schema `cutover`: the tasks after go-live the team marked done. */
export const planSchemaSql = `
-- a task after go-live marked done: one written in plan:, or something the spec does not carry over
CREATE TABLE IF NOT EXISTS cutover.plan_task_done (
  task     text PRIMARY KEY,
  title    text NOT NULL,
  done_at  timestamptz NOT NULL,
  done_by  text NOT NULL,
  note     text
);
`;
