import { readFileSync } from 'node:fs';
import { CutoverError } from '../core/cutover-error.js';

/** Every kind of defect the sample export plants. */
export type DefectKind =
  | 'utf8-bom'
  | 'windows-1252'
  | 'semicolon-delimiter'
  | 'crlf-line-ends'
  | 'date-format-variant'
  | 'impossible-date'
  | 'money-format'
  | 'blank-key'
  | 'duplicate-key'
  | 'orphan'
  | 'near-duplicate-person'
  | 'role-of-duplicate'
  | 'test-record'
  | 'ragged-row'
  | 'embedded-newline';

/** The spec's entity names, one per file. */
export type SampleEntity = 'person' | 'person_role' | 'supplier' | 'property' | 'tenancy' | 'diary_entry' | 'opening_balance';

/** What a correct run must do with the row (or file): the ledger's outcome, or `repaired` when it loads. */
export type DefectOutcome = 'rejected' | 'excluded' | 'merged' | 'repaired';

/** The ledger's reject reasons a planted defect can cause. */
export type PlantedRejectReason = 'blank_key' | 'duplicate_key' | 'invalid_value' | 'orphan' | 'ragged_row';

/**
 * One planted defect. `line` is the 1-based physical line the record starts on (the
 * header is line 1); `key` the row's trimmed source key ('' when blank, `P0000001 / APP`
 * for a role). `field` names the target column; `expected` is that column's value in
 * the target as PostgreSQL prints it as text; `survivor` the source key merged into.
 */
export interface PlantedDefect {
  readonly kind: DefectKind;
  readonly file: string;
  readonly line: number;
  readonly key: string;
  readonly entity: SampleEntity;
  readonly outcome: DefectOutcome;
  /** a PlantedRejectReason, or the exclusion rule's name */
  readonly reason?: string;
  readonly field?: string;
  readonly expected?: string;
  readonly survivor?: string;
  readonly note: string;
}

/** The whole manifest, as `defects.json` holds it. */
export interface DefectManifest {
  readonly seed: number;
  /** the rows asked for, not the exact total written */
  readonly rows: number;
  readonly defects: readonly PlantedDefect[];
}

/**
 * Reads a `defects.json` written by writeSampleExport (for tests and reports; it holds
 * the whole manifest in memory, so use it on samples of test size).
 */
export function readDefectManifest(path: string): DefectManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new CutoverError('manifest_unreadable', `The defect manifest ${path} could not be read as JSON. Write the sample again.`, { cause, where: { file: path } });
  }
  const manifest = parsed as Partial<DefectManifest> | null;
  if (manifest === null || typeof manifest !== 'object' || typeof manifest.seed !== 'number' || typeof manifest.rows !== 'number' || !Array.isArray(manifest.defects)) {
    throw new CutoverError('manifest_invalid', `The defect manifest ${path} has no seed, rows and defects list. Write the sample again.`, { where: { file: path } });
  }
  return manifest as DefectManifest;
}
