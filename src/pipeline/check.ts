import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { openFileSources, readingNullMarkers } from '../connectors/file-sources.js';
import { rowBatches, type SourceTable } from '../connectors/source.js';
import { createTableChecker, isCheckCode, parseContract, type CheckCode, type CheckProblem, type CheckSummary, type KeyLookup, type DeliveryContract, type KindSummary } from '../core/contract/index.js';
import { CutoverError, isCutoverError } from '../core/cutover-error.js';
import type { FileReadOptions } from '../core/project-config.js';
import type { ProjectLayout } from '../store/project-layout.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import type { SnapshotKey } from '../store/sealed/index.js';
import { projectFilePath } from './project-file-path.js';

/** The tables of one delivery, opened, and the problems found while opening them. */
export interface OpenedDelivery {
  readonly tables: readonly SourceTable[];
  readonly problems: readonly CheckProblem[];
  /** true when it is the whole delivery, so a file the contract expects and lacks is a problem */
  readonly whole: boolean;
}

/** What to check and where the problems go, one by one, as they are found. */
export interface CheckRequest {
  readonly delivery: OpenedDelivery;
  readonly contract?: DeliveryContract | undefined;
  onProblem(problem: CheckProblem): void | Promise<void>;
  onTable?(table: string, rows: number): void;
  readonly signal?: AbortSignal;
}

// reader errors that are about the delivery, not about Cutover's own state (snapshot_*, cancelled)
const stoppedReading = (error: unknown): error is CutoverError & { readonly code: CheckCode } => isCutoverError(error) && isCheckCode(error.code);

function fileProblem(file: string, error: CutoverError & { readonly code: CheckCode }): CheckProblem {
  return { file, line: error.where?.line ?? null, column: null, code: error.code, severity: 'error', message: error.message };
}

/** Opens every table of a snapshot for checking. */
export function snapshotDelivery(layout: ProjectLayout, manifest: SnapshotManifest, key: SnapshotKey): OpenedDelivery {
  return { tables: manifest.tables.map((t) => snapshotTableSource(layout, manifest, t.name, key)), problems: [], whole: true };
}

/**
 * Opens delivered files for checking: one file, or every file of a folder (only those the
 * contract names, when there is one). A file that is not text, or that cannot be opened
 * (empty, no usable header), is a problem, not a failure.
 */
export async function fileDelivery(path: string, options: Readonly<Record<string, FileReadOptions>> = {}, contract?: DeliveryContract): Promise<OpenedDelivery> {
  let info;
  try {
    info = await stat(path);
  } catch (cause) {
    throw new CutoverError('file_missing', `${path} was not found: name a delivered file, a folder of them, or a snapshot id.`, { cause, where: { file: path } });
  }
  const folder = info.isDirectory();
  const names = folder ? (await readdir(path, { withFileTypes: true })).filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name).sort() : [basename(path)];
  const tables: SourceTable[] = [];
  const problems: CheckProblem[] = [];
  // a sheet of a workbook is named `book.xlsx#Sheet1` in a contract
  const expected = contract === undefined ? undefined : new Set(contract.files.map((f) => f.name.replace(/#.*$/, '')));
  for (const name of names) {
    const file = folder ? join(path, name) : path;
    if (folder && expected !== undefined && !expected.has(name)) {
      // a folder may hold notes or a manifest beside the data: named, not read
      problems.push({ file: name, line: null, column: null, code: 'file_unexpected', severity: 'warning', message: `${name} is not in the contract, so it was not read` });
      continue;
    }
    try {
      tables.push(...(await openFileSources(file, name, options[name] ?? {})).map(readingNullMarkers));
    } catch (error) {
      // a folder may hold a note or a manifest beside the data: only a single file must be readable
      if (folder && isCutoverError(error, 'file_kind')) continue;
      if (!stoppedReading(error)) throw error;
      problems.push(fileProblem(name, error));
    }
  }
  return { tables, problems, whole: folder };
}

/** Parents before the files that refer to them; otherwise the order they came in. */
function checkOrder(tables: readonly SourceTable[], contract: DeliveryContract | undefined): SourceTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: SourceTable[] = [];
  const seen = new Set<string>();
  const visit = (table: SourceTable): void => {
    if (seen.has(table.name)) return;
    seen.add(table.name);
    // the contract parser refuses circles, so this ends
    for (const ref of contract?.files.find((f) => f.name === table.name)?.references ?? []) {
      const parent = byName.get(ref.file);
      if (parent) visit(parent);
    }
    ordered.push(table);
  };
  for (const table of tables) visit(table);
  return ordered;
}

/**
 * Checks a delivery in one pass per table, parents first, in flat memory apart from the
 * keys: every problem goes to `onProblem` as it is found; the counts come back.
 */
export async function checkDelivery(request: CheckRequest): Promise<CheckSummary> {
  const { delivery, contract, signal } = request;
  const counts = new Map<string, { -readonly [K in keyof KindSummary]: KindSummary[K] }>();
  const files = new Map<string, { file: string; rows: number; errors: number; warnings: number }>();
  const fileCounts = (file: string) => {
    let entry = files.get(file);
    if (!entry) files.set(file, (entry = { file, rows: 0, errors: 0, warnings: 0 }));
    return entry;
  };
  const emit = async (problem: CheckProblem): Promise<void> => {
    const id = `${problem.file}\u0000${problem.code}\u0000${problem.severity}`;
    const kind = counts.get(id);
    if (kind) kind.count++;
    else counts.set(id, { file: problem.file, code: problem.code, severity: problem.severity, count: 1 });
    const entry = fileCounts(problem.file);
    if (problem.severity === 'error') entry.errors++;
    else entry.warnings++;
    await request.onProblem(problem);
  };

  for (const problem of delivery.problems) await emit(problem);
  const present = new Set([...delivery.tables.map((t) => t.name), ...delivery.problems.map((p) => p.file)]);
  if (contract) {
    for (const file of contract.files) {
      if (!present.has(file.name) && delivery.whole) {
        await emit({ file: file.name, line: null, column: null, code: 'file_missing', severity: 'error', message: `${file.name} was not delivered, but the contract expects it` });
      }
    }
    for (const table of delivery.tables) {
      if (!contract.files.some((f) => f.name === table.name)) {
        await emit({ file: table.name, line: null, column: null, code: 'file_unexpected', severity: 'warning', message: `${table.name} is not in the contract, so only its text and its rows' length were checked` });
      }
    }
  }

  const keys = new Map<string, ReadonlyMap<string, KeyLookup>>();
  const batch: CheckProblem[] = [];
  for (const table of checkOrder(delivery.tables, contract)) {
    const fileContract = contract?.files.find((f) => f.name === table.name);
    const referenced = [...new Set((contract?.files ?? []).flatMap((f) => f.references.filter((r) => r.file === table.name).map((r) => r.key)))];
    const checker = createTableChecker({
      table: table.name,
      columns: table.columns,
      encoding: table.details?.encoding,
      contract: fileContract,
      parents: (file, column) => keys.get(file)?.get(column),
      referenced,
    });
    const entry = fileCounts(table.name);
    for (const problem of checker.start()) await emit(problem);
    const note = table.details?.['note'];
    if (note !== undefined) await emit({ file: table.name, line: 1, column: null, code: 'csv_header', severity: 'warning', message: note });
    try {
      for await (const rows of rowBatches(table, signal)) {
        for (const row of rows) {
          entry.rows++;
          checker.row(row, batch);
          if (batch.length > 0) {
            for (const problem of batch) await emit(problem);
            batch.length = 0;
          }
        }
        if (signal?.aborted) throw new CutoverError('cancelled', 'The check was stopped.');
      }
      checker.finish(batch);
      for (const problem of batch) await emit(problem);
      batch.length = 0;
      keys.set(table.name, checker.keys());
    } catch (error) {
      if (!stoppedReading(error)) throw error;
      // what was read before the reader stopped was checked; the rest of the file cannot be
      await emit(fileProblem(table.name, error));
    } finally {
      await table.close();
    }
    request.onTable?.(table.name, entry.rows);
  }

  const fileList = [...files.values()];
  const errors = fileList.reduce((n, f) => n + f.errors, 0);
  const warnings = fileList.reduce((n, f) => n + f.warnings, 0);
  return {
    files: fileList,
    kinds: [...counts.values()],
    rows: fileList.reduce((n, f) => n + f.rows, 0),
    errors,
    warnings,
    acceptable: errors === 0,
  };
}

/**
 * Reads the delivery contract: the one named on the command line, else the project's
 * `contract:`; undefined when there is none, so only text and row lengths are checked.
 */
export async function readContractFile(root: string, configured: string | undefined, override?: string): Promise<DeliveryContract | undefined> {
  // a contract given on the command line is the user's own choice; the project's stays inside it
  const path = override ?? (configured === undefined ? undefined : await projectFilePath(root, configured, 'contract'));
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new CutoverError('contract_missing', `The contract ${path} could not be read (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}). Check the path${override ? '' : ' under "contract" in cutover.yaml'}.`, { cause, where: { file: path } });
  }
  return parseContract(text, override ?? configured!);
}
