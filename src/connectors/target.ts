import { CutoverError } from '../core/cutover-error.js';
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
  /**
   * A batch may commit without waiting for the server to flush it to disk (PostgreSQL's
   * `synchronous_commit = off`): a crash of the server then loses the last few batches
   * together with their checkpoints, never one without the other, and a run resumes
   * before them. A commit that waits flushes every commit before it.
   */
  readonly lazyCommit: boolean;
}

/** A database a run loads, with what it can do. */
export interface Target {
  readonly db: Database;
  /** Human name for messages, and how runs remember which database they loaded. */
  readonly label: string;
  readonly capabilities: TargetCapabilities;
  /**
   * Holds environment `env`, which loads `schema` of this target, until the target is
   * closed, refusing while another run holds it; `holder` says who, to whoever is refused.
   */
  claim(env: string, schema: string, holder: string): Promise<void>;
  /** Lets go of the target; the store's own database stays open for the store to close. */
  close(): Promise<void>;
}

/** The project's embedded database as a target: environments are schemas beside the store's. */
export function storeTarget(storeDb: Database): Target {
  return {
    db: storeDb,
    label: storeDb.label,
    capabilities: { bookkeeping: 'store', ownedByStore: true, lazyCommit: false },
    // the project's lock already keeps every other command out of the embedded database
    claim: async () => {},
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
    capabilities: { bookkeeping: 'own-schema', ownedByStore: false, lazyCommit: true },
    claim: (env, schema, holder) => claimOnServer(db, env, schema, holder),
    close: () => db.close(),
  };
}

// advisory locks are keyed by two numbers, in one database: one for Cutover, one for the schema loaded
const lockKeys = `hashtext('cutover'), hashtext($1)`;

/**
 * Takes a session-level advisory lock in the server itself, so a second copy of the
 * project (which has a lock file of its own) cannot load the same environment at the same time.
 */
async function claimOnServer(db: Database, env: string, schema: string, holder: string): Promise<void> {
  // shown to whoever is refused, through pg_stat_activity; the server keeps 63 bytes of it
  await db.query(`SELECT set_config('application_name', $1, false)`, [holder.slice(0, 63)]);
  const [taken] = await db.query<{ got: boolean }>(`SELECT pg_try_advisory_lock(${lockKeys}) AS got`, [schema]);
  // released when the connection closes, also when the process is killed
  if (taken?.got) return;
  const [other] = await db.query<{ who: string | null; since: string | null; address: string | null }>(
    `SELECT a.application_name AS who, to_char(a.backend_start, 'YYYY-MM-DD HH24:MI') AS since, host(a.client_addr) AS address
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND l.classid = hashtext('cutover')::oid AND l.objid = hashtext($1)::oid`,
    [schema],
  );
  const who = other?.who ? `"${other.who}"` : 'another Cutover command';
  const where = [other?.address ? `from ${other.address}` : '', other?.since ? `connected since ${other.since}` : ''].filter(Boolean).join(', ');
  throw new CutoverError(
    'target_busy',
    `Environment "${env}" in ${maskUrl(db.label)} is being loaded by ${who}${where ? ` (${where})` : ''}. ` +
      'Two runs into one environment would mix their rows: wait until that run ends, or stop it, then run this again.',
  );
}
