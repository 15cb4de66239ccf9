import { constants } from 'node:fs';
import { lstat, open, readdir, readlink, rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { openFileSources } from '../connectors/file-sources.js';
import type { SourceTable } from '../connectors/source.js';
import { CutoverError } from '../core/cutover-error.js';
import { maskUrl } from '../core/url-mask.js';
import { isFileSource, type DatabaseSourceConfig, type FileSourceConfig, type ProjectConfig } from '../core/project-config.js';
import { blobBinding, type SnapshotManifest, type SnapshotTable } from '../store/snapshot-manifest.js';
import { publishSnapshot, startSnapshot } from '../store/snapshot-store.js';
import { writeSnapshotTable } from '../store/snapshot-table-writer.js';
import { createSealWriter, type SnapshotKey } from '../store/sealed/index.js';
import { currentFreezes, type Freeze } from '../store/freeze-records.js';
import { readAuditHead } from '../store/audit-log.js';
import type { ProjectSession } from './project-session.js';

/** What a collect did: the snapshot, whether the same content was already collected, and the freezes on. */
export interface CollectResult {
  readonly snapshot: SnapshotManifest;
  readonly reused: boolean;
  /** freeze windows on at the time: a reminder that the legacy system must not change */
  readonly freezes: readonly Freeze[];
}

/** What to collect. */
export interface CollectOptions {
  /** source names from cutover.yaml; all of them when empty */
  readonly sources?: readonly string[];
  readonly onTable?: (table: string, rows: number) => void;
}

/** A collect under way: the session's project, its config and key, and the options. */
interface CollectRequest extends CollectOptions {
  readonly session: ProjectSession;
  readonly config: ProjectConfig;
  readonly key: SnapshotKey;
}

/** `*.csv` -> a RegExp matching whole file names. */
function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  return new RegExp(`^${body}$`, 'i');
}

/**
 * Collects sources into one immutable, encrypted snapshot: every delivered file is
 * sealed as delivered and its rows as read; every database table is read in key order
 * in one consistent read. The snapshot appears only when complete; on any failure
 * nothing is left behind.
 */
export async function collect(session: ProjectSession, o: CollectOptions = {}): Promise<CollectResult> {
  const req: CollectRequest = { ...o, session, config: await session.config(), key: await session.key() };
  const { layout } = session;
  // the store is locked first: no other command may collect or read half a snapshot meanwhile
  await session.store();
  const names = o.sources !== undefined && o.sources.length > 0 ? o.sources : Object.keys(req.config.sources);
  for (const n of names) {
    if (!req.config.sources[n]) {
      throw new CutoverError('source_unknown', `cutover.yaml has no source "${n}" (it has: ${Object.keys(req.config.sources).join(', ')}).`);
    }
  }
  const partial = await startSnapshot(layout);
  try {
    const tables: SnapshotTable[] = [];
    const sources: SnapshotManifest['sources'][number][] = [];
    const blobName = (prefix: string) => `${prefix}${String(tables.length + 1).padStart(4, '0')}.seal`;
    const add = async (source: string, table: SourceTable, original?: SnapshotTable['original']) => {
      if (tables.some((t) => t.name === table.name)) {
        throw new CutoverError('table_twice', `Two sources hold a table named "${table.name}" (${tables.find((t) => t.name === table.name)!.source} and ${source}). Rename one of the files, or collect the sources into separate projects.`);
      }
      const blob = blobName('rows-');
      const written = await writeSnapshotTable(table, partial, blob, req.key, session.signal);
      req.onTable?.(table.name, written.rows);
      tables.push({
        name: table.name, source, columns: table.columns, types: table.types, details: table.details ?? {},
        rows: written.rows, sha256: written.sha256, blob, ...(original ? { original } : {}),
      });
    };
    for (const name of names) {
      const config = req.config.sources[name]!;
      if (isFileSource(config)) {
        sources.push({ name, kind: 'files', location: config.files });
        await collectFolder(req, name, config, partial, blobName, add);
      } else {
        const location = await collectDatabase(req, name, config, add);
        sources.push({ name, kind: 'database', location });
      }
    }
    const { manifest, reused } = await publishSnapshot(layout, partial, req.key, {
      sources, collectedAt: session.clock().toISOString(), collectedBy: session.actor, tables,
      auditHead: await readAuditHead((await session.store()).db, req.key),
    });
    if (!reused) {
      await session.audit('snapshot.collected', `snapshot ${manifest.id}`, {
        hash: manifest.hash, sources: names, tables: Object.fromEntries(tables.map((t) => [t.name, { rows: t.rows, sha256: t.sha256 }])),
      });
    }
    return { snapshot: manifest, reused, freezes: await currentFreezes((await session.store()).db) };
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

async function collectFolder(
  req: CollectRequest,
  source: string,
  config: FileSourceConfig,
  partial: string,
  blobName: (prefix: string) => string,
  add: (source: string, table: SourceTable, original: SnapshotTable['original']) => Promise<void>,
): Promise<void> {
  const root = req.session.layout.root;
  const folder = join(root, config.files);
  const shown = relative(root, folder) || '.';
  let names: string[];
  try {
    names = (await readdir(folder)).sort();
  } catch (cause) {
    throw new CutoverError('source_missing', `The delivery folder ${shown} of source "${source}" could not be read (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}). Check "files" in cutover.yaml.`, { cause, where: { file: folder } });
  }
  const patterns = config.include.map(globToRegExp);
  const chosen = names.filter((n) => patterns.some((p) => p.test(n)));
  if (chosen.length === 0) {
    throw new CutoverError('source_empty', `The delivery folder ${shown} has no file matching ${config.include.join(', ')}. Check "include" of source "${source}" in cutover.yaml.`);
  }
  for (const name of chosen) {
    const path = join(folder, name);
    const unreadable = (cause: unknown) =>
      new CutoverError('file_unreadable', `${shown}/${name} could not be read (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}). Replace it with a readable file, or leave it out of "include", and collect again. Nothing was collected.`, { cause, where: { file: path } });
    if (config.follow_links !== true) await refuseLink(path, `${shown}/${name}`, source);
    const before = await stat(path).catch((cause: unknown) => { throw unreadable(cause); });
    if (!before.isFile()) throw unreadable(Object.assign(new Error('not a file'), { code: 'EISDIR' }));
    const blob = blobName('file-');
    const writer = createSealWriter(join(partial, blob), req.key, blobBinding(blob));
    try {
      // O_NOFOLLOW: a file swapped for a link after the check above is not followed either
      const file = await open(path, config.follow_links === true ? constants.O_RDONLY : constants.O_RDONLY | constants.O_NOFOLLOW);
      for await (const chunk of file.createReadStream()) await writer.write(chunk as Buffer);
    } catch (cause) {
      await writer.abort();
      throw unreadable(cause);
    }
    const sealed = await writer.finish();
    const original = { blob, sha256: sealed.sha256, bytes: sealed.plainBytes };
    for (const table of await openFileSources(path, name, config.options[name] ?? {})) {
      try {
        await add(source, table, original);
      } finally {
        await table.close();
      }
    }
    const after = await stat(path).catch((cause: unknown) => { throw unreadable(cause); });
    if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
      throw new CutoverError('file_changed', `${shown}/${name} changed while it was being collected. Wait until the delivery is complete, then collect again. Nothing was collected.`, { where: { file: path } });
    }
  }
}

/** Refuses a symbolic link in a delivery: it may point at any file of this machine, which would then be sealed and read. */
async function refuseLink(path: string, shown: string, source: string): Promise<void> {
  const info = await lstat(path).catch(() => undefined);
  if (!info?.isSymbolicLink()) return;
  const target = await readlink(path).catch(() => '?');
  throw new CutoverError(
    'outside_project',
    `${shown} is a symbolic link to ${target}, not a delivered file. A link may point at any file on this machine, so Cutover does not follow it. ` +
      `Copy the file itself into the delivery folder, or set "follow_links: true" for source "${source}" in cutover.yaml, and collect again. Nothing was collected.`,
    { where: { file: path } },
  );
}

async function collectDatabase(
  req: CollectRequest,
  source: string,
  config: DatabaseSourceConfig,
  add: (source: string, table: SourceTable) => Promise<void>,
): Promise<string> {
  const url = req.session.env[config.database_url_env];
  if (!url) {
    throw new CutoverError('env_unset', `Source "${source}" takes its database URL from the variable ${config.database_url_env}, which is not set. Set it, e.g. ${config.database_url_env}=mysql://user@host:3306/crm (the password too, if any: it is never written down).`);
  }
  const { openTableSources } = await import('../connectors/table-sources.js');
  const tables = await openTableSources(url, config.tables);
  try {
    for (const table of tables) await add(source, table);
  } finally {
    await Promise.all(tables.map((t) => t.close()));
  }
  return maskUrl(url);
}
