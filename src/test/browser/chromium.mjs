// Headless Debian Chromium for the browser tests: a fresh profile each run, no network chatter of its own.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Runs use(page) in a new browser and prints its result as one JSON line; an error exits with 1.
export async function withChromium(use) {
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
    console.log(JSON.stringify(await use(page)));
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    if (context) {
      await context.close();
    }
    rmSync(profile, { recursive: true, force: true });
  }
}

// Loads url and fails unless it answers 200.
export async function open(page, url) {
  const response = await page.goto(url, { waitUntil: 'load', timeout: 30000 });
  if (!response || response.status() !== 200) {
    throw new Error(`GET ${url} answered ${response ? response.status() : 'nothing'}`);
  }
  return response;
}
