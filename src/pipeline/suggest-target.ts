import { readFile } from 'node:fs/promises';
import type { Database } from '../connectors/database.js';
import { CutoverError } from '../core/cutover-error.js';
import type { TargetColumn, TargetTable } from '../core/suggest/index.js';

// a schema of its own, so a script that names none creates its tables here
const schema = 'cutover_suggest';
const separator = '\u001f';

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  is_nullable: 'YES' | 'NO';
  numeric_scale: number | null;
}

interface ConstraintRow {
  table_name: string;
  contype: string;
  def: string;
  columns: string;
  references: string | null;
}

/** The values a `CHECK (column IN (...))` allows, as PostgreSQL prints it back (`= ANY (ARRAY['a'::text, ...])`). */
export function allowedValues(definition: string): string[] | undefined {
  const list = /^CHECK \(\(\(?"?[^"()]+"?\)? = ANY \(ARRAY\[(.*)\]\)\)\)$/.exec(definition)?.[1];
  if (list === undefined) return undefined;
  return [...list.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replaceAll("''", "'"));
}

/** Reads the tables, columns, keys and allowed values that a schema script created in `schema`. */
async function describeTables(db: Database): Promise<TargetTable[]> {
  const tables = await db.query<{ relname: string }>("SELECT relname FROM pg_class WHERE relnamespace = $1::regnamespace AND relkind IN ('r', 'p') ORDER BY oid", [schema]);
  const columns = await db.query<ColumnRow>(
    'SELECT table_name, column_name, data_type, is_nullable, numeric_scale FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, ordinal_position',
    [schema],
  );
  const constraints = await db.query<ConstraintRow>(
    `SELECT cl.relname AS table_name, co.contype::text AS contype, pg_get_constraintdef(co.oid) AS def, fr.relname AS references,
       (SELECT string_agg(a.attname, $2 ORDER BY k.n) FROM unnest(co.conkey) WITH ORDINALITY AS k(attnum, n)
          JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.attnum) AS columns
     FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid LEFT JOIN pg_class fr ON fr.oid = co.confrelid
     WHERE cl.relnamespace = $1::regnamespace ORDER BY co.oid`,
    [schema, separator],
  );
  return tables.map(({ relname }): TargetTable => {
    const own = constraints.filter((c) => c.table_name === relname);
    const single = (type: string, column: string) => own.find((c) => c.contype === type && c.columns === column);
    return {
      name: relname,
      primaryKey: own.find((c) => c.contype === 'p')?.columns.split(separator) ?? [],
      columns: columns
        .filter((c) => c.table_name === relname)
        .map((c): TargetColumn => {
          const references = single('f', c.column_name)?.references ?? undefined;
          const check = own.filter((k) => k.contype === 'c' && k.columns === c.column_name).map((k) => allowedValues(k.def)).find((v) => v !== undefined);
          return {
            name: c.column_name,
            type: c.data_type,
            nullable: c.is_nullable === 'YES',
            ...(c.data_type === 'numeric' && c.numeric_scale !== null ? { scale: Number(c.numeric_scale) } : {}),
            ...(references ? { references } : {}),
            ...(check ? { allowed: check } : {}),
          };
        }),
    };
  });
}

/**
 * The target's tables as its schema script creates them: the script runs in a transaction
 * of `db` (the project's store, open already) that is then rolled back, and the catalogue
 * says what it made, so the script is read exactly as a run would read it.
 */
export async function readTargetTables(db: Database, path: string, file: string): Promise<TargetTable[]> {
  let script: string;
  try {
    script = await readFile(path, 'utf8');
  } catch (cause) {
    throw new CutoverError('target_schema', `The target's schema script ${file} could not be read (${(cause as Error).message}).`, { cause });
  }
  // thrown to roll the transaction back: nothing the script made is kept
  const undo = new Error('read, now undone');
  let tables: TargetTable[] = [];
  try {
    await db.transaction(async (tx) => {
      try {
        await tx.exec(`CREATE SCHEMA ${schema}; SET LOCAL search_path TO ${schema};\n${script}`);
      } catch (cause) {
        throw new CutoverError('target_schema', `The target's tables could not be created from ${file}: ${(cause as Error).message}. Fix the script and run again.`, { cause, where: { file } });
      }
      tables = await describeTables(tx);
      throw undo;
    });
  } catch (error) {
    if (error !== undo) throw error;
  }
  return tables;
}
