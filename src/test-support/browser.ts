import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Debian's Chromium, installed by scripts/install-chromium (run by `npm test`). */
export const chromiumPath = '/usr/bin/chromium';

/**
 * Starts a real headless Chromium for a browser test; throws (so the test fails, never
 * skips) with how to install it when it is missing.
 * @example const browser = await launchChromium(); try { ... } finally { await browser.close(); }
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium is not installed at ${chromiumPath}. Install it with: scripts/install-chromium (Debian's chromium package).`);
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath,
    // this machine's network is closed: without these Chromium keeps calling home
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
