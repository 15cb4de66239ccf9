import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { whyInWords, type LedgerEntry, type RejectedRow } from '../core/ledger.js';
import { displayKey } from '../core/mapping/index.js';
import { writeRejectsCsv, writeRejectsXlsx } from '../report/rejects-files.js';
import { readLedger } from '../store/ledger-records.js';
import { resolveRunId } from '../store/run-records.js';
import type { ProjectSession } from './project-session.js';
import { writeAside } from '../report/file-aside.js';
import { personalDataView, type PersonalDataView } from './personal-data.js';

/** A row as the team sees it: the value and the messages that quote it masked when its field is personal. */
function maskedRow(row: RejectedRow, view: PersonalDataView): RejectedRow {
  const mask = (text: string) => view.message(text, row.entity, row.field, [row.value]);
  return {
    ...row,
    value: row.value === null || row.field === null ? row.value : view.field(row.entity, row.field, row.value),
    why: mask(row.why),
    message: mask(row.message),
  };
}

/** A ledger entry in words for the customer. */
function rejectedRow(e: LedgerEntry): RejectedRow {
  return {
    entity: e.entity, file: e.file, line: e.line, reference: e.sourceKey === null ? '' : displayKey(e.sourceKey),
    outcome: e.outcome, reason: e.reason, why: whyInWords(e.outcome, e.reason, e.message), field: e.field, value: e.value, message: e.message,
  };
}

/** A run's rows that were not imported, entity by entity in load order and by line, streamed from the store. */
export async function* rejectedRows(session: ProjectSession, runId: number): AsyncGenerator<RejectedRow> {
  for await (const entry of readLedger((await session.store()).db, runId)) yield rejectedRow(entry);
}

/** Which run a step means: the one named, or the latest. */
export async function chooseRun(session: ProjectSession, run?: string): Promise<number> {
  return resolveRunId((await session.store()).db, run);
}

/**
 * Every row a run (the latest by default) did not import, in words, held in memory: for a
 * page or JSON. `forTeam` masks personal values, which the customer's own review shows.
 */
export async function listRejects(session: ProjectSession, run?: string, o: { readonly forTeam?: boolean } = {}): Promise<{ runId: number; rows: RejectedRow[] }> {
  const runId = await chooseRun(session, run);
  const view = o.forTeam ? await personalDataView(session) : undefined;
  const rows: RejectedRow[] = [];
  for await (const r of rejectedRows(session, runId)) rows.push(view === undefined ? r : maskedRow(r, view));
  return { runId, rows };
}

/** The lists of a run's rows not imported, as written for the customer. */
export interface WrittenRejects {
  readonly runId: number;
  readonly count: number;
  readonly csv: string;
  readonly xlsx: string;
  /** the first `shown` rows, for the team's terminal or page: personal values masked */
  readonly first: readonly RejectedRow[];
}

/**
 * Writes the rows a run (the latest by default) did not import as CSV and XLSX for the
 * customer, into `outDir` (the project's reports folder by default).
 */
export async function writeRejectLists(session: ProjectSession, o: { readonly run?: string; readonly outDir?: string; readonly shown?: number } = {}): Promise<WrittenRejects> {
  const runId = await chooseRun(session, o.run);
  const dir = o.outDir ?? session.layout.reportsDir;
  await mkdir(dir, { recursive: true });
  const csv = join(dir, `run-${runId}-not-imported.csv`);
  const xlsx = join(dir, `run-${runId}-not-imported.xlsx`);
  const count = await writeAside(csv, (partial) => writeRejectsCsv(partial, rejectedRows(session, runId)));
  await writeAside(xlsx, (partial) => writeRejectsXlsx(partial, `Run ${runId}: rows not imported`, rejectedRows(session, runId)));
  const first: RejectedRow[] = [];
  const view = await personalDataView(session);
  for await (const row of rejectedRows(session, runId)) {
    if (first.length >= (o.shown ?? 0)) break;
    first.push(maskedRow(row, view));
  }
  // the lists carry people's data out of the store
  await session.audit('rejects.written', `run ${runId}`, { rows: count, csv, xlsx });
  return { runId, count, csv, xlsx, first };
}
