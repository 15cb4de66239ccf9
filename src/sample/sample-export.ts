import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CutoverError } from '../core/cutover-error.js';
import { balancesFile } from './balances-writer.js';
import { CsvFileWriter, type WrittenFile } from './csv-file-writer.js';
import { diaryFile } from './diary-writer.js';
import type { ExportContext, SampleFile } from './export-context.js';
import { ChangesWriter, changesName } from './change-manifest.js';
import { checkDaysLater, LaterExport } from './later-export.js';
import { ManifestWriter } from './manifest-writer.js';
import { peopleFile } from './people-writer.js';
import { personRolesFile } from './person-roles-writer.js';
import { propertiesFile } from './properties-writer.js';
import { rowLimits, samplePlan } from './sample-plan.js';
import { suppliersFile } from './suppliers-writer.js';
import { tenanciesFile } from './tenancies-writer.js';

/** What to write: the folder, about how many rows in all, and the seed. */
export interface SampleExportOptions {
  readonly outDir: string;
  readonly rows: number;
  readonly seed: number;
  /** days after the first export: 0 (the default) writes the first export, more the same customer's export that many days later */
  readonly daysLater?: number;
  readonly signal?: AbortSignal;
}

/** What was written: each CSV file (not the manifest), the defects planted, and the rows in all. */
export interface SampleSummary {
  readonly files: readonly WrittenFile[];
  readonly defects: number;
  readonly rows: number;
  /** for a later export: the changes listed in `changes.json` */
  readonly changes?: number;
}

/** The delivered files in the order they are written (parents before children). */
export const sampleFiles: readonly SampleFile[] = [peopleFile, personRolesFile, suppliersFile, propertiesFile, tenanciesFile, diaryFile, balancesFile];

/** The manifest's file name. */
export const manifestName = 'defects.json';

/**
 * Writes the sample legacy export (a deliberately messy estate-agency CRM export) and
 * `defects.json`, the manifest of every defect planted in it. Streams from 100 to
 * 10,000,000 rows with flat memory; the same seed gives the same bytes. With `daysLater`
 * it writes the same customer's export that many days later (rows new, edited, deleted
 * and moved) and `changes.json`, the manifest of every change.
 * @example await writeSampleExport({ outDir: 'demo/export', rows: 10_000, seed: 1 })
 */
export async function writeSampleExport(options: SampleExportOptions): Promise<SampleSummary> {
  const { outDir, rows, seed, signal } = options;
  const daysLater = options.daysLater ?? 0;
  if (!Number.isInteger(rows) || rows < rowLimits.min || rows > rowLimits.max) {
    throw new CutoverError('sample_rows', `The sample needs a whole number of rows from ${rowLimits.min.toLocaleString('en-GB')} to ${rowLimits.max.toLocaleString('en-GB')}; got ${rows}.`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new CutoverError('sample_seed', `The sample seed must be a whole number from 0 to 4294967295; got ${seed}.`);
  }
  checkDaysLater(daysLater);
  signal?.throwIfAborted();
  await mkdir(outDir, { recursive: true });
  const defects = ManifestWriter.open(join(outDir, manifestName), { seed, rows });
  const changes = daysLater > 0 ? ChangesWriter.open(join(outDir, changesName), { seed, rows, daysLater }) : undefined;
  const ctx: ExportContext = { plan: samplePlan(rows, seed), defects, signal, changes };
  const later = changes && new LaterExport(ctx.plan, daysLater, changes);
  const files: WrittenFile[] = [];
  try {
    for (const file of sampleFiles) {
      const out = CsvFileWriter.open(join(outDir, file.name), file.name, file.layout, later?.editor(file));
      try {
        await file.write(ctx, out);
        await later?.addNew(file, ctx, out);
        files.push(await out.close());
      } catch (error) {
        out.destroy();
        throw error;
      }
    }
    await defects.close();
    await changes?.close();
  } catch (error) {
    defects.destroy();
    changes?.destroy();
    throw error;
  }
  return { files, defects: defects.count, rows: files.reduce((sum, f) => sum + f.rows, 0), ...(changes ? { changes: changes.count } : {}) };
}
