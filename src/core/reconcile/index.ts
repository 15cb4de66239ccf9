export { compileChecklistFilter, describeFilter, type RowFilter } from './checklist-filter.js';
export { ColumnDigest } from './column-digest.js';
export { readFigure, type FigureReading } from './customer-figure.js';
export { explanationWords } from './ledger-words.js';
export { SamplePicker } from './sample-picker.js';
export { signOffRefusals, type SignOffFacts } from './signoff-refusals.js';
export { unexplainedCount, verdictWords } from './verdict.js';
export { compareCounts, compareTotals, totalGroup, type CountInput, type TotalInput } from './three-way.js';
export type {
  ColumnCheck,
  CountLine,
  Explanation,
  LineStatus,
  Reconciliation,
  RecordNote,
  SampleField,
  SampleRecord,
  TotalGroup,
  TotalLine,
} from './reconcile-model.js';
export type { LockedCells, ReviewAnswer, WorkbookIdentity } from './review-model.js';
export { SourceMoneyTally, type RowMoney, type SourceMoney } from './source-money.js';
