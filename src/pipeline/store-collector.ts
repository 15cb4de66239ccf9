import type { KeyMapsFreed } from '../core/run-result.js';
import { dropSupersededKeyMaps } from '../store/key-map-collector.js';
import type { ProjectSession } from './project-session.js';

/**
 * Frees the store of what no command needs any more: the key maps of runs a later
 * successful run of the same environment superseded (a successful run does the same for
 * its own environment). Ledgers and books stay, as do the key maps of the latest run of
 * each environment, of signed-off runs and of live environments.
 */
export async function collectStore(session: ProjectSession): Promise<KeyMapsFreed> {
  const store = await session.store();
  const freed = await dropSupersededKeyMaps(store.db, session.clock());
  await session.audit('store.collected', 'key maps', { runs: freed.runs, bytes: freed.bytes });
  return freed;
}
