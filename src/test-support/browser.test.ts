import { expect, test } from 'vitest';
import { launchChromium } from './browser.js';

test('a real headless Chromium renders a page and reads it back', async () => {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent('<main><h1>Cutover</h1><p id="n">1,234</p></main>');
    expect(await page.textContent('#n')).toBe('1,234');
  } finally {
    await browser.close();
  }
});
