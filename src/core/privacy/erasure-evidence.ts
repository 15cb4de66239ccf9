import type { ErasureMatch } from './erasure-entry.js';

/** One entry of a list as the evidence shows it: its salted hash, never its value. */
export interface ErasureEntryEvidence {
  readonly hash: string;
  /** rows of the entity the entry matches in the snapshot */
  readonly found: number;
  /** of those, rows the run kept out */
  readonly keptOut: number;
}

/** One list's evidence. */
export interface ErasureListEvidence {
  readonly id: string;
  readonly entity: string;
  readonly match: ErasureMatch;
  readonly importedAt: string;
  readonly importedBy: string;
  readonly asked: number;
  /** entries with at least one row in the snapshot */
  readonly found: number;
  readonly notFound: number;
  /** rows of the entity the run kept out by this list */
  readonly rowsKeptOut: number;
  /** rows of other entities kept out because they name one of those, per entity */
  readonly childrenKeptOut: Readonly<Record<string, number>>;
  /** false when the run started before the list was imported: run again to apply it */
  readonly appliedByRun: boolean;
  readonly entries: readonly ErasureEntryEvidence[];
}

/** One retention rule's evidence: rows left behind, and the rows of other entities that went with them. */
export interface RetentionEvidence {
  readonly entity: string;
  readonly rule: string;
  readonly rowsKeptOut: number;
  readonly childrenKeptOut: Readonly<Record<string, number>>;
}

/** What the customer's data protection officer keeps: per list and rule, counts and salted hashes only. */
export interface ErasureReport {
  readonly customer: string;
  readonly generatedAt: string;
  readonly snapshot: { readonly id: string; readonly hash: string; readonly collectedAt: string };
  readonly runId: number;
  readonly env: string;
  readonly lists: readonly ErasureListEvidence[];
  readonly retention: readonly RetentionEvidence[];
}
