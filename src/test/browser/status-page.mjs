// Opens the status page in headless Debian Chromium, saves a full-page screenshot and prints what a
// reader sees as one JSON line: {"title": ..., "summary": ..., "services": [...]}.
//
// Usage: node status-page.mjs <baseUrl> <screenshot.png>
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const [baseUrl, screenshotPath] = process.argv.slice(2);
if (!baseUrl || !screenshotPath) {
  console.error('usage: node status-page.mjs <baseUrl> <screenshot.png>');
  process.exit(2);
}

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const profile = mkdtempSync(join(tmpdir(), 'opsline-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  });
  const page = context.pages()[0] ?? await context.newPage();
  const response = await page.goto(baseUrl, { waitUntil: 'load', timeout: 30000 });
  if (!response || response.status() !== 200) {
    throw new Error(`GET ${baseUrl} answered ${response ? response.status() : 'nothing'}`);
  }
  mkdirSync(dirname(screenshotPath), { recursive: true });
  await page.screenshot({ path: screenshotPath, fullPage: true });
  const seen = {
    title: await page.title(),
    summary: (await page.locator('.summary-text').innerText()).trim(),
    services: (await page.locator('.service .service-name').allInnerTexts()).map((name) => name.trim()),
  };
  console.log(JSON.stringify(seen));
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  if (context) {
    await context.close();
  }
  rmSync(profile, { recursive: true, force: true });
}
