import type { CsvFileWriter } from './csv-file-writer.js';
import { plant, settle, type ExportContext, type SampleFile } from './export-context.js';
import { rowRandom, sourceId, streams } from './sample-plan.js';
import { supplierNames, trades } from './word-lists.js';

/** The SupplierID of row `index`: `S00001` for the first. */
export const supplierId = (index: number): string => sourceId('S', index, 5);

/** suppliers.csv: UTF-8, CRLF; no row defects (balances name suppliers freely). */
export const suppliersFile: SampleFile = {
  name: 'suppliers.csv',
  entity: 'supplier',
  layout: { delimiter: ',', eol: '\r\n', encoding: 'utf-8', bom: false },
  columns: ['SupplierID', 'Name', 'Trade'],
  write: writeSuppliers,
};

/** Writes every supplier row. */
async function writeSuppliers(ctx: ExportContext, out: CsvFileWriter): Promise<void> {
  out.header(suppliersFile.columns);
  plant(ctx, suppliersFile, { kind: 'crlf-line-ends', line: 1, key: '', outcome: 'repaired', note: 'suppliers.csv ends its lines with CRLF' });
  for (let i = 0; i < ctx.plan.suppliers; i += 1) {
    const r = rowRandom(ctx.plan, streams.supplier, i);
    const trade = r.pick(trades);
    const name = `${r.pick(supplierNames)} ${titleWord(trade)}${r.chance(0.5) ? ' Ltd' : ' & Sons'}`;
    out.row([supplierId(i), name, r.chance(0.1) ? ` ${trade} ` : trade]);
    if (out.full || ctx.defects.full) await settle(ctx, out);
  }
}

const titleWord = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
