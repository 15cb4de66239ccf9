export { generateSnapshotKey, SnapshotKey, snapshotKeyFrom } from './snapshot-key.js';
export { createSealWriter } from './seal-writer.js';
export type { SealSummary, SealWriter, SealWriterOptions } from './seal-writer.js';
export { checkSealedHeader, openSealReader } from './seal-reader.js';
export { hashSealed } from './sealed-hash.js';
export type { SealedContent } from './sealed-hash.js';
