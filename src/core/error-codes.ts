/**
 * Every code a CutoverError may carry. Codes are stable (tests, scripts and the check's
 * problem lists rely on them); messages may change. `error-codes.test.ts` fails on a code
 * thrown but not listed here, and on one listed but never thrown.
 */
export const errorCodes = [
  // the project and its configuration
  'not_a_project', // the project folder has no cutover.yaml
  'config_invalid', // cutover.yaml is not valid YAML, or holds keys or values it may not
  'project_busy', // another cutover command holds the project's lock
  'env_unknown', // cutover.yaml has no environment of the name given
  'env_unset', // the variable a database URL is read from is not set
  'invalid_option', // a command-line option's value is out of range
  'file_exists', // an output file is already there and --force was not given
  'disk_full', // a file cannot be written because its disk is full
  'outside_project', // a file cutover.yaml names lies outside the project folder, or links out of it

  // specs and contracts
  'spec_missing', // a spec file named in cutover.yaml cannot be read
  'spec_invalid', // a spec has problems (listed with their lines), or names a transform that does not exist
  'unknown_field', // a field is asked of an entity that does not have it
  'transform_options_invalid', // a transform is run with options its schema refuses
  'contract_missing', // the delivery contract file cannot be read
  'contract_invalid', // the delivery contract has problems, listed with their lines

  // delivered files and their readers
  'file_missing', // a file or path named is not there
  'file_unreadable', // a file cannot be read: no permission, a folder, or not the format its extension says
  'file_empty', // a file has no bytes, no header line or no records
  'file_kind', // a file's extension is not one Cutover reads
  'file_binary', // a file meant to be text holds binary data, or UTF-16 without its byte order mark
  'file_changed', // a file changed while it was being read or collected
  'file_not_sqlite', // a file named as an SQLite database is not one
  'csv_malformed', // a quoted CSV value is never closed
  'csv_header', // a CSV header has blank or repeated column names
  'line_too_long', // a CSV line or a JSON record is longer than the reader holds
  'json_syntax', // a JSON file is not well-formed JSON
  'json_shape', // a JSON file is not a list of records with field names for keys
  'json_encoding', // a JSON file is not UTF-8
  'sheet_missing', // a workbook lacks a sheet cutover.yaml names
  'xlsx_header', // a sheet's header row has blank or repeated names
  'xlsx_damaged', // a workbook's parts contradict each other, or cannot be inflated
  'xlsx_too_large', // a workbook part inflates past the reader's bounds (a ZIP bomb), or a cell holds more text than any real one

  // sources being collected
  'source_unknown', // cutover.yaml has no source of the name given
  'source_missing', // a source's delivery folder cannot be read, or a snapshot lacks the table an entity reads
  'source_empty', // a source's delivery folder has no file its include patterns match
  'table_twice', // two sources hold a table of the same name
  'source_url', // a source database URL cannot be read, or names no database Cutover reads
  'source_unreachable', // a source database server does not answer
  'source_refused', // a source database server refuses the login, or the URL names no database
  'source_read_failed', // reading rows from a source table fails
  'schema_missing', // a PostgreSQL source has no schema of the name given
  'table_missing', // a source, snapshot or spec names a table that is not there
  'column_missing', // a source table lacks the column to order its rows by

  // snapshots and their key
  'snapshot_missing', // the project has no snapshot of the id given, or none yet
  'snapshot_exists', // a sealed file is already there; snapshots are never overwritten
  'snapshot_write_failed', // a sealed file cannot be written
  'snapshot_unreadable', // a sealed file cannot be opened or decompressed, or is of a newer format
  'snapshot_tampered', // a snapshot or its manifest changed after it was collected
  'snapshot_truncated', // a sealed file was cut short
  'snapshot_key_wrong', // a sealed file was sealed with another key
  'key_missing', // the snapshot key variable is not set
  'key_invalid', // the snapshot key variable does not hold a 32-byte key
  'snapshots_unrelated', // two snapshots to compare were collected from different sources
  'key_column_missing', // a snapshot to compare lacks a key column of a table, under any of its names

  // the target and runs
  'target_url', // a target URL is not one Cutover can load
  'target_unreachable', // the target database server does not answer
  'target_busy', // another run, perhaps from another copy of the project, holds the environment in the target server
  'connection_lost', // the connection to a database server was lost during a command
  'target_schema', // the target's schema script cannot be read or run
  'target_mismatch', // the spec does not fit the target's tables, or a run loaded another target
  'env_loaded', // an environment already holds migrated data and --fresh was not given, or the new system's own schema holds an earlier run's rows
  'env_owned', // --fresh was asked of an environment in the new system's own schema, which is never wiped
  'env_live', // a run was asked of a live environment: a second full load would duplicate every record
  'run_missing', // the project has no run of the id given, or none yet
  'run_running', // a run to reconcile has not finished
  'resume_mismatch', // a run cannot carry on: its source has fewer rows than were loaded
  'cancelled', // a long operation was stopped through its signal
  'protocol_unavailable', // a run was made before runs kept their spec, so has no protocol
  'reconcile_unavailable', // a run was made before runs kept their spec, so cannot be reconciled
  'run_superseded', // a run to reconcile was followed by another into the same environment, which now holds that one's rows
  'key_map_dropped', // a command asked for the key map of a run a later successful run of its environment superseded, and it was dropped

  // review workbooks sent back
  'workbook_unreadable', // the file is not an Excel workbook that can be read
  'workbook_foreign', // the workbook was not written by Cutover
  'workbook_other_project', // the workbook was written by another project
  'workbook_other_run', // the workbook belongs to another run than the one named
  'workbook_invalid', // the workbook's answers have problems; nothing was imported
  'checklist_ref_unknown', // a figure is given for a ref that is not a line of the run's checklist, or asks for no figure
  'figure_invalid', // a figure given on the command line is not a number of the line's kind

  // sign-off
  'signoff_refused', // a run cannot be signed off yet; every reason is listed
  'gate_closed', // a final run was asked before the quality gate's conditions were met; every one is listed
  'signoff_missing', // a run to revoke the sign-off of has none that stands

  // the review app's users
  'user_invalid', // a user's e-mail, role or password is not one the review app takes
  'user_exists', // a user of that e-mail is there already
  'user_missing', // there is no user of that e-mail

  // the plan around go-live day J
  'plan_missing', // cutover.yaml has no plan: section
  'task_unknown', // a task marked done is not one of the plan's tasks after go-live

  // the sample project
  'sample_rows', // the sample's row count is out of range
  'sample_seed', // the sample's seed is not a whole number in range
  'sample_days', // the days after the first export is not a whole number in range
  'manifest_unreadable', // the defect manifest is not JSON
  'manifest_invalid', // the defect manifest lacks its seed, rows or defects

  // the review app's queries and records
  'query_missing', // a query of the number given is not in the project
  'query_closed', // a step a query's state does not allow: answering a resolved one, reopening an open one
  'record_missing', // a record asked for by entity and reference is not in the run
  // deduplication
  'dedup_unset', // an entity to deduplicate has no dedup section in the spec
  'dedup_block_too_large', // a blocking rule puts more rows in one block than max_block
  'dedup_key_unknown', // a review names a source key that is not a row of the entity
  // gap migrations
  'gap_unloaded', // a gap into an environment never loaded, or whose full load was stopped part-way
  'gap_from_mismatch', // a gap's --from is not the snapshot the environment holds (both named)
  'gap_applied', // the environment holds the later snapshot already: the gap was applied
  'gap_spec_changed', // a gap with another spec than the one the environment was loaded with
  'gap_unfinished', // another gap into the environment was stopped part-way and must be finished first
  'gap_blank_key', // the later snapshot has rows with a blank key the earlier did not
  'gap_dedup_refused', // a gap would join two records the new system holds apart, or split a merged one
  'erasure_list_invalid', // an erasure list has lines that are not entries of the kind it was imported as
  'audit_altered', // the audit log does not hold under the key: a rekey refuses to re-chain it
] as const;

/** A code a CutoverError may carry. */
export type ErrorCode = (typeof errorCodes)[number];

const known: ReadonlySet<string> = new Set(errorCodes);

/** True when `value`, such as a code received from a worker thread, is one of the error codes. */
export function isErrorCode(value: string): value is ErrorCode {
  return known.has(value);
}
