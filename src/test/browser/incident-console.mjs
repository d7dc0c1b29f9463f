// A commander's incident in headless Debian Chromium: signs in to the console, declares a P1 on a
// service, posts a public update and edits it; then, with the incident page open, adds a note through
// the GraphQL API and waits for the page's script to show it without a reload. Screenshots the console,
// the public incident page and the status page into <screenshotDir>, and prints what it saw as one
// JSON line.
//
// Usage: node incident-console.mjs <baseUrl> <name> <password> <apiToken> <screenshotDir>
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { open, withChromium } from './chromium.mjs';

const [baseUrl, name, password, apiToken, screenshotDir] = process.argv.slice(2);
if (!screenshotDir) {
  console.error('usage: node incident-console.mjs <baseUrl> <name> <password> <apiToken> <screenshotDir>');
  process.exit(2);
}

const TITLE = 'Payments failing at checkout';
const UPDATE = 'We rolled back the payments deploy.';
const EDITED = 'We rolled back the payments deploy; payments work again.';
const LIVE_NOTE = 'Added through the API while the page was open.';
const SHOWS_WITHIN = 10000;

async function addNoteThroughTheApi(number) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${apiToken}` },
    body: JSON.stringify({
      query: 'mutation ($input: AddTimelineEntryInput!) { addTimelineEntry(input: $input) { entry { id } userErrors { message } } }',
      variables: { input: { number, kind: 'NOTE', body: LIVE_NOTE } },
    }),
  });
  const answer = await response.json();
  if (!answer.data || answer.data.addTimelineEntry.userErrors.length > 0) {
    throw new Error(`addTimelineEntry answered ${JSON.stringify(answer)}`);
  }
}

// Reloads until the locator shows: public pages may be cached for a moment.
async function reloadUntilVisible(page, locator) {
  const deadline = Date.now() + SHOWS_WITHIN;
  while (!(await locator.isVisible())) {
    if (Date.now() > deadline) {
      throw new Error(`${page.url()} did not show ${locator} within ${SHOWS_WITHIN} ms`);
    }
    await page.waitForTimeout(200);
    await page.reload({ waitUntil: 'load' });
  }
}

await withChromium(async (page) => {
  mkdirSync(screenshotDir, { recursive: true });

  await open(page, `${baseUrl}/console`);
  if (!new URL(page.url()).pathname.startsWith('/console/login')) {
    throw new Error(`signed out, /console should lead to the sign-in form, not ${page.url()}`);
  }
  await page.fill('#name', name);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(`${baseUrl}/console`), page.click('form[action="/console/login"] button[type=submit]')]);

  await Promise.all([page.waitForURL('**/console/incidents/new'), page.click('a[href="/console/incidents/new"]')]);
  await page.fill('#title', TITLE);
  await page.check('input[name=severity][value=P1]');
  await page.check('input[name=services][value=checkout-api]');
  await Promise.all([page.waitForURL(/\/console\/incidents\/INC-\d+$/),
    page.click('form[action="/console/incidents"] button[type=submit]')]);
  const consoleUrl = page.url();
  const number = consoleUrl.split('/').pop();

  await page.selectOption('#kind', 'STATUS_UPDATE');
  await page.fill('#entry-body', UPDATE);
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/entries"] button[type=submit]')]);
  const update = page.locator('#timeline li.entry', { hasText: UPDATE });
  await update.waitFor({ timeout: SHOWS_WITHIN });
  await update.locator('summary').click();
  await update.locator('textarea[name=body]').fill(EDITED);
  await Promise.all([page.waitForNavigation(), update.locator('form[action$="/edit"] button[type=submit]').click()]);
  await page.locator('#timeline li.entry', { hasText: EDITED }).waitFor({ timeout: SHOWS_WITHIN });

  // Open the page afresh and wait for its live stream to be answered before changing the incident.
  const liveAnswered = page.waitForResponse((response) => response.url().endsWith(`/console/incidents/${number}/live`),
    { timeout: SHOWS_WITHIN });
  await open(page, consoleUrl);
  const live = await liveAnswered;
  await page.evaluate(() => { window.openedBeforeTheNote = true; });
  await addNoteThroughTheApi(number);
  await page.locator('#timeline li.entry', { hasText: LIVE_NOTE }).waitFor({ timeout: SHOWS_WITHIN });
  const notReloaded = await page.evaluate(() => window.openedBeforeTheNote === true);
  await page.screenshot({ path: join(screenshotDir, 'incident-console.png'), fullPage: true });
  const consoleTimeline = (await page.locator('#timeline li.entry .entry-body').allInnerTexts()).map((text) => text.trim());

  await open(page, `${baseUrl}/incidents/${number}`);
  await page.screenshot({ path: join(screenshotDir, 'incident-public.png'), fullPage: true });
  const publicPage = {
    title: (await page.locator('h1').innerText()).trim(),
    status: (await page.locator('.incident-status').innerText()).trim(),
    updates: (await page.locator('ol.updates > li > div').allInnerTexts()).map((text) => text.trim()),
  };

  await open(page, `${baseUrl}/`);
  await reloadUntilVisible(page, page.locator('.incident-card h3', { hasText: TITLE }));
  await page.screenshot({ path: join(screenshotDir, 'incident-status-page.png'), fullPage: true });
  const statusPage = {
    incidents: (await page.locator('.incident-card h3').allInnerTexts()).map((text) => text.trim()),
    latestUpdate: (await page.locator('.incident-card .incident-update').first().innerText()).trim(),
    summary: (await page.locator('.summary-text').innerText()).trim(),
  };

  return {
    number, liveStatus: live.status(), liveContentType: live.headers()['content-type'] ?? null,
    notReloaded, consoleTimeline, publicPage, statusPage,
  };
});
