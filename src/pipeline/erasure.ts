import { randomBytes, createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { CutoverError } from '../core/cutover-error.js';
import { ColumnBinder, compileEntity } from '../core/mapping/index.js';
import { compileErasureProbe, erasureMatches, type ErasureListEvidence, type ErasureReport, type RetentionEvidence, readErasureList as readListText, type ErasureMatch, type PrivacyRules } from '../core/privacy/index.js';
import { parseSpecFiles, type EntitySpec } from '../core/spec/index.js';
import { listErasureLists, readErasureList, saveErasureList, type ErasureListManifest } from '../store/erasure-lists.js';
import { readKeptOutEntries } from '../store/ledger-records.js';
import { readRunFacts, resolveRunId, runStartedAt } from '../store/run-records.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import type { SnapshotKey } from '../store/sealed/index.js';
import { readProjectSpec } from './project-files.js';
import type { ProjectSession } from './project-session.js';
import { readVerifiedSnapshot } from './verified-snapshot.js';
import { renderErasureReport } from '../report/erasure-html.js';
import { writeFileAside } from '../report/file-aside.js';

export type { ErasureListManifest } from '../store/erasure-lists.js';

/** What `cutover erase import` is given. */
export interface ErasureImport {
  readonly file: string;
  readonly entity: string;
  /** what each line names; key by default */
  readonly match?: ErasureMatch;
  /** the source column an e-mail or phone list is matched against; by default the one the entity's field of that name reads */
  readonly column?: string;
}

// field names that say which column holds an e-mail or phone number
const FIELD_WORDS: Readonly<Record<Exclude<ErasureMatch, 'key'>, RegExp>> = { email: /e_?mail/i, phone: /phone|mobile|tel/i };

/** The source column an e-mail or phone list is matched against: the one given, or the one the entity's e-mail (phone) field reads. */
function matchColumn(entity: EntitySpec, match: Exclude<ErasureMatch, 'key'>, column: string | undefined): string {
  const read = entity.fields.flatMap((f) => (f.from === undefined ? [] : [{ field: f.name, column: f.from }]));
  if (column !== undefined) {
    if (read.some((r) => r.column === column)) return column;
    throw new CutoverError('invalid_option', `Entity "${entity.name}" reads no column "${column}" (it reads: ${read.map((r) => r.column).join(', ')}). Give --column the source column that holds the ${match === 'email' ? 'e-mail addresses' : 'phone numbers'}.`);
  }
  const found = read.filter((r) => FIELD_WORDS[match].test(r.field));
  if (found.length === 1) return found[0]!.column;
  throw new CutoverError('invalid_option', `Entity "${entity.name}" has ${found.length === 0 ? 'no field that looks' : 'several fields that look'} like ${match === 'email' ? 'an e-mail address' : 'a phone number'}${found.length === 0 ? '' : ` (${found.map((r) => r.field).join(', ')})`}: say which source column to match with --column COLUMN.`);
}

/** Reads the list file as text; a file that is not text is refused, naming it. */
async function listText(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CutoverError('file_missing', `There is no file ${path}. Give the path of the erasure list, one entry a line.`, { cause });
    throw new CutoverError('file_unreadable', `${path} cannot be read (${code ?? (cause as Error).message}).`, { cause });
  }
  if (bytes.includes(0)) throw new CutoverError('file_binary', `${path} holds binary data, not an erasure list: save it as text (UTF-8), one entry a line.`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new CutoverError('file_binary', `${path} is not UTF-8 text: save the erasure list as UTF-8, one entry a line.`, { cause });
  }
}

/**
 * Imports an erasure list into the project: every line read into its matching form, and
 * sealed with a salt of its own under the snapshot key. Nothing is kept when any line
 * cannot be read; every bad line is named with its number. Every later run applies it.
 * @example importErasureList(session, { file: 'forget.txt', entity: 'person', match: 'email' })
 */
export async function importErasureList(session: ProjectSession, o: ErasureImport): Promise<ErasureListManifest> {
  const match = o.match ?? 'key';
  if (!(erasureMatches as readonly string[]).includes(match)) {
    throw new CutoverError('invalid_option', `--match must be one of ${erasureMatches.join(', ')}, not "${match}".`);
  }
  const { spec } = await readProjectSpec(session.layout, await session.config());
  const entity = spec.entities.find((e) => e.name === o.entity);
  if (entity === undefined) {
    throw new CutoverError('invalid_option', `The spec has no entity "${o.entity}" (it has: ${spec.entities.map((e) => e.name).join(', ')}). Name the entity the people on the list are rows of.`);
  }
  const column = match === 'key' ? undefined : matchColumn(entity, match, o.column);
  const path = resolve(o.file);
  const reading = readListText(await listText(path), match, entity.key);
  if (reading.problems.length > 0) {
    const shown = reading.problems.slice(0, 10).map((p) => `line ${p.line}: ${p.message}`).join('; ');
    const more = reading.problems.length > 10 ? `; and ${reading.problems.length - 10} more` : '';
    throw new CutoverError('erasure_list_invalid', `${path} has ${reading.problems.length === 1 ? `a line that is not ${match === 'email' ? 'an' : 'a'} ${entryWords(match, entity, 1)}` : `${reading.problems.length} lines that are not ${entryWords(match, entity)}`}: ${shown}${more}. Correct the list and import it again; nothing was imported.`);
  }
  if (reading.entries.length === 0) {
    throw new CutoverError('file_empty', `${path} holds no entries: write one ${entryWords(match, entity, 1)} a line.`);
  }
  // the store's lock is held while the list is written, as for a snapshot
  await session.store();
  const manifest = await saveErasureList(session.layout, await session.key(), {
    entity: entity.name, match, ...(column === undefined ? {} : { column }), importedAt: session.clock().toISOString(), importedBy: session.actor,
  }, { salt: randomBytes(16).toString('hex'), entries: reading.entries });
  // the file's name only: its path may name the person who asked
  await session.audit('erasure.imported', `erasure list ${manifest.id}`, { entity: entity.name, match, entries: manifest.count, file: basename(path) });
  return manifest;
}

function entryWords(match: ErasureMatch, entity: EntitySpec, count = 2): string {
  const s = count === 1 ? '' : 's';
  if (match === 'email') return `e-mail address${count === 1 ? '' : 'es'}`;
  if (match === 'phone') return `phone number${s}`;
  return `key${s} of ${entity.name} (${entity.key.join(' | ')})`;
}

/** Every imported list, as `cutover erase list` shows it: never an entry. */
export function erasureLists(session: ProjectSession): Promise<ErasureListManifest[]> {
  return listErasureLists(session.layout);
}

/** The erasure lists and reference day a run over `snapshot` applies. */
export async function privacyRules(session: ProjectSession, key: SnapshotKey, snapshot: SnapshotManifest): Promise<PrivacyRules> {
  const lists = [];
  for (const manifest of await listErasureLists(session.layout)) {
    const content = await readErasureList(session.layout, manifest, key);
    lists.push({ id: manifest.id, entity: manifest.entity, match: manifest.match, ...(manifest.column === undefined ? {} : { column: manifest.column }), entries: new Set(content.entries) });
  }
  return { lists, referenceDate: snapshot.collectedAt.slice(0, 10) };
}

/** An entry's salted hash: SHA-256 of the list's salt and the entry. */
export function saltedHash(salt: string, entry: string): string {
  return createHash('sha256').update(`${salt}\n${entry}`).digest('hex');
}

/**
 * The evidence of erasure and retention for the latest run (or the one named): per list,
 * how many were asked, found in the run's snapshot and kept out, with their children;
 * each entry only as its salted hash. Per retention rule, the rows it left behind.
 */
export async function erasureReport(session: ProjectSession, o: { readonly runId?: number } = {}): Promise<ErasureReport> {
  const { db } = await session.store();
  const key = await session.key();
  const runId = await resolveRunId(db, o.runId === undefined ? undefined : String(o.runId));
  const run = await readRunFacts(db, runId);
  const started = await runStartedAt(db, runId);
  const snapshot = await readVerifiedSnapshot(session, run.snapshotId);
  const spec = run.specFiles === null ? (await readProjectSpec(session.layout, await session.config())).spec : parseSpecFiles(run.specFiles);
  const keptOut = await readKeptOutEntries(db, runId);
  const lists: ErasureListEvidence[] = [];
  for (const manifest of await listErasureLists(session.layout)) {
    const content = await readErasureList(session.layout, manifest, key);
    const entity = spec.entities.find((e) => e.name === manifest.entity);
    const matched = entity === undefined ? new Map<string, (string | null)[]>() : await matchInSnapshot(session, snapshot, key, entity, manifest, new Set(content.entries));
    const erasedKeys = new Set(keptOut.filter((k) => k.entity === manifest.entity && k.reason.startsWith('erasure:')).map((k) => k.sourceKey));
    const entries = content.entries.map((entry) => {
      const keys = matched.get(entry) ?? [];
      return { hash: saltedHash(content.salt, entry), found: keys.length, keptOut: keys.filter((k) => erasedKeys.has(k)).length };
    }).sort((a, b) => (a.hash < b.hash ? -1 : 1));
    const mine = keptOut.filter((k) => k.reason === `erasure:${manifest.id}`);
    lists.push({
      id: manifest.id, entity: manifest.entity, match: manifest.match, importedAt: manifest.importedAt, importedBy: manifest.importedBy,
      asked: content.entries.length, found: entries.filter((e) => e.found > 0).length, notFound: entries.filter((e) => e.found === 0).length,
      rowsKeptOut: mine.filter((k) => k.entity === manifest.entity).length,
      childrenKeptOut: countByEntity(mine.filter((k) => k.entity !== manifest.entity)),
      appliedByRun: started.getTime() >= Date.parse(manifest.importedAt),
      entries,
    });
  }
  const retention: RetentionEvidence[] = spec.entities.flatMap((entity) => (entity.retention ?? []).map((r) => {
    const mine = keptOut.filter((k) => k.reason === `retention:${r.rule}`);
    return { entity: entity.name, rule: r.rule, rowsKeptOut: mine.filter((k) => k.entity === entity.name).length, childrenKeptOut: countByEntity(mine.filter((k) => k.entity !== entity.name)) };
  }));
  return {
    customer: (await session.config()).customer,
    generatedAt: session.clock().toISOString(),
    snapshot: { id: snapshot.id, hash: snapshot.hash, collectedAt: snapshot.collectedAt },
    runId, env: run.env, lists, retention,
  };
}

function countByEntity(entries: readonly { entity: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of entries) out[e.entity] = (out[e.entity] ?? 0) + 1;
  return out;
}

/** Per entry of a list, the source keys of the entity's rows in the snapshot it matches. */
async function matchInSnapshot(
  session: ProjectSession, snapshot: SnapshotManifest, key: SnapshotKey, entity: EntitySpec, manifest: ErasureListManifest, entries: ReadonlySet<string>,
): Promise<Map<string, (string | null)[]>> {
  const source = snapshotTableSource(session.layout, snapshot, entity.source, key);
  const compiled = compileEntity(entity, source.columns, source.name);
  const probe = compileErasureProbe(
    { id: manifest.id, entity: manifest.entity, match: manifest.match, ...(manifest.column === undefined ? {} : { column: manifest.column }), entries },
    new ColumnBinder(source.columns, source.name), entity,
  );
  const found = new Map<string, (string | null)[]>();
  for await (const chunk of source.rowChunks()) {
    for (const row of chunk) {
      const rowKey = compiled.sourceKey(row.values);
      const entry = probe(row.values, rowKey ?? '');
      if (entry !== undefined) found.set(entry, [...(found.get(entry) ?? []), rowKey]);
    }
  }
  return found;
}


/** Writes the evidence page of `erasureReport` into the project's reports folder. */
export async function writeErasureReport(session: ProjectSession, o: { readonly runId?: number } = {}): Promise<{ readonly report: ErasureReport; readonly path: string }> {
  const report = await erasureReport(session, o);
  await mkdir(session.layout.reportsDir, { recursive: true });
  const path = join(session.layout.reportsDir, `run-${report.runId}-erasure.html`);
  await writeFileAside(path, renderErasureReport(report));
  return { report, path };
}

/** Opens every erasure list under the project's key: the lists it could open, by id. */
export async function checkErasureLists(session: ProjectSession): Promise<string[]> {
  const key = await session.key();
  const opened: string[] = [];
  for (const manifest of await listErasureLists(session.layout)) {
    await readErasureList(session.layout, manifest, key);
    opened.push(manifest.id);
  }
  return opened;
}
