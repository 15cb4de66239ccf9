import type { ErrorCode } from '../core/cutover-error.js';
import type { KeyRuling } from '../core/dedup/index.js';
import type { PrivacyRules } from '../core/privacy/index.js';
import type { FingerprintKind } from '../core/reconcile/row-fingerprint.js';
import type { SourceMoney } from '../core/reconcile/index.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import type { ProjectLayout } from '../store/project-layout.js';
import type { MappedBatch } from './entity-mapper.js';

/** What the mapping thread is started with: everything to read the snapshot and map it, cloned across. */
export interface MappingInit {
  readonly layout: ProjectLayout;
  readonly snapshot: SnapshotManifest;
  readonly key: { readonly bytes: Uint8Array; readonly variable: string };
  readonly specFiles: readonly { readonly file: string; readonly text: string }[];
  /** per entity, how far an interrupted attempt of this run got */
  readonly checkpoints: Readonly<Record<string, { readonly rowsRead: number; readonly done: boolean }>>;
  /** per entity, the source keys the target refused in that attempt */
  readonly refused: Readonly<Record<string, readonly string[]>>;
  readonly batchRows?: number;
  /** per target table, the first id of the block reserved in the new system's own sequence */
  readonly firstIds?: Readonly<Record<string, number>>;
  /** per entity with a dedup section, the rulings people made in review, by source keys */
  readonly dedupRulings?: Readonly<Record<string, readonly KeyRuling[]>>;
  /** the erasure lists to apply and the day retention counts from (sets clone across) */
  readonly privacy?: PrivacyRules;
  /** per entity, how each of its fields' target columns is fingerprinted (see `rowFingerprint`) */
  readonly fingerprintKinds?: Readonly<Record<string, readonly FingerprintKind[]>>;
}

/** What the mapping thread reports once every batch is loaded. */
export interface MappingFinished {
  /** the source side of the money check, added up while mapping */
  readonly money: readonly SourceMoney[];
  /** per snapshot blob, how many times the thread opened it */
  readonly reads: Readonly<Record<string, number>>;
}

/** From the mapping thread to the loader. */
export type MappingMessage =
  | { readonly type: 'batch'; readonly batch: MappedBatch }
  /** the last message, sent once the loader has answered for every batch */
  | ({ readonly type: 'finished' } & MappingFinished)
  | { readonly type: 'failed'; readonly code: ErrorCode | null; readonly message: string; readonly stack: string | undefined };

/** From the loader to the mapping thread: a batch is loaded; the target refused the rows with these keys. */
export type LoaderMessage = { readonly type: 'loaded'; readonly entity: string; readonly refused: readonly string[] };
