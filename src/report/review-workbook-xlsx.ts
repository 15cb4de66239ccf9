import { exactlyInWords } from '../core/currency.js';
import { createHash } from 'node:crypto';
import type { DataValidation, PageSetup } from 'exceljs';
import type { RejectedRow } from '../core/ledger.js';
import { verdictWords, type LockedCells, type Reconciliation, type ReviewAnswer, type WorkbookIdentity } from '../core/reconcile/index.js';
import { rejectColumns } from './rejects-files.js';
import {
  answerColumns,
  answerWords,
  checklistColumns,
  explainedWords,
  figureColumn,
  isCustomerCell,
  lineWhat,
  notAskedWords,
  reviewChecks,
  sheetNames,
  signOffColumns,
  statusWords,
} from './review-workbook-content.js';


type Value = string | number | null;

/** Column letters for 1-based indexes: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let n = index;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The text a locked cell is compared by when the workbook comes back. */
export function lockedText(value: Value): string {
  return value === null ? '' : String(value);
}

/** Folds the locked cells of one sheet into a hash, keeping the cells when asked. */
class LockedSheet {
  private readonly hash = createHash('sha256');
  readonly cells: Record<string, string> | undefined;

  constructor(keep: boolean) {
    this.cells = keep ? {} : undefined;
  }

  add(address: string, text: string): void {
    if (text === '') return;
    this.hash.update(`${address}\u001f${text}\u001e`);
    if (this.cells) this.cells[address] = text;
  }

  result(): { sha256: string; cells?: Record<string, string> } {
    return { sha256: this.hash.digest('hex'), ...(this.cells ? { cells: this.cells } : {}) };
  }
}

const yellow = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2B3' } } as const;
const red = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF8D0D0' } } as const;
const bold = { bold: true } as const;

/** What the workbook shows besides the reconciliation. */
export interface ReviewWorkbookInput {
  readonly reconciliation: Reconciliation;
  readonly identity: WorkbookIdentity;
  readonly rejects: AsyncIterable<RejectedRow>;
  /** answers already given, shown again so a second round starts from them */
  readonly answers: ReadonlyMap<string, ReviewAnswer>;
  /** the project's currency (ISO 4217), for how exact money is said to be; GBP when absent */
  readonly currency?: string;
}

/**
 * Writes the review workbook as XLSX, streamed: cover, pre-migration checklist, money,
 * sample records, whole-column checks, rows not imported and a sign-off sheet. Every
 * sheet is protected except the yellow cells the customer fills in. Returns what
 * Cutover wrote in the locked cells, to recognise edits when the workbook comes back.
 */
export async function writeReviewXlsx(path: string, input: ReviewWorkbookInput): Promise<LockedCells> {
  const { default: ExcelJS } = await import('exceljs');
  const { reconciliation: r, identity } = input;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: true });
  workbook.title = `Test migration review: ${r.customer}, run ${r.runId}`;
  workbook.creator = 'Cutover';
  const locked: LockedCells = {};
  const protect = { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, autoFilter: true };

  /** A sheet whose rows are added in order, locked cells recorded as they go. */
  const sheet = (name: string, widths: readonly number[], keep: boolean, options: Record<string, unknown> = {}) => {
    // printed or saved as PDF, each sheet is one page wide, in landscape, on A4
    const pageSetup: Partial<PageSetup> = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9, margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 } };
    const ws = workbook.addWorksheet(name, { pageSetup, ...options });
    ws.columns = widths.map((width) => ({ width }));
    const record = new LockedSheet(keep);
    let rowNumber = 0;
    return {
      ws,
      add(values: readonly Value[], style: { header?: boolean; unlocked?: readonly number[]; flag?: boolean; wrap?: boolean; right?: readonly number[]; choice?: DataValidation } = {}) {
        rowNumber++;
        const row = ws.getRow(rowNumber);
        values.forEach((value, i) => {
          const column = i + 1;
          const cell = row.getCell(column);
          cell.value = value;
          const open = style.unlocked?.includes(column) ?? false;
          if (open) {
            cell.protection = { locked: false };
            cell.fill = yellow;
          } else if (style.flag) {
            cell.fill = red;
          }
          if (!isCustomerCell(name, rowNumber, column)) record.add(`${columnLetter(column)}${rowNumber}`, lockedText(value));
          if (style.header) cell.font = bold;
          const right = style.right?.includes(column) ?? false;
          // text beside a right-aligned number keeps a little space from it
          if (style.wrap || style.header || right) cell.alignment = { wrapText: style.wrap === true || style.header === true, vertical: 'top', ...(right ? { horizontal: 'right' } : { horizontal: 'left', indent: 1 }) };
        });
        // spreadsheet programs do not grow a row for wrapped text written by a program: size it here
        if (style.wrap || style.header) {
          const lines = Math.max(1, ...values.map((v, i) => Math.ceil(lockedText(v).length / Math.max(1, (widths[i] ?? 10) - 1))));
          row.height = 15 * Math.min(lines, 12);
        }
        for (const column of style.unlocked ?? []) {
          if (column > values.length) {
            const cell = row.getCell(column);
            cell.protection = { locked: false };
            cell.fill = yellow;
          }
        }
        if (style.choice) row.getCell(style.unlocked?.[0] ?? 1).dataValidation = style.choice;
        row.commit();
        return rowNumber;
      },
      async close() {
        await ws.protect('', protect);
        ws.commit();
        locked[name] = record.result();
      },
    };
  };

  // cover
  const cover = sheet(sheetNames.cover, [22, 90], true);
  cover.add(['Test migration review workbook'], { header: true });
  cover.add([]);
  for (const [label, value] of [
    ['Customer', r.customer],
    ['Test migration (run)', `run ${r.runId}, environment ${r.env}`],
    ['New system', r.target],
    ['Snapshot', r.snapshot.id],
    ['Snapshot hash', r.snapshot.hash],
    ['Mapping spec', r.spec.file],
    ['Spec hash', r.spec.hash],
    ['Written', identity.writtenAt],
    ['Workbook', identity.id],
    ['Result', verdictWords(r)],
    ...(r.notices ?? []).map((x) => ['Notice', x] as const),
  ] as const) cover.add([label, value], { wrap: label === 'Result' || label === 'Notice' });
  cover.add([]);
  for (const line of [
    'How to check the test migration',
    `1. ${sheetNames.checklist}: write the figures from your current system in the yellow column. We compare each with the data you delivered and with the new system.`,
    `2. ${sheetNames.money}: the opening balances, source against the new system, ${exactlyInWords(input.currency)}.`,
    `3. ${sheetNames.sample}: a few records chosen at random, every field as delivered and as it is now.`,
    `4. ${sheetNames.rejects}: every row that was not imported, with the reason.`,
    `5. ${sheetNames.signOff}: for each check choose Confirmed or Query; write your query beside it.`,
    'Only the yellow cells can be changed. Save the file and send it back to your migration analyst.',
  ]) cover.add(line.startsWith('How') ? [line] : ['', line], { header: line.startsWith('How'), wrap: !line.startsWith('How') });
  await cover.close();

  // pre-migration checklist
  const checklist = sheet(sheetNames.checklist, [6, 44, 16, 16, 16, 60, 14, 22], true, { views: [{ state: 'frozen', ySplit: 1 }] });
  checklist.add([...checklistColumns], { header: true });
  for (const c of r.counts) {
    checklist.add([c.ref, lineWhat(c), c.customer, c.snapshot, c.target, explainedWords(c), c.unexplained, statusWords(c.status)], { unlocked: [figureColumn], flag: c.status === 'unexplained', wrap: true, right: [3, 4, 5, 7] });
  }
  for (const t of r.totals) {
    const unlocked = t.by === null ? [figureColumn] : [];
    checklist.add([t.ref, lineWhat(t), t.by === null ? t.customer : notAskedWords, t.snapshot, t.target, explainedWords(t), t.unexplained, statusWords(t.status)], { unlocked, flag: t.status === 'unexplained', wrap: true, right: [3, 4, 5, 7] });
  }
  await checklist.close();

  // money
  const money = sheet(sheetNames.money, [6, 40, 18, 16, 16, 16, 14, 60], true, { views: [{ state: 'frozen', ySplit: 1 }] });
  money.add(['Ref', 'Total', 'Group', 'In the delivered data', 'Not imported', 'In the new system', 'Difference', 'Notes'], { header: true });
  for (const t of r.totals) {
    money.add([t.ref, t.label, t.by === null ? 'all' : `all ${t.groupCount} values of ${t.by}`, t.snapshot, t.notLoaded, t.target, t.unexplained, t.notes.join(' ')], { flag: t.status === 'unexplained', wrap: true, right: [4, 5, 6, 7] });
    for (const g of t.groups) money.add([t.ref, '', g.group, g.snapshot, g.notLoaded, g.target, g.difference, ''], { flag: g.difference !== '0.00', right: [4, 5, 6, 7] });
  }
  money.add([]);
  money.add(['Ref', 'Record', 'File and line', 'What', 'Delivered amount', 'In the new system', '', 'Details'], { header: true });
  for (const t of r.totals) {
    for (const x of t.records) money.add([t.ref, x.reference, `${x.file} line ${x.line}`, x.problem, x.expected, x.inTarget, '', x.words], { flag: x.problem === 'missing' || x.problem === 'changed', right: [5, 6] });
  }
  await money.close();

  // sample records
  const sample = sheet(sheetNames.sample, [14, 14, 8, 14, 10, 16, 14, 26, 60, 26, 26, 8], true, { views: [{ state: 'frozen', ySplit: 1 }] });
  sample.add(['Record type', 'File', 'Line', 'Reference', 'New id', 'Field', 'Source column', 'Delivered value', 'Rules', 'Value after the rules', 'In the new system', 'Same?'], { header: true });
  for (const s of r.sample) {
    for (const f of s.fields) {
      sample.add([s.entity, s.file, s.line, s.reference, s.targetId, f.field, f.column, f.delivered, f.rules, f.expected, f.inTarget, f.same ? 'yes' : 'NO'], { flag: !f.same, wrap: true });
    }
  }
  await sample.close();

  // whole columns
  const columns = sheet(sheetNames.columns, [16, 16, 14, 10, 20, 20, 60], true, { views: [{ state: 'frozen', ySplit: 1 }] });
  columns.add(['Record type', 'Field', 'Values compared', 'Differ', 'Fingerprint, delivered data', 'Fingerprint, new system', 'Note'], { header: true });
  for (const c of r.columns) {
    const note = c.skipped ?? (c.differ === 0 ? 'every value agrees' : c.examples.map((x) => `${x.file} line ${x.line} (${x.reference}): ${x.words}`).join('; '));
    columns.add([c.entity, c.field, c.compared, c.differ, c.sourceDigest, c.targetDigest, note], { flag: c.differ > 0, wrap: true, right: [3, 4] });
  }
  await columns.close();

  // rows not imported: can be long, so only its hash is kept
  const rejects = sheet(sheetNames.rejects, rejectColumns.map((c) => c.width), false, { views: [{ state: 'frozen', ySplit: 1 }] });
  rejects.add(rejectColumns.map((c) => c.header), { header: true });
  for await (const row of input.rejects) rejects.add(rejectColumns.map((c) => c.value(row)));
  await rejects.close();

  // sign-off
  const answerChoice: DataValidation = {
    type: 'list',
    allowBlank: true,
    formulae: [`"${answerWords.confirmed},${answerWords.query}"`],
    showErrorMessage: true,
    errorTitle: 'Confirmed or Query',
    error: 'Choose Confirmed, or Query and write your query in the next column.',
  };
  const signOff = sheet(sheetNames.signOff, [6, 70, 14, 60, 20], true, { views: [{ state: 'frozen', ySplit: 1 }] });
  signOff.add([...signOffColumns], { header: true });
  const checks = reviewChecks(r, input.currency);
  for (const check of checks) {
    const given = input.answers.get(check.ref);
    signOff.add([check.ref, check.text, given ? answerWords[given.answer] : null, given?.comment ?? null, given?.checkedBy ?? null], { unlocked: [...answerColumns], wrap: true, choice: answerChoice });
  }
  await signOff.close();

  // who the workbook is for, hidden: an import checks it against the store
  const about = sheet(sheetNames.about, [16, 70], true, { state: 'veryHidden' });
  about.add(['workbook', identity.id]);
  about.add(['run', identity.runId]);
  about.add(['snapshot hash', identity.snapshotHash]);
  about.add(['spec hash', identity.specHash]);
  about.add(['figures not asked', r.totals.filter((t) => t.by !== null).map((t) => t.ref).join(',')]);
  // the audit log's head when written: a shorter or re-chained log disagrees with what the customer holds
  if (identity.auditHead) about.add(['audit head', identity.auditHead]);
  await about.close();

  await workbook.commit();
  return locked;
}
