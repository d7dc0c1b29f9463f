// Opens the status page in headless Debian Chromium, saves a full-page screenshot and prints what a
// reader sees as one JSON line: {"title": ..., "summary": ..., "services": [...]}.
//
// Usage: node status-page.mjs <baseUrl> <screenshot.png>
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { open, withChromium } from './chromium.mjs';

const [baseUrl, screenshotPath] = process.argv.slice(2);
if (!baseUrl || !screenshotPath) {
  console.error('usage: node status-page.mjs <baseUrl> <screenshot.png>');
  process.exit(2);
}

await withChromium(async (page) => {
  await open(page, baseUrl);
  mkdirSync(dirname(screenshotPath), { recursive: true });
  await page.screenshot({ path: screenshotPath, fullPage: true });
  return {
    title: await page.title(),
    summary: (await page.locator('.summary-text').innerText()).trim(),
    services: (await page.locator('.service .service-name').allInnerTexts()).map((name) => name.trim()),
  };
});
