import { isMap, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { CutoverError } from './cutover-error.js';

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name in capitals, such as LEGACY_DB_URL');

const environmentSchema = z
  .strictObject({
    database: z.literal('embedded').optional(),
    database_url_env: envName.optional(),
    // test environments are wiped and re-run at will; a production one goes live once loaded
    stage: z.enum(['test', 'preproduction', 'production']).default('test'),
    // a schema the new system already owns: Cutover loads into it and creates nothing there
    schema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, 'a lower-case schema name such as public')
      .refine((s) => s !== 'cutover' && !s.startsWith('cutover_env_') && !s.startsWith('env_'), { message: 'is a schema Cutover keeps for itself; name the new system\'s own schema' })
      .optional(),
  })
  .refine((e) => (e.database === undefined) !== (e.database_url_env === undefined), {
    message: 'give either `database: embedded` or `database_url_env: VARIABLE_NAME`',
  });

const csvOptions = z.strictObject({
  encoding: z.enum(['auto', 'utf-8', 'windows-1252', 'utf-16le', 'utf-16be']).optional(),
  delimiter: z.enum(['auto', ',', ';', '\t', '|']).optional(),
  escapes: z.enum(['auto', 'quotes', 'backslash', 'backslash-quoted']).optional(),
  sheets: z.array(z.string().min(1)).min(1).optional(),
  // values that mean "empty", such as NULL (mysql -B) and \N (INTO OUTFILE); YAML reads a bare NULL as null
  null_values: z.array(z.string().min(1).nullable().transform((v) => v ?? 'NULL')).min(1).optional(),
});

const fileSourceSchema = z.strictObject({
  files: z.string().min(1),
  include: z.array(z.string().min(1)).min(1).default(['*.csv']),
  options: z.record(z.string(), csvOptions).default({}),
});

const databaseSourceSchema = z.strictObject({
  database_url_env: envName,
  tables: z.array(z.string().min(1)).min(1).optional(),
});

const configSchema = z.strictObject({
  customer: z.string().min(1),
  sources: z
    .record(z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a lower-case name such as export or crm'), z.union([fileSourceSchema, databaseSourceSchema]))
    .refine((s) => Object.keys(s).length > 0, { message: 'name at least one source: a folder of files or a database' }),
  snapshot_key_env: envName,
  // one file, or the entities split over several
  spec: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  // the delivery contract `cutover check` holds deliveries against
  contract: z.string().min(1).optional(),
  target: z.strictObject({ schema: z.string().min(1) }),
  // the ISO 4217 code of the money, for the words of reports (GBP when absent)
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code in capitals, such as GBP, USD or EUR').optional(),
  environments: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'a lower-case name such as test'), environmentSchema),
});

/** A project's `cutover.yaml`, validated; paths are as written, relative to the project. */
export type ProjectConfig = z.infer<typeof configSchema>;

/** One environment a run loads: where its database is, its stage and, for the new system's own database, its schema. */
export type EnvironmentConfig = z.infer<typeof environmentSchema>;

/** A folder of delivered files. */
export type FileSourceConfig = z.infer<typeof fileSourceSchema>;

/** A legacy database, its URL in an environment variable. */
export type DatabaseSourceConfig = z.infer<typeof databaseSourceSchema>;

/** Per-file reading options: encoding, delimiter, escapes, sheets, null markers. */
export type FileReadOptions = z.infer<typeof csvOptions>;

/** True for a folder of files, false for a database. */
export function isFileSource(source: FileSourceConfig | DatabaseSourceConfig): source is FileSourceConfig {
  return 'files' in source;
}

/** Parses and validates `cutover.yaml`; one error lists every problem with its line. */
export function parseProjectConfig(text: string, file: string): ProjectConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const at = (node: YamlNode | null | undefined): string => {
    const offset = node?.range?.[0];
    if (offset === undefined) return file;
    const { line, col } = lineCounter.linePos(offset);
    return `${file} line ${line} column ${col}`;
  };
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const { line, col } = lineCounter.linePos(e.pos[0]);
      return `${file} line ${line} column ${col}: ${e.message.split('\n')[0]}`;
    });
    throw new CutoverError('config_invalid', `${file} is not valid YAML:\n${problems.join('\n')}`);
  }
  const parsed = configSchema.safeParse(doc.toJS());
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const unknown = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const path = [...issue.path.map(String), ...(unknown === undefined ? [] : [unknown])];
    // point at the deepest node that exists on the issue's path
    let node: YamlNode | null | undefined = doc.contents;
    for (let depth = path.length; depth >= 0; depth--) {
      const candidate = doc.getIn(path.slice(0, depth), true) as YamlNode | undefined;
      if (candidate && (depth > 0 || isMap(candidate))) {
        node = candidate;
        break;
      }
    }
    const field = path.length > 0 ? `"${path.join('.')}"` : 'the file';
    const message = unknown === undefined ? issue.message : 'is not a setting Cutover knows; remove it or check its spelling';
    return `${at(node)}: ${field}: ${message}`;
  });
  throw new CutoverError('config_invalid', `${file} has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:\n${problems.join('\n')}`);
}
