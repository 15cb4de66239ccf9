import { readFigure } from '../core/reconcile/index.js';
import { createHash } from 'node:crypto';
import { figureColumn, isCustomerCell, notAskedWords, sheetNames } from './review-workbook-content.js';
import type { LockedCells } from '../core/reconcile/index.js';
import { columnLetter, lockedText } from './review-workbook-xlsx.js';

/** What a filled-in workbook says: who it is for, and the customer's figures and answers. */
export interface WorkbookAnswers {
  readonly identity: { readonly id: string; readonly runId: string; readonly snapshotHash: string; readonly specHash: string } | null;
  /** every sheet's locked cells as found */
  readonly locked: LockedCells;
  readonly figures: readonly { readonly ref: string; readonly label: string; readonly kind: 'count' | 'money'; readonly figure: string | null; readonly cell: string }[];
  readonly answers: readonly { readonly ref: string; readonly check: string; readonly answer: string; readonly comment: string; readonly checkedBy: string; readonly row: number }[];
  /** the audit log's head when the workbook was written ("number hash key-id"), when it holds one */
  readonly auditHead?: string;
  /** problems with what the customer typed, each naming the sheet and cell */
  readonly problems: readonly string[];
}

type CellValue = unknown;

/** A cell's value as text, whichever way the spreadsheet program stored it. */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: CellValue; text?: string; error?: string };
    if (v.richText) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result);
    if (v.text !== undefined) return v.text;
    if (v.error !== undefined) return v.error;
  }
  return String(value);
}

/**
 * Reads a review workbook as the customer sends it back (from Excel or LibreOffice):
 * the hidden identity, every locked cell (to compare with what was written), the
 * figures of the checklist and the answers of the sign-off sheet.
 */
export async function readReviewWorkbook(path: string): Promise<WorkbookAnswers> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const locked: LockedCells = {};
  const texts = new Map<string, Map<string, string>>();
  for (const ws of workbook.worksheets) {
    const cells: Record<string, string> = {};
    const hash = createHash('sha256');
    const all = new Map<string, string>();
    const entries: [number, number, string][] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        const text = cellText(cell.value);
        all.set(`${columnLetter(column)}${rowNumber}`, text);
        if (!isCustomerCell(ws.name, rowNumber, column)) entries.push([rowNumber, column, lockedText(text)]);
      });
    });
    // the order the writer hashed in: row by row, left to right
    entries.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [row, column, text] of entries) {
      if (text === '') continue;
      const address = `${columnLetter(column)}${row}`;
      hash.update(`${address}\u001f${text}\u001e`);
      cells[address] = text;
    }
    locked[ws.name] = { sha256: hash.digest('hex'), cells };
    texts.set(ws.name, all);
  }

  const about = texts.get(sheetNames.about);
  const identity =
    about === undefined || about.get('A1') !== 'workbook'
      ? null
      : { id: about.get('B1') ?? '', runId: about.get('B2') ?? '', snapshotHash: about.get('B3') ?? '', specHash: about.get('B4') ?? '' };

  // lines that ask for no figure (split totals), as the hidden sheet lists them
  const notAsked = new Set((about?.get('B5') ?? '').split(',').filter((r) => r !== ''));
  const problems: string[] = [];
  const figures: WorkbookAnswers['figures'][number][] = [];
  const checklist = texts.get(sheetNames.checklist) ?? new Map<string, string>();
  const checklistRaw = workbook.getWorksheet(sheetNames.checklist);
  for (let row = 2; checklist.has(`A${row}`); row++) {
    const ref = checklist.get(`A${row}`)!;
    const label = checklist.get(`B${row}`) ?? '';
    const kind = ref.startsWith('M') ? 'money' : 'count';
    const cell = `${columnLetter(figureColumn)}${row}`;
    const raw = checklistRaw?.getRow(row).getCell(figureColumn).value;
    if (notAsked.has(ref)) {
      if (checklist.get(cell) !== notAskedWords) problems.push(`${sheetNames.checklist} sheet, cell ${cell} (${label}): this line asks for no figure; leave the cell as "${notAskedWords}".`);
      continue;
    }
    const reading = readFigure(typeof raw === 'number' ? raw : (checklist.get(cell) ?? ''), kind);
    if (!reading.ok) {
      problems.push(`${sheetNames.checklist} sheet, cell ${cell} (${label}): ${reading.problem}.`);
      continue;
    }
    figures.push({ ref, label, kind, figure: reading.value, cell });
  }

  const answers: WorkbookAnswers['answers'][number][] = [];
  const signOff = texts.get(sheetNames.signOff) ?? new Map<string, string>();
  for (let row = 2; signOff.has(`A${row}`); row++) {
    const answer = (signOff.get(`C${row}`) ?? '').trim();
    const comment = (signOff.get(`D${row}`) ?? '').trim();
    const checkedBy = (signOff.get(`E${row}`) ?? '').trim();
    const ref = signOff.get(`A${row}`)!;
    const lower = answer.toLowerCase();
    if (answer === '' && comment === '') continue;
    if (lower !== 'confirmed' && lower !== 'query') {
      problems.push(
        answer === ''
          ? `${sheetNames.signOff} sheet, cell C${row} (${ref}): there is a comment but no answer; choose Confirmed or Query.`
          : `${sheetNames.signOff} sheet, cell C${row} (${ref}): "${answer}" is not an answer; choose Confirmed or Query.`,
      );
      continue;
    }
    if (lower === 'query' && comment === '') {
      problems.push(`${sheetNames.signOff} sheet, cell D${row} (${ref}): a query needs words; write what is wrong or what you would like us to check.`);
      continue;
    }
    answers.push({ ref, check: signOff.get(`B${row}`) ?? '', answer: lower, comment, checkedBy, row });
  }
  const auditHead = about?.get('A6') === 'audit head' ? about.get('B6') : undefined;
  return { identity, locked, figures, answers, problems, ...(auditHead ? { auditHead } : {}) };
}
