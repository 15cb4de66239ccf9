import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckProblem } from '../core/contract/index.js';
import type { CheckSummary } from '../core/contract/index.js';
import { renderCheckPage } from './check-html.js';
import { openCheckWorkbook } from './check-xlsx.js';

/** The page lists the first problems; the workbook all of them. */
const listedOnPage = 2_000;

/** Both problem lists of one check, written as the problems come. */
export interface CheckReports {
  add(problem: CheckProblem): Promise<void>;
  /** Writes the page, closes the workbook and returns both paths. */
  finish(summary: CheckSummary): Promise<{ html: string; xlsx: string }>;
}

/**
 * Opens `<dir>/<base>.html` and `<dir>/<base>.xlsx`, the problem lists the team sends to the
 * customer; memory stays flat because the workbook streams and the page keeps the first problems only.
 */
export async function openCheckReports(dir: string, base: string, customer: string, subject: string): Promise<CheckReports> {
  await mkdir(dir, { recursive: true });
  const html = join(dir, `${base}.html`);
  const xlsx = join(dir, `${base}.xlsx`);
  const workbook = await openCheckWorkbook(xlsx, `Delivery check: ${subject}`);
  const first: CheckProblem[] = [];
  return {
    async add(problem) {
      if (first.length < listedOnPage) first.push(problem);
      await workbook.add(problem);
    },
    async finish(summary) {
      await workbook.finish(summary);
      await writeFile(html, renderCheckPage({ customer, subject, summary, problems: first }));
      return { html, xlsx };
    },
  };
}
