import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createColumnProfiler, type ColumnProfile, type SnapshotProfile } from '../core/profile/index.js';
import { launchChromium } from '../test-support/browser.js';
import { renderProfile } from './profile-html.js';

/** Where the screenshots of the page with long values are left for a person to look at. */
const screenshotPath = (width: number) => join(tmpdir(), `cutover-profile-long-values-${width}.png`);

function column(name: string, values: readonly (string | null)[]): ColumnProfile {
  const p = createColumnProfiler(name);
  for (const v of values) p.add(v);
  return p.result();
}

const rows = 40;
const note = 'The tenant rang about the boiler again and asked for the landlord to call back. '.repeat(70).slice(0, 5_000);
const token = 'Q'.repeat(300);
const longName = 'Landlord_Correspondence_Address_Line_Two_As_Entered_By_Branch_Staff_Before_The_2019_System_Change';
const wide: ColumnProfile[] = [
  column('Ref', Array.from({ length: rows }, (_, i) => `R${i}`)),
  column('Notes', Array.from({ length: rows }, (_, i) => (i % 2 ? note : `${note.slice(0, 4_000)} ${i}`))),
  column('Token', Array.from({ length: rows }, (_, i) => (i % 3 ? token : `${token}${i}`))),
  column(longName, Array.from({ length: rows }, (_, i) => (i % 4 ? 'Flat 2, The Old Mill, Riverside Industrial Estate' : null))),
  column(`${'Unbroken'.repeat(20)}Column`, Array.from({ length: rows }, () => token)),
  column('Distinct', Array.from({ length: rows }, (_, i) => `${10_000_000_000 + i * 7919}`)),
  column('Amount', Array.from({ length: rows }, (_, i) => `£${(1_234_567_890.5 + i).toLocaleString('en-GB')}`)),
  // many columns, as a wide legacy export has
  ...Array.from({ length: 40 }, (_, c) => column(`Extra_Field_${c}_${'x'.repeat(c)}`, Array.from({ length: rows }, (_, i) => (i % (c + 2) ? `value ${i % 5} of ${'w'.repeat(c * 3)}` : '')))),
];

const profile: SnapshotProfile = {
  snapshot: { id: 'abc123def456', hash: 'f'.repeat(64), collectedAt: '2026-01-05T09:00:00.000Z' },
  tables: [
    { name: `${'very_long_table_name_'.repeat(8)}export.csv`, source: `${'source'.repeat(30)}`, rows, columns: wide },
    { name: 'codes.csv', source: 'export', rows: 3, columns: [column('Code', ['A', 'A', 'B'])] },
  ],
};

interface Breakage {
  readonly pageWidth: number;
  readonly viewport: number;
  /** elements reaching past the right edge of the window */
  readonly pastEdge: string[];
  /** elements sticking out of their table cell */
  readonly outOfCell: string[];
  /** cells whose content is cut off without an ellipsis */
  readonly clippedCells: string[];
}

// runs inside the page (plain JavaScript: this project type-checks without the DOM's types)
const measureScript = `(() => {
  const name = (el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '') + ' "' + (el.textContent || '').slice(0, 30) + '"';
  const viewport = document.documentElement.clientWidth;
  const pastEdge = [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > viewport + 1).map(name);
  const outOfCell = [];
  const clippedCells = [];
  for (const td of document.querySelectorAll('td')) {
    const cell = td.getBoundingClientRect();
    for (const el of td.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && (box.left < cell.left - 1 || box.right > cell.right + 1)) outOfCell.push(name(el));
    }
    if (td.scrollWidth > td.clientWidth + 1) clippedCells.push(name(td));
  }
  return { pageWidth: document.documentElement.scrollWidth, viewport, pastEdge, outOfCell, clippedCells };
})()`;

/** Measures the laid-out page: what sticks out of the window or out of its cell. */
async function measure(page: Page): Promise<Breakage> {
  return (await page.evaluate(measureScript)) as Breakage;
}

describe('the profile page in a real browser, with very long values', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const width of [1280, 760]) {
    it(`keeps everything inside the window and inside its cell at ${width} pixels wide`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.setContent(renderProfile(profile, 'Harbour & Hart Lettings'));
      const broken = await measure(page);
      await page.screenshot({ path: screenshotPath(width) });
      expect(broken).toEqual({ pageWidth: width, viewport: width, pastEdge: [], outOfCell: [], clippedCells: [] });
      await page.close();
    });
  }
});
