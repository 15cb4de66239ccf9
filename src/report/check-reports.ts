import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckProblem } from '../core/contract/index.js';
import type { CheckSummary } from '../core/contract/index.js';
import { renderCheckPage } from './check-html.js';
import { openCheckWorkbook } from './check-xlsx.js';
import { fileAside, wordDiskFull, writeFileAside } from './file-aside.js';

/** The page lists the first problems; the workbook all of them. */
const listedOnPage = 2_000;

/** Both problem lists of one check, written as the problems come. */
export interface CheckReports {
  add(problem: CheckProblem): Promise<void>;
  /** Writes the page, closes the workbook and returns both paths. */
  finish(summary: CheckSummary): Promise<{ html: string; xlsx: string }>;
  /** Removes the workbook begun, after a check that did not end. */
  abandon(): Promise<void>;
}

/**
 * Opens `<dir>/<base>.html` and `<dir>/<base>.xlsx`, the problem lists the team sends to the
 * customer; memory stays flat because the workbook streams and the page keeps the first problems only.
 */
export async function openCheckReports(dir: string, base: string, customer: string, subject: string): Promise<CheckReports> {
  await mkdir(dir, { recursive: true });
  const html = join(dir, `${base}.html`);
  const xlsx = join(dir, `${base}.xlsx`);
  // the workbook reaches its name only when whole
  const aside = fileAside(xlsx);
  const workbook = await openCheckWorkbook(aside.partial, `Delivery check: ${subject}`);
  const first: CheckProblem[] = [];
  return {
    async add(problem) {
      if (first.length < listedOnPage) first.push(problem);
      await workbook.add(problem);
    },
    async finish(summary) {
      try {
        await workbook.finish(summary);
        await aside.commit();
      } catch (error) {
        await aside.discard();
        throw wordDiskFull(xlsx, error);
      }
      await writeFileAside(html, renderCheckPage({ customer, subject, summary, problems: first }));
      return { html, xlsx };
    },
    abandon: () => aside.discard(),
  };
}
