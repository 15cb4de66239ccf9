import { CutoverError } from '../core/cutover-error.js';
import { maskUrl } from '../core/url-mask.js';
import type { SourceTable } from './source.js';

/** What openTableSources needs of a database connector: its tables, and one table opened. */
interface TableConnector {
  list(): Promise<string[]>;
  open(table: string): Promise<SourceTable>;
}

const sqliteFile = /\.(sqlite3?|db)$/i;

/**
 * Opens tables of a legacy database as sources, picking the connector by the URL:
 * `mysql://` or `mariadb://`, `postgres://` or `postgresql://` (tables as `schema.table`,
 * `public` by default), `sqlite:PATH` or a path ending `.db`, `.sqlite` or `.sqlite3`. Without
 * `tables` it opens every table (for PostgreSQL, those in `public`), sorted by name.
 * @example
 * const tables = await openTableSources('mysql://crm@127.0.0.1:3306/crm', ['people', 'tenancies']);
 */
export async function openTableSources(url: string, tables?: readonly string[]): Promise<SourceTable[]> {
  const connector = await connectorFor(url);
  const names = tables ?? (await connector.list());
  const opened: SourceTable[] = [];
  try {
    for (const name of names) opened.push(await connector.open(name));
  } catch (error) {
    await Promise.all(opened.map((table) => table.close()));
    throw error;
  }
  return opened;
}

async function connectorFor(url: string): Promise<TableConnector> {
  if (/^(mysql|mariadb):\/\//i.test(url)) {
    const { listMysqlTables, openMysqlTable } = await import('./mysql/index.js');
    return { list: () => listMysqlTables(url), open: (table) => openMysqlTable(url, table) };
  }
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const { listPostgresTables, openPostgresTable } = await import('./postgres-source/index.js');
    return { list: () => listPostgresTables(url), open: (table) => openPostgresTable(url, table) };
  }
  const path = sqlitePath(url);
  if (path !== undefined) {
    const { listSqliteTables, openSqliteTable } = await import('./sqlite/index.js');
    return { list: () => listSqliteTables(path), open: (table) => openSqliteTable(path, table) };
  }
  throw new CutoverError(
    'source_url',
    `"${maskUrl(url)}" is not a database Cutover can read. Use a mysql:// or mariadb:// URL, a postgres:// or postgresql:// URL, sqlite:PATH, or the path of a .sqlite or .db file.`,
  );
}

/** `sqlite:crm.db` and `sqlite:///abs/crm.db` name a file, as does a bare path ending .db, .sqlite or .sqlite3. */
function sqlitePath(url: string): string | undefined {
  if (/^sqlite:\/\//i.test(url)) return url.slice('sqlite://'.length);
  if (/^sqlite:/i.test(url)) return url.slice('sqlite:'.length);
  if (!url.includes('://') && sqliteFile.test(url)) return url;
  return undefined;
}
