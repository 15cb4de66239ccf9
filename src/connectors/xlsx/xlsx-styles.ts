import type { XlsxPackage } from './xlsx-package.js';
import { readXmlPart } from './xlsx-xml.js';

/** The number format of each cell style: a cell's `s` attribute indexes `formatIds`. */
export interface XlsxStyles {
  readonly formatIds: readonly number[];
  /** Format codes the workbook defines itself (ids from 164 up); lower ids are built in. */
  readonly customFormats: ReadonlyMap<number, string>;
}

/** Reads the number formats of the cell styles from the styles part, if the workbook has one. */
export async function readStyles(pkg: XlsxPackage, part: string | undefined): Promise<XlsxStyles> {
  const formatIds: number[] = [];
  const customFormats = new Map<number, string>();
  if (part === undefined || !pkg.has(part)) return { formatIds, customFormats };
  // cellStyleXfs holds xf elements too; only those in cellXfs are cell styles
  let inCellXfs = false;
  await readXmlPart(await pkg.open(part), {
    open(tag, attributes) {
      if (tag === 'cellXfs') inCellXfs = true;
      else if (tag === 'xf' && inCellXfs) formatIds.push(Number(attributes.numFmtId ?? 0));
      else if (tag === 'numFmt' && attributes.numFmtId !== undefined && attributes.formatCode !== undefined) {
        customFormats.set(Number(attributes.numFmtId), attributes.formatCode);
      }
    },
    close(tag) {
      if (tag === 'cellXfs') inCellXfs = false;
    },
  });
  return { formatIds, customFormats };
}
