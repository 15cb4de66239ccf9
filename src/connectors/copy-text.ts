import type { SqlValue } from './database.js';

const special = /[\\\t\n\r]/;

/** Escapes one value for PostgreSQL's COPY text format; null becomes `\N`. */
export function copyField(value: SqlValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  const text = String(value);
  if (!special.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** One COPY text line (with its newline) for a row of values. */
export function copyLine(values: readonly SqlValue[]): string {
  return values.map(copyField).join('\t') + '\n';
}
