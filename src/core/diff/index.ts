export { pairColumns, type ColumnPair, type ColumnPairing, type PairingInput } from './column-pairing.js';
export { DiffTally } from './diff-tally.js';
export { compareKeys, keyBefore } from './key-order.js';
export { changedColumns, mergeSortedSides } from './row-merge.js';
export type { KeyedRow, RowChange, TableDiffSummary } from './row-change.js';
