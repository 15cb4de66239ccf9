import { posix } from 'node:path';
import { notWorkbook } from './xlsx-errors.js';
import type { XlsxPackage } from './xlsx-package.js';
import { readXmlPart } from './xlsx-xml.js';

/** One worksheet as the workbook lists it: its tab name and the part holding its cells. */
export interface XlsxSheetEntry {
  readonly name: string;
  readonly part: string;
}

/** The workbook part's table of contents: worksheets in tab order and the shared parts. */
export interface XlsxWorkbook {
  readonly sheets: readonly XlsxSheetEntry[];
  /** Serial dates count from 1904 (old Mac workbooks) instead of 1900. */
  readonly date1904: boolean;
  readonly stylesPart: string | undefined;
  readonly sharedStringsPart: string | undefined;
}

interface Relationship {
  readonly type: string;
  readonly target: string;
}

/**
 * Reads the package relationships and the workbook part: which worksheets there are,
 * where their cells, the styles and the shared strings live, and the date system.
 */
export async function readWorkbook(pkg: XlsxPackage, name: string, path: string): Promise<XlsxWorkbook> {
  const root = await readRelationships(pkg, '', '_rels/.rels');
  const workbookPart =
    [...root.values()].find((rel) => rel.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  if (!pkg.has(workbookPart)) throw notWorkbook(name, path, 'zip-without-workbook');

  const dir = posix.dirname(workbookPart);
  const rels = await readRelationships(pkg, dir, `${dir}/_rels/${posix.basename(workbookPart)}.rels`);
  const sheets: XlsxSheetEntry[] = [];
  let date1904 = false;
  await readXmlPart(await pkg.open(workbookPart), {
    open(tag, attributes) {
      if (tag === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
      if (tag !== 'sheet') return;
      const rel = rels.get(relationshipId(attributes));
      // chart sheets and macro sheets hold no cells
      if (rel?.type.endsWith('/worksheet') && attributes.name !== undefined) {
        sheets.push({ name: attributes.name, part: rel.target });
      }
    },
  });
  const partOf = (type: string) => [...rels.values()].find((rel) => rel.type.endsWith(type))?.target;
  return { sheets, date1904, stylesPart: partOf('/styles'), sharedStringsPart: partOf('/sharedStrings') };
}

async function readRelationships(pkg: XlsxPackage, dir: string, part: string): Promise<Map<string, Relationship>> {
  const rels = new Map<string, Relationship>();
  if (!pkg.has(part)) return rels;
  await readXmlPart(await pkg.open(part), {
    open(tag, { Id, Type, Target, TargetMode }) {
      if (tag !== 'Relationship' || Id === undefined || Type === undefined || Target === undefined) return;
      if (TargetMode === 'External') return;
      rels.set(Id, { type: Type, target: resolveTarget(dir, Target) });
    },
  });
  return rels;
}

// targets are relative to the part's folder, or absolute from the package root
function resolveTarget(dir: string, target: string): string {
  const joined = target.startsWith('/') ? target : posix.join(dir, target);
  return posix.normalize(joined).replace(/^\/+/, '');
}

// the attribute is r:id under whatever prefix the writer bound to the relationships namespace
function relationshipId(attributes: Readonly<Record<string, string>>): string {
  for (const [key, value] of Object.entries(attributes)) if (key.endsWith(':id')) return value;
  return attributes.id ?? '';
}
