import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { CutoverError } from '../core/cutover-error.js';
import { includePatterns, initSchemaText, renderInitConfig, type InitSource } from '../core/init-config.js';
import { writeFileAside } from '../report/file-aside.js';
import { collect } from './collect.js';
import { draftProjectContract } from './contract-draft.js';
import type { ProjectSession } from './project-session.js';
import { suggest } from './suggest-mapping.js';

/** Where a new project's data comes from, and whose it is. */
export interface InitOptions {
  /** a folder of delivered files */
  readonly from?: string;
  /** the variable holding a legacy database's URL */
  readonly fromEnv?: string;
  /** the customer's name, shown on every report (the folder's name by default) */
  readonly customer?: string;
}

/** What `init` wrote, and what comes next. */
export interface InitResult {
  readonly project: string;
  readonly written: readonly string[];
  /** the first snapshot, when the key was there to seal it */
  readonly snapshot?: string;
  readonly next: readonly string[];
}

const specFile = 'specs/spec.yaml';

/**
 * Starts a project in the session's folder: `cutover.yaml` naming the source, an empty
 * target schema, and, when the snapshot key is set, a first collect with a suggested spec
 * and a drafted contract, each with comments saying what to do next. Nothing is overwritten.
 */
export async function initProject(session: ProjectSession, o: InitOptions): Promise<InitResult> {
  const { layout } = session;
  if (existsSync(layout.config)) {
    throw new CutoverError('file_exists', `${layout.config} is already there: this folder is a project. Work in it, or start the new one in another folder.`);
  }
  if ((o.from === undefined) === (o.fromEnv === undefined)) {
    throw new CutoverError('invalid_option', 'Say where the data comes from: --from FOLDER for delivered files, or --from-env VAR for a database whose URL is in the variable VAR.');
  }
  const source = await initSource(layout.root, o);
  const customer = o.customer ?? basename(layout.root);
  const written: string[] = [];
  const schema = join(layout.root, 'target', 'schema.sql');
  if (!existsSync(schema)) {
    await mkdir(join(layout.root, 'target'), { recursive: true });
    await writeFile(schema, initSchemaText, { flag: 'wx' });
    written.push('target/schema.sql');
  }
  await mkdir(join(layout.root, 'specs'), { recursive: true });
  // cutover.yaml comes last: its presence means the project is whole
  await writeFileAside(layout.config, renderInitConfig({ customer, source, spec: specFile }));
  written.push('cutover.yaml');

  const keyVariable = (await session.config()).snapshot_key_env;
  // the audit log is chained with a key derived from the snapshot key: without it, the first keyed command starts the log
  if (!session.env[keyVariable]) {
    return {
      project: layout.root,
      written,
      next: [
        `Set the snapshot key: export ${keyVariable}=$(openssl rand -hex 32), and keep it safe.`,
        'Collect a first snapshot: cutover collect',
        `Write the new system's tables into target/schema.sql, then draft the spec with cutover suggest and save the draft it writes as ${specFile}`,
        'Draft the delivery contract: cutover contract draft --out contract.yaml',
      ],
    };
  }
  await session.audit('project.created', layout.root, { source: source.kind === 'files' ? source.folder : source.variable });
  let snapshot: { id: string };
  try {
    ({ snapshot } = await collect(session));
  } catch (error) {
    if (!(error instanceof CutoverError)) throw error;
    // the project stands; the delivery needs a look before anything is drafted from it
    return {
      project: layout.root,
      written,
      next: [
        `The first collect stopped: ${error.message}`,
        'Correct the file, or "include" in cutover.yaml, then collect: cutover collect',
        `Write the new system's tables into target/schema.sql, then draft the spec with cutover suggest and save the draft it writes as ${specFile}`,
        'Draft the delivery contract: cutover contract draft --out contract.yaml',
      ],
    };
  }
  // a spec maps onto the new system's tables: drafted only once the schema holds some
  const schemaText = await readFile(schema, 'utf8');
  const mappable = /\bcreate\s+table\b/i.test(schemaText.replace(/--.*$/gm, ''));
  if (mappable) {
    const { draft } = await suggest(session, snapshot.id);
    // the first draft becomes the spec cutover.yaml names; later drafts go beside it
    await rename(join(layout.root, draft.file), join(layout.root, specFile));
    written.push(specFile);
  }
  const contract = await draftProjectContract(session, snapshot.id);
  await writeFile(join(layout.root, 'contract.yaml'), contract, { flag: 'wx' });
  written.push('contract.yaml');
  await writeFileAside(layout.config, renderInitConfig({ customer, source, spec: specFile, contract: 'contract.yaml' }));
  return {
    project: layout.root,
    written,
    snapshot: snapshot.id,
    next: [
      ...(mappable
        ? [`Read ${specFile}: every TODO in it is a decision for you; check it with: cutover spec test`]
        : [`Write the new system's tables into target/schema.sql, then draft the spec with cutover suggest and save the draft it writes as ${specFile}`]),
      'Read contract.yaml and agree it with the customer; hold each delivery to it with: cutover check',
      'Run a test migration: cutover run --env test',
    ],
  };
}

async function initSource(root: string, o: InitOptions): Promise<InitSource> {
  if (o.fromEnv !== undefined) {
    if (!/^[A-Z_][A-Z0-9_]*$/.test(o.fromEnv)) {
      throw new CutoverError('invalid_option', `--from-env names the variable holding the database URL, in capitals (such as LEGACY_DB_URL), not "${o.fromEnv}". Put the URL itself in that variable; it is never written down.`);
    }
    return { kind: 'database', variable: o.fromEnv };
  }
  const folder = resolve(o.from ?? '.');
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (cause) {
    throw new CutoverError('file_missing', `The delivery folder ${folder} could not be read (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}). Name the folder the customer's files are in.`, { cause, where: { file: folder } });
  }
  return { kind: 'files', folder: relative(root, folder) || '.', include: includePatterns(names) };
}
