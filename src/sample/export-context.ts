import type { CsvFileWriter, CsvLayout } from './csv-file-writer.js';
import type { PlantedDefect, SampleEntity } from './defect-manifest.js';
import type { ManifestWriter } from './manifest-writer.js';
import type { SamplePlan } from './sample-plan.js';

/** What every file writer shares: the plan, the manifest, and the signal to stop. */
export interface ExportContext {
  readonly plan: SamplePlan;
  readonly defects: ManifestWriter;
  readonly signal?: AbortSignal | undefined;
  /** a later export's manifest of changes, flushed with the files */
  readonly changes?: { readonly full: boolean; flush(): Promise<void> } | undefined;
}

/** One delivered file: its name, entity, layout, header, and the writer of its rows. */
export interface SampleFile {
  readonly name: string;
  readonly entity: SampleEntity;
  readonly layout: CsvLayout;
  readonly columns: readonly string[];
  write(ctx: ExportContext, out: CsvFileWriter): Promise<void>;
}

/** A defect entry without the parts every entry of a file repeats. */
export type DefectDetails = Omit<PlantedDefect, 'file' | 'entity'>;

/** Records a defect of `file`; a row a later export dropped (line 0) carries none. */
export function plant(ctx: ExportContext, file: SampleFile, details: DefectDetails): void {
  if (details.line === 0) return;
  ctx.defects.add({ ...details, file: file.name, entity: file.entity });
}

/** Writes the file's and the manifest's full chunks, and stops here if the export was cancelled. */
export async function settle(ctx: ExportContext, out: CsvFileWriter): Promise<void> {
  ctx.signal?.throwIfAborted();
  if (out.full) await out.flush();
  if (ctx.defects.full) await ctx.defects.flush();
  if (ctx.changes?.full) await ctx.changes.flush();
}
