export { pairColumns, type ColumnPair, type ColumnPairing, type PairingInput } from './column-pairing.js';
export { DiffTally } from './diff-tally.js';
export { compareKeys, keyBefore } from './key-order.js';
export { changedColumns, decodedRows, mergeSortedSides, type RowReading } from './row-merge.js';
export type { Keyed, KeyedRow, RowChange, TableDiffSummary } from './row-change.js';
