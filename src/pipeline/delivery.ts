import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { DeliveryContract } from '../core/contract/index.js';
import { CutoverError } from '../core/cutover-error.js';
import { isFileSource, type FileReadOptions } from '../core/project-config.js';
import { fileDelivery, snapshotDelivery, type OpenedDelivery } from './check.js';
import type { ProjectSession } from './project-session.js';
import { readVerifiedSnapshot } from './verified-snapshot.js';

/** A delivery chosen by what the user named, opened for reading. */
export interface ChosenDelivery {
  readonly delivery: OpenedDelivery;
  /** in words: "snapshot 1a2b3c4d5e6f", or the file's name */
  readonly subject: string;
  /** the snapshot's id, when it is one: reading it is worth the audit log */
  readonly snapshotId?: string;
}

/** True when `named` is a delivered file or folder rather than a snapshot id. */
export function namesFile(named: string | undefined): named is string {
  if (named === undefined) return false;
  if (existsSync(resolve(named))) return true;
  // snapshot ids are letters and digits; a name with a dot or a slash was meant as a file
  if (/[./\\]/.test(named)) {
    throw new CutoverError('file_missing', `${named} was not found: name a delivered file, a folder of them, or a snapshot id ("cutover snapshots" lists them).`, { where: { file: named } });
  }
  return false;
}

/**
 * Opens what the user named: a delivered file or folder (read as Cutover reads it, only
 * the files the contract names when there is one), else a snapshot id, the latest by default.
 */
export async function chooseDelivery(session: ProjectSession, named: string | undefined, contract?: DeliveryContract): Promise<ChosenDelivery> {
  if (namesFile(named)) {
    const path = resolve(named);
    // a file is read with the options cutover.yaml gives it (encoding, delimiter, null markers…)
    const config = await session.configIfAny();
    const options = Object.assign({}, ...Object.values(config?.sources ?? {}).filter(isFileSource).map((source) => source.options)) as Record<string, FileReadOptions>;
    return { delivery: await fileDelivery(path, options, contract), subject: basename(path) };
  }
  const manifest = await readVerifiedSnapshot(session, named ?? 'latest');
  return { delivery: snapshotDelivery(session.layout, manifest, await session.key()), subject: `snapshot ${manifest.id}`, snapshotId: manifest.id };
}
