import { resolve } from 'node:path';
import { quotesValues, type CheckProblem, type CheckSummary } from '../core/contract/index.js';
import { openCheckReports } from '../report/check-reports.js';
import { recordCheck } from '../store/check-records.js';
import { checkDelivery, readContractFile } from './check.js';
import { existingSample } from './demo.js';
import { personalDataView } from './personal-data.js';
import { chooseDelivery } from './delivery.js';

// a check of the sample finds what the sample was made to hold; said so, or a demo that succeeded looks broken
const sampleNote =
  'This is the sample project: its export holds defects planted on purpose, each listed in export/defects.json, for check, ' +
  'the run and reconcile to find. The run rejects or mends every one of them, which is why the demo succeeded; ' +
  'a real delivery with these problems would go back to the customer.';
import type { ProjectSession } from './project-session.js';

/** What to check, against which contract, and where each problem goes as it is found. */
export interface CheckOptions {
  /** a delivered file or folder, or a snapshot id; the latest snapshot by default */
  readonly delivery?: string;
  /** a contract file instead of the project's `contract:` */
  readonly contract?: string;
  /** where the problem lists go (the project's reports folder by default) */
  readonly outDir?: string;
  /** told before the first problem whether there is a contract to check against */
  onStart?(o: { readonly contract: boolean }): void;
  /** each problem for the team's terminal: values of personal columns masked */
  onProblem?(problem: CheckProblem): void;
}

/** What a check found, and where the lists for the customer were written. */
export interface CheckOutcome {
  readonly summary: CheckSummary;
  readonly reports: { readonly html: string; readonly xlsx: string };
  /** false when no contract was given: only text, headers and row lengths were checked */
  readonly contract: boolean;
  /** what the reader must know about these problems: in the sample project, that they were planted */
  readonly note?: string;
}

/**
 * Holds a delivery against the delivery contract: every problem with file, line and
 * column to `onProblem`, counts per file and per kind, an HTML page and a workbook for
 * the customer. A snapshot's check goes into the audit log.
 */
export async function check(session: ProjectSession, o: CheckOptions = {}): Promise<CheckOutcome> {
  const config = await session.configIfAny();
  const contract = await readContractFile(session.layout.root, config?.contract, o.contract === undefined ? undefined : resolve(o.contract));
  const chosen = await chooseDelivery(session, o.delivery, contract);
  const base = chosen.snapshotId === undefined ? `check-${chosen.subject.replace(/[^A-Za-z0-9_.-]+/g, '_')}` : `check-snapshot-${chosen.snapshotId}`;
  const reports = await openCheckReports(o.outDir ?? session.layout.reportsDir, base, config?.customer ?? 'the customer', chosen.subject);
  const view = await personalDataView(session);
  o.onStart?.({ contract: contract !== undefined });
  let summary: CheckSummary;
  let paths: { html: string; xlsx: string };
  try {
    summary = await checkDelivery({
      delivery: chosen.delivery,
      contract,
      ...(session.signal ? { signal: session.signal } : {}),
      onProblem: async (problem) => {
        // the lists go to the customer, whose own values they are
        await reports.add(problem);
        o.onProblem?.({ ...problem, message: view.problem(problem.message, problem.file, quotesValues(problem.code) ? problem.column : null) });
      },
    });
    paths = await reports.finish(summary);
  } catch (error) {
    await reports.abandon();
    throw error;
  }
  // reading every value of a snapshot is an action worth the audit log
  if (chosen.snapshotId !== undefined) {
    await recordCheck((await session.store()).db, chosen.snapshotId, session.clock(), contract?.source ?? null, summary);
    await session.audit('snapshot.checked', chosen.snapshotId, { contract: contract?.source ?? null, errors: summary.errors, warnings: summary.warnings });
  }
  const sample = summary.errors + summary.warnings > 0 ? await existingSample(session.layout) : undefined;
  return { summary, reports: paths, contract: contract !== undefined, ...(sample === undefined ? {} : { note: sampleNote }) };
}
