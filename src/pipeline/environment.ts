import { quoteIdent, type Database } from '../connectors/database.js';
import { CutoverError } from '../core/cutover-error.js';
import type { ProjectConfig } from '../core/project-config.js';
import type { EntitySpec } from '../core/spec/index.js';

/** The schema Cutover makes for an environment's target tables: `env_test` for `test`. */
export function environmentSchema(env: string): string {
  return `env_${env}`;
}

/** Where an environment's target tables are, and whose they are. */
export interface EnvironmentPlace {
  readonly env: string;
  readonly stage: 'test' | 'preproduction' | 'production';
  /** the schema the target rows are loaded into */
  readonly schema: string;
  /** true when the schema is the new system's own: Cutover creates, alters and wipes nothing there */
  readonly systemOwned: boolean;
}

/**
 * Where a run of `env` loads: the new system's own schema when `cutover.yaml` names one,
 * else the schema Cutover makes for the environment. An environment since removed from
 * `cutover.yaml` is taken as the test environment it was.
 */
export function environmentPlace(config: ProjectConfig, env: string): EnvironmentPlace {
  const e = config.environments[env];
  return e?.schema === undefined
    ? { env, stage: e?.stage ?? 'test', schema: environmentSchema(env), systemOwned: false }
    : { env, stage: e.stage, schema: e.schema, systemOwned: true };
}

/**
 * Wipes a test environment and creates the target's tables afresh from the target's
 * schema script, then checks that the spec fits them and runs `alsoInside`, in one
 * transaction: it ends either fresh and fitting, or exactly as it was.
 */
export async function recreateEnvironment(
  target: Database,
  env: string,
  schemaSql: string,
  schemaFile: string,
  entities: readonly EntitySpec[],
  alsoInside: (tx: Database) => Promise<void> = async () => {},
): Promise<void> {
  const schema = quoteIdent(environmentSchema(env));
  try {
    await target.transaction(async (tx) => {
      await tx.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}; SET LOCAL search_path TO ${schema};\n${schemaSql}`);
      await checkTargetTables(tx, env, entities, schemaFile);
      await alsoInside(tx);
    });
  } catch (cause) {
    if (cause instanceof CutoverError) throw cause;
    throw new CutoverError(
      'target_schema',
      `The target's tables could not be created from ${schemaFile}: ${(cause as Error).message}. Fix the script and run again.`,
      { cause, where: { file: schemaFile } },
    );
  }
}

/** Fails, naming the spec line, when an entity's table or a field's column is not in the target. */
export async function checkTargetTables(target: Database, env: string, entities: readonly EntitySpec[], schemaFile: string): Promise<void> {
  const rows = await target.query<{ table_name: string; column_name: string }>(
    'SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $1',
    [environmentSchema(env)],
  );
  const tables = new Map<string, Set<string>>();
  for (const r of rows) {
    const columns = tables.get(r.table_name) ?? new Set<string>();
    columns.add(r.column_name);
    tables.set(r.table_name, columns);
  }
  const problems: string[] = [];
  for (const e of entities) {
    const columns = tables.get(e.table);
    if (!columns) {
      problems.push(`${e.where.file} line ${e.where.line}: entity ${e.name} loads table "${e.table}", which ${schemaFile} does not create (its tables: ${[...tables.keys()].sort().join(', ')}).`);
      continue;
    }
    if (e.generateId && !columns.has('id')) {
      problems.push(`${e.where.file} line ${e.where.line}: table "${e.table}" has no "id" column for Cutover to fill; add one or write \`generate_id: false\`.`);
    }
    for (const f of e.fields) {
      if (!columns.has(f.name)) {
        problems.push(`${f.where.file} line ${f.where.line}: table "${e.table}" has no column "${f.name}" (its columns: ${[...columns].join(', ')}).`);
      }
    }
  }
  if (problems.length > 0) throw new CutoverError('target_mismatch', `The spec does not fit the target's tables:\n${problems.join('\n')}`);
}

/**
 * Refuses to load an environment that already holds data unless the user asked for a
 * fresh start: wiping a loaded environment is a decision, never a side effect.
 */
export async function refuseLoadedEnvironment(target: Database, env: string): Promise<void> {
  const schema = environmentSchema(env);
  const tables = await target.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name",
    [schema],
  );
  for (const { table_name } of tables) {
    const [row] = await target.query<{ loaded: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quoteIdent(schema)}.${quoteIdent(table_name)}) AS loaded`);
    if (row?.loaded) {
      throw new CutoverError(
        'env_loaded',
        `Environment "${env}" (${target.label}) already holds migrated data (table ${table_name} has rows). Add --fresh to wipe it and load again.`,
      );
    }
  }
}
