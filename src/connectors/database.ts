/** A value as it crosses into or out of the database: text, or null. */
export type SqlValue = string | number | boolean | null;

/**
 * The workbench's one SQL dialect (PostgreSQL), whether embedded (PGlite) or a real
 * server. Numbers, dates and NUMERIC come back as the text PostgreSQL prints, so money
 * never passes through a binary float.
 */
export interface Database {
  /** Human name for messages: "embedded database (.cutover/db)" or "PostgreSQL at host:port/db". */
  readonly label: string;
  /** Runs one parameterised statement and returns its rows. */
  query<T extends object = Record<string, string | null>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a script of one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  /** Appends rows already in COPY text format (tab-separated, `\N` for null) to a table. */
  copyIn(table: QualifiedName, columns: readonly string[], text: string): Promise<void>;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (db: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A table name with its schema; both are quoted wherever they reach SQL. */
export interface QualifiedName {
  readonly schema: string;
  readonly table: string;
}

/** Quotes an identifier for PostgreSQL: `person` -> `"person"`, `a"b` -> `"a""b"`. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `"schema"."table"`. */
export function quoteQualified(name: QualifiedName): string {
  return `${quoteIdent(name.schema)}.${quoteIdent(name.table)}`;
}

/** The COPY statement shared by both drivers. */
export function copyStatement(table: QualifiedName, columns: readonly string[], from: string): string {
  return `COPY ${quoteQualified(table)} (${columns.map(quoteIdent).join(', ')}) FROM ${from}`;
}
