import { sha256Hex } from '../core/canonical-json.js';

/** One table of a snapshot: a delivered file (or sheet) or a database table. */
export interface SnapshotTable {
  readonly name: string;
  /** the source in cutover.yaml it came from */
  readonly source: string;
  readonly columns: readonly string[];
  readonly types: readonly string[];
  /** what was read: format, encoding, delimiter, sheet, database */
  readonly details: Readonly<Record<string, string>>;
  readonly rows: number;
  /** SHA-256 of the table's rows as stored (before compression and encryption) */
  readonly sha256: string;
  /** the sealed blob of rows, inside the snapshot folder */
  readonly blob: string;
  /** for a delivered file: the file exactly as delivered, sealed */
  readonly original?: { readonly blob: string; readonly sha256: string; readonly bytes: number };
}

/** A snapshot's manifest: what was collected, from where, when, by whom, with hashes. */
export interface SnapshotManifest {
  readonly format: 2;
  readonly id: string;
  /** the hash of the whole: of every table's name and content hash */
  readonly hash: string;
  readonly sources: readonly { readonly name: string; readonly kind: 'files' | 'database'; readonly location: string }[];
  readonly collectedAt: string;
  readonly collectedBy: string;
  /** which key sealed it (a fingerprint, never the key) */
  readonly keyId: string;
  /** the audit log's head when it was collected: a shorter or re-chained log disagrees with it */
  readonly auditHead?: { readonly seq: number; readonly mac: string; readonly keyId: string };
  /** the sealed copy of this manifest, when not `manifest.seal` (a rekeyed snapshot) */
  readonly sealName?: string;
  readonly tables: readonly SnapshotTable[];
}

/**
 * The hash of a whole snapshot, over its tables' names and content hashes in name order,
 * and the null markers a table is read with: the same rows read otherwise are another snapshot.
 */
export function snapshotHash(tables: readonly (Pick<SnapshotTable, 'name' | 'sha256'> & { readonly details?: Readonly<Record<string, string>> })[]): string {
  const marks = (t: { readonly details?: Readonly<Record<string, string>> }) => (t.details?.['null_values'] === undefined ? '' : `  null_values=${t.details['null_values']}`);
  const lines = [...tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((t) => `${t.sha256}  ${t.name}${marks(t)}\n`);
  return sha256Hex(lines.join(''));
}

/** The additional data that binds a sealed blob to its place, so a blob moved elsewhere fails. */
export function blobBinding(blob: string): string {
  return `cutover-snapshot/${blob}`;
}
