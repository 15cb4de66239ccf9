/**
 * An SQLite value as text: INTEGER exact (read as bigint), REAL as the shortest text
 * that reads back as the same double, TEXT as it is, BLOB as `\x` hex, NULL as null.
 * @example sqliteText(9007199254740993n) // '9007199254740993'; sqliteText(0.1) // '0.1'
 */
export function sqliteText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  // Number#toString is the shortest text that reads back as the same double
  if (typeof value === 'number') return String(value);
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  return String(value);
}
