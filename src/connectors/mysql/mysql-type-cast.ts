/** The parts of a mysql2 column description the type cast reads. */
export interface MysqlField {
  readonly type: string;
  string(encoding?: string): string | null;
  buffer(): Buffer | null;
}

const textTypes = new Set(['VARCHAR', 'VAR_STRING', 'STRING', 'TINY_BLOB', 'MEDIUM_BLOB', 'LONG_BLOB', 'BLOB', 'ENUM', 'SET']);

/**
 * A mysql2 type cast that keeps every value as the text the server sent: DECIMAL exact,
 * dates as `yyyy-MM-dd` (zero dates too), floats as the server prints them. Binary
 * strings come as PostgreSQL's bytea hex form (`\x4142`).
 */
export function keepServerText(field: MysqlField, next: () => unknown): string | null {
  if (field.type === 'JSON') return field.string('utf8');
  if (field.type === 'BIT' || field.type === 'GEOMETRY') return asHex(field.buffer());
  if (!textTypes.has(field.type)) return field.string();
  // text columns decode in their own charset; binary ones come back as a Buffer
  const value = next();
  return Buffer.isBuffer(value) ? asHex(value) : (value as string | null);
}

function asHex(value: Buffer | null): string | null {
  return value === null ? null : `\\x${value.toString('hex')}`;
}
