/** Why a source row was not loaded. A closed set: reports and tests rely on it. */
export type RejectReason = 'ragged_row' | 'blank_key' | 'duplicate_key' | 'invalid_value' | 'orphan' | 'target_constraint';

/** What became of a source row that was not loaded. */
export type LedgerOutcome = 'rejected' | 'excluded' | 'merged';

/** One source row that did not become a target row of its own, and why. */
export interface LedgerEntry {
  readonly entity: string;
  readonly file: string;
  readonly line: number;
  readonly sourceKey: string | null;
  readonly outcome: LedgerOutcome;
  /** a RejectReason, the exclusion rule's name, or `merged` */
  readonly reason: string;
  readonly field: string | null;
  readonly value: string | null;
  readonly message: string;
  readonly survivorKey: string | null;
}

/** One entity's books for one run. */
export interface Books {
  readonly source: number;
  readonly loaded: number;
  readonly rejected: number;
  readonly excluded: number;
  readonly merged: number;
}

/** The ledger's identity: every source row is loaded, rejected, excluded or merged. */
export function booksBalance(b: Books): boolean {
  return b.source === b.loaded + b.rejected + b.excluded + b.merged;
}

/** How far the books are off: positive when rows are unaccounted for. */
export function booksDifference(b: Books): number {
  return b.source - (b.loaded + b.rejected + b.excluded + b.merged);
}

/** Plain words for each reject reason, for people who know their data, not SQL. */
export const rejectReasonLabels: Readonly<Record<RejectReason, string>> = {
  ragged_row: 'the row has more or fewer values than the file has columns',
  blank_key: 'the row has no reference (its key is blank)',
  duplicate_key: 'the reference was already used by an earlier row',
  invalid_value: 'a value could not be read',
  orphan: 'it points at a record that does not exist',
  target_constraint: 'the new system refused the row',
};
/** One source row that was not imported, in words for the customer. */
export interface RejectedRow {
  readonly entity: string;
  readonly file: string;
  readonly line: number;
  readonly reference: string;
  /** not imported, left out by a rule, or merged */
  readonly outcome: LedgerOutcome;
  readonly reason: string;
  /** the reason in plain words */
  readonly why: string;
  readonly field: string | null;
  readonly value: string | null;
  readonly message: string;
}

/** How an orphan's message says its parent was delivered but not imported (`its customer "C1", line 12, was not imported: …`). */
export const parentNotImported = 'was not imported:';
/** How an orphan's message says its parent is not in the delivery at all (`there is no customer "C9" in customers.csv`). */
export const parentNotDelivered = 'there is no';

/** An orphan in words: whether its parent was not imported or not delivered, when its message says which. */
function orphanWords(message: string | undefined): string {
  if (message?.includes(parentNotImported)) return 'it points at a record that was not imported itself';
  if (message?.includes(`: ${parentNotDelivered} `)) return 'it points at a record that is not in the delivery';
  return rejectReasonLabels.orphan;
}

/** Plain words for a ledger reason; an orphan's `message` tells which kind of orphan it is. */
export function whyInWords(outcome: string, reason: string, message?: string): string {
  if (outcome === 'excluded') return `left out by the rule "${reason}"`;
  if (outcome === 'merged') return 'merged into another record';
  if (reason === 'orphan') return orphanWords(message);
  return rejectReasonLabels[reason as RejectReason] ?? reason;
}

