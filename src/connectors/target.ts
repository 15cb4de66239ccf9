import { maskUrl } from '../core/url-mask.js';
import type { Database } from './database.js';
import { checkDatabaseAddress, openDatabase } from './open-database.js';

/**
 * Where things go for a target: asked by the steps, never guessed from its kind. (Every
 * target takes rows by COPY through `Database.copyIn`, so that needs no flag.)
 */
export interface TargetCapabilities {
  /**
   * Where a run's ledger, key map and checkpoints are written, beside the target rows so
   * one transaction holds both: the store's own tables, or a schema of the target's own
   * per environment, copied into the store when the run ends.
   */
  readonly bookkeeping: 'store' | 'own-schema';
  /** the target is the store's own database: the store opened it and closes it, and reads share its transactions */
  readonly ownedByStore: boolean;
}

/** A database a run loads, with what it can do. */
export interface Target {
  readonly db: Database;
  /** Human name for messages, and how runs remember which database they loaded. */
  readonly label: string;
  readonly capabilities: TargetCapabilities;
  /** Lets go of the target; the store's own database stays open for the store to close. */
  close(): Promise<void>;
}

/** The project's embedded database as a target: environments are schemas beside the store's. */
export function storeTarget(storeDb: Database): Target {
  return {
    db: storeDb,
    label: storeDb.label,
    capabilities: { bookkeeping: 'store', ownedByStore: true },
    close: async () => {},
  };
}

/**
 * Opens a target by its `postgres://` or `postgresql://` URL; anything else is refused
 * (the embedded target is an environment's `database: embedded`, never an address).
 */
export async function openTarget(address: string): Promise<Target> {
  const db = await openDatabase(checkDatabaseAddress(address));
  return {
    db,
    label: maskUrl(db.label),
    capabilities: { bookkeeping: 'own-schema', ownedByStore: false },
    close: () => db.close(),
  };
}
