/** PostgreSQL type oids whose values stay as the text the server prints. */
export const textTypeOids = {
  int8: 20,
  date: 1082,
  time: 1083,
  timestamp: 1114,
  timestamptz: 1184,
  numeric: 1700,
} as const;

const keepText = (value: string): string => value;

/** Parsers that keep dates, 64-bit integers and NUMERIC as text (no Date, no float). */
export const keepTextParsers: Record<number, (value: string) => string> = Object.fromEntries(
  Object.values(textTypeOids).map((oid) => [oid, keepText]),
);
