import { exactlyInWords } from '../core/currency.js';
import type { CountLine, LineStatus, Reconciliation, TotalLine } from '../core/reconcile/index.js';

/** One check the customer confirms or raises a query on. */
export interface ReviewCheck {
  readonly ref: string;
  readonly text: string;
}

/** The sheets, by name; the names are how an import finds them again. */
export const sheetNames = {
  cover: 'Cover',
  checklist: 'Pre-migration checklist',
  money: 'Money',
  sample: 'Sample records',
  columns: 'Whole columns',
  rejects: 'Not imported',
  signOff: 'Sign-off',
  about: 'About',
} as const;

/** Columns of the checklist sheet; the customer writes only in `figure`. */
export const checklistColumns = ['Ref', 'What is counted', 'In your current system', 'In the delivered data', 'In the new system', 'Explained by', 'Not explained', 'Status'] as const;
/** Columns of the sign-off sheet; the customer writes in answer, comment and by. */
export const signOffColumns = ['Ref', 'Check', 'Your answer', 'Your query or comment', 'Checked by'] as const;
export const figureColumn = 3;
export const answerColumns = [3, 4, 5] as const;
/** What a checklist line that asks for no figure shows in the figure column. */
export const notAskedWords = 'not asked';
export const answerWords = { confirmed: 'Confirmed', query: 'Query' } as const;

/** A line's status in the customer's words. */
export function statusWords(status: LineStatus): string {
  return { balanced: 'agrees', explained: 'explained', unexplained: 'NOT EXPLAINED', awaiting: 'waiting for your figure' }[status];
}

/** A checklist line as the customer reads it: its label, which is also how their figure is filed. */
export function lineWhat(line: CountLine | TotalLine): string {
  return line.label;
}

/** The differences the ledger explains, in one sentence. */
export function explainedWords(line: CountLine | TotalLine): string {
  return line.explained
    .map((e) => `${e.rows.toLocaleString('en-GB')} ${e.words}${e.amount === undefined || line.kind === 'count' ? '' : ` (${e.amount})`}`)
    .join('; ');
}

/** Every check the customer is asked to confirm, in the order of the workbook. */
export function reviewChecks(r: Reconciliation, currency?: string): ReviewCheck[] {
  const checks: ReviewCheck[] = [];
  for (const c of r.counts) checks.push({ ref: c.ref, text: `${c.label}: the figures agree, or the differences are explained` });
  for (const t of r.totals) checks.push({ ref: t.ref, text: `${t.label}: the money adds up ${exactlyInWords(currency)}` });
  const entities = [...new Set(r.sample.map((s) => s.entity))];
  entities.forEach((entity, i) => checks.push({ ref: `S${i + 1}`, text: `Sample records of ${entity}: every field looks right in the new system` }));
  checks.push({ ref: 'N1', text: 'The rows not imported, and the reasons given, are understood' });
  return checks;
}

/** Whether a cell is the customer's to write in: checked on import, never compared with what was written. */
export function isCustomerCell(sheet: string, row: number, column: number): boolean {
  if (row < 2) return false;
  if (sheet === sheetNames.checklist) return column === figureColumn;
  if (sheet === sheetNames.signOff) return (answerColumns as readonly number[]).includes(column);
  return false;
}
