/**
 * How much of a workbook Cutover reads before it calls the file hostile or damaged. A
 * real workbook stays far inside each bound; a ZIP bomb or a made-up cell reference does not.
 */
export interface XlsxLimits {
  /** Bytes any one part may inflate to. */
  readonly maxPartBytes: number;
  /** Bytes the shared strings may inflate to: they are held in memory while the sheets are read. */
  readonly maxSharedStringBytes: number;
  /** Inflated bytes per compressed byte, checked once a part is past `ratioFloorBytes`. */
  readonly maxRatio: number;
  readonly ratioFloorBytes: number;
  /** Characters one cell or shared string may hold. */
  readonly maxCellChars: number;
}

const mebi = 1024 * 1024;

export const defaultXlsxLimits: XlsxLimits = {
  // a sheet of a million rows of twenty columns inflates to about 1 GB
  maxPartBytes: 4096 * mebi,
  maxSharedStringBytes: 512 * mebi,
  // sheet XML compresses about 10 to 30 times; deflate cannot exceed about 1,030
  maxRatio: 250,
  ratioFloorBytes: 64 * mebi,
  // Excel holds at most 32,767 characters in a cell; other writers a little more
  maxCellChars: mebi,
};

/** Excel's own grid: no real sheet has a cell beyond it. */
export const excelMaxRows = 1_048_576;
export const excelMaxColumns = 16_384;

/**
 * A part that cannot be read, for the source to word with the file's name: it inflates
 * past a limit (`too-large`), or its compressed bytes do not inflate (`unreadable`: a
 * damaged or cut ZIP entry).
 */
export class PartFailure extends Error {
  override readonly name = 'PartFailure';
  constructor(
    readonly kind: 'too-large' | 'unreadable',
    readonly part: string,
    readonly why: string,
  ) {
    super(`${part}: ${why}`);
  }
}

/** The size in words, for messages: "512 MB". */
export function sizeWords(bytes: number): string {
  return bytes >= 1024 * mebi ? `${(bytes / (1024 * mebi)).toLocaleString('en-GB', { maximumFractionDigits: 1 })} GB` : `${Math.round(bytes / mebi).toLocaleString('en-GB')} MB`;
}
