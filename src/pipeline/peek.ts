import { basename } from 'node:path';
import { openFileSources } from '../connectors/file-sources.js';
import { looksLikeNullMarker } from '../core/null-markers.js';
import { personalColumns } from '../core/personal-columns.js';
import { viewOf } from './personal-data.js';

/** What Cutover reads in a file, before anyone maps it. */
export interface PeekResult {
  readonly format: string;
  readonly encoding: string | null;
  readonly delimiter: string | null;
  readonly sheet?: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | null)[])[];
  /** values among the rows read that look like an export's way of writing empty (NULL, \N), with how often, commonest first */
  readonly nullMarkers: readonly { readonly value: string; readonly count: number }[];
}

/**
 * Reads the first `limit` rows of a file (of one sheet of a workbook) as Cutover reads them;
 * values of columns named like personal data, and e-mails and phones anywhere, are masked
 * unless `personalData` is `shown`.
 */
export async function peekFile(path: string, limit: number, sheet?: string, personalData: 'masked' | 'shown' = 'masked'): Promise<PeekResult> {
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
    const view = viewOf(personalColumns(), personalData === 'shown');
    const shown = rows.map((r) => r.map((v, i) => (v === null ? v : view.message(view.column(table.name, table.columns[i] ?? '', v)))));
    const seen = new Map<string, number>();
    for (const value of rows.flat()) if (value !== null && looksLikeNullMarker(value)) seen.set(value, (seen.get(value) ?? 0) + 1);
    return {
      format: d['format'] ?? 'unknown',
      encoding: d['encoding'] ?? null,
      delimiter: d['delimiter'] ?? null,
      ...(d['sheet'] ? { sheet: d['sheet'] } : {}),
      columns: table.columns,
      rows: shown,
      nullMarkers: [...seen].sort((a, b) => b[1] - a[1]).map(([value, count]) => ({ value, count })),
    };
  } finally {
    await Promise.all(tables.map((t) => t.close()));
  }
}
