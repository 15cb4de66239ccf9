/**
 * What the first bytes of a file meant to be text say it really is, in words, or undefined
 * when they look like text: a zip (an Excel workbook is one), a PDF, or bytes with NULs.
 * @example fileKindFromBytes(Buffer.from('PK\x03\x04')) // 'a zip archive (an Excel workbook is one)'
 */
export function fileKindFromBytes(bytes: Uint8Array): string | undefined {
  const starts = (...magic: number[]) => magic.every((b, k) => bytes[k] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'a zip archive (an Excel workbook is one)';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'a PDF document';
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'an old Excel (.xls) or Word document';
  if (starts(0x1f, 0x8b)) return 'a gzip archive';
  // UTF-16 text has NULs in every other byte, and says so with its byte order mark
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) return undefined;
  let control = 0;
  for (const b of bytes) {
    if (b === 0) return 'binary data, not text';
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) control++;
  }
  return bytes.length > 0 && control * 10 > bytes.length ? 'binary data, not text' : undefined;
}
