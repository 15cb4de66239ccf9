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
  const utf16 = bomlessUtf16(bytes);
  if (utf16 !== undefined) return `${utf16 === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE'} text saved without its byte order mark`;
  let control = 0;
  for (const b of bytes) {
    if (b === 0) return 'binary data, not text';
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) control++;
  }
  return bytes.length > 0 && control * 10 > bytes.length ? 'binary data, not text' : undefined;
}

/**
 * The byte order of UTF-16 text saved without its byte order mark: text in Latin letters
 * then has a NUL in (nearly) every other byte, at odd offsets for little-endian, even for big.
 */
export function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.floor(Math.min(bytes.length, 4096) / 2);
  if (pairs < 2) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let k = 0; k < pairs * 2; k += 2) {
    if (bytes[k] === 0) evenNul++;
    if (bytes[k + 1] === 0) oddNul++;
  }
  if (oddNul >= pairs * 0.6 && evenNul <= pairs * 0.05) return 'utf-16le';
  if (evenNul >= pairs * 0.6 && oddNul <= pairs * 0.05) return 'utf-16be';
  return undefined;
}
