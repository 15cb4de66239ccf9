import { basename } from 'node:path';
import { openFileSources } from '../connectors/file-sources.js';

/** What Cutover reads in a file, before anyone maps it. */
export interface PeekResult {
  readonly format: string;
  readonly encoding: string | null;
  readonly delimiter: string | null;
  readonly sheet?: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | null)[])[];
}

/** Reads the first `limit` rows of a file (of one sheet of a workbook) as Cutover reads them. */
export async function peekFile(path: string, limit: number, sheet?: string): Promise<PeekResult> {
  const tables = await openFileSources(path, basename(path), sheet ? { sheets: [sheet] } : {});
  const table = tables[0]!;
  try {
    const rows: (readonly (string | null)[])[] = [];
    if (limit > 0) {
      for await (const row of table.rows()) {
        rows.push(row.values);
        if (rows.length >= limit) break;
      }
    }
    const d = table.details ?? {};
    return {
      format: d['format'] ?? 'unknown',
      encoding: d['encoding'] ?? null,
      delimiter: d['delimiter'] ?? null,
      ...(d['sheet'] ? { sheet: d['sheet'] } : {}),
      columns: table.columns,
      rows,
    };
  } finally {
    await Promise.all(tables.map((t) => t.close()));
  }
}
