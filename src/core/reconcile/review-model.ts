/** Who and what a review workbook is for: written into it, and kept in the store to know it again. */
export interface WorkbookIdentity {
  readonly id: string;
  readonly runId: number;
  readonly snapshotHash: string;
  readonly specHash: string;
  readonly writtenAt: string;
  /** the audit log's head when it was written (number, hash and key id), kept hidden in the workbook */
  readonly auditHead?: string;
}

/** An answer the customer gave, as stored. */
export interface ReviewAnswer {
  readonly ref: string;
  readonly answer: 'confirmed' | 'query';
  readonly comment: string | null;
  readonly checkedBy: string | null;
}

/** Per sheet, a hash of the cells Cutover filled in and, for the sheets people work in, the cells themselves. */
export type LockedCells = Record<string, { sha256: string; cells?: Record<string, string> }>;
