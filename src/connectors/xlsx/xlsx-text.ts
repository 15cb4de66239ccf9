const escaped = /_x([0-9A-Fa-f]{4})_/g;

/**
 * Undoes the `_xHHHH_` escapes Excel writes for characters XML cannot carry (a carriage
 * return is `_x000D_`, a literal `_x` is `_x005F_x`).
 * @example unescapeXlsxText('a_x000D_\nb') // 'a\r\nb'
 */
export function unescapeXlsxText(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(escaped, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
