// Check and Lock on the page, against the fixture channels and PyPI that Playwright starts next to Next (the server's
// GET /api/mirrors points the page at them): per-platform results, a conflict linked to its field, Lock as one
// undoable step with the lock files in the preview and the zip, and the failures (a channel the browser cannot
// reach, with and without the server's /api/check). The shared fixture fails any test whose requests leave
// localhost. Screenshots go to test-results/screens/ for a person to look at.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { unreachableOrigin } from '../lib/testing/fixture-server';
import { addEntry, designValues, fileTab, openDesigner, showFile, shownText } from './page-helpers';

const SCREENS = 'test-results/screens';

const checkButton = (page: Page) => page.getByRole('button', { name: 'Check', exact: true });
const dialog = (page: Page) => page.getByTestId('check-dialog');
const status = (page: Page) => page.getByTestId('check-status');

/** Collects the page's long tasks (main thread > 50 ms) from the start, for "the page never blocks". */
async function watchLongTasks(page: Page) {
  await page.addInitScript(() => {
    const win = window as unknown as { __longTasks: Array<{ start: number; duration: number }> };
    win.__longTasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) win.__longTasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // No longtask support: nothing is recorded.
    }
  });
}

/** The longest main-thread task since `since` (performance.now() of the page). */
const longestTaskSince = (page: Page, since: number) =>
  page.evaluate((start) => {
    const tasks = (window as unknown as { __longTasks?: Array<{ start: number; duration: number }> }).__longTasks ?? [];
    return Math.max(0, ...tasks.filter((task) => task.start >= start).map((task) => task.duration));
  }, since);

async function runCheck(page: Page, expected: 'report' | 'unreachable' = 'report') {
  await checkButton(page).click();
  await expect(dialog(page)).toBeVisible();
  await expect(status(page)).toHaveAttribute('data-state', expected, { timeout: 45_000 });
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

test('Check solves each platform and lists the packages; the page never blocks', async ({ page }) => {
  await watchLongTasks(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDesigner(page);
  await addEntry(page, 'Pip package', 'rich>=13');
  const before = await designValues(page);
  const since = await page.evaluate(() => performance.now());
  await runCheck(page);
  const longest = await longestTaskSince(page, since);
  test.info().annotations.push({ type: 'longest main-thread task during the check', description: `${longest.toFixed(0)} ms` });
  console.log(`longest main-thread task during the check: ${longest.toFixed(0)} ms`);

  await expect(status(page)).toHaveText('Every platform solves and every pip line checks out.');
  for (const subdir of ['linux-64', 'linux-aarch64']) {
    await expect(page.getByTestId(`check-platform-${subdir}`)).toHaveAttribute('data-ok', 'true');
    await expect(page.getByTestId(`check-platform-${subdir}`)).toContainText(/\d+ packages, [\d.]+ [kMG]B to download/);
  }
  await expect(page.getByTestId('check-steps').locator('li')).toHaveCount(4);
  await expect(page.getByTestId('check-steps').locator('li[data-state="done"]')).toHaveCount(4);
  await expect(page.getByTestId('check-pip').locator('li')).toHaveText([/rich>=13 checks out → 13\.9\.4/]);
  await expect(page.getByTestId('check-via-server')).toHaveCount(0);

  // The table filters by name, version, build or channel.
  const rows = page.getByTestId('check-packages').locator('tbody tr');
  await expect.poll(() => rows.count()).toBeGreaterThan(10);
  await page.getByLabel('Filter packages').fill('numpy');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().locator('td').first()).toHaveText('numpy');
  await page.getByLabel('Filter packages').fill('');
  // Rows join a batch at a time; "Show all" ends with every package of the platform in the table.
  const total = Number((await page.getByTestId('check-platform-linux-64').textContent())?.match(/(\d+) packages/)?.[1]);
  expect(total).toBeGreaterThan(30);
  await page.getByRole('button', { name: `Show all ${total} packages` }).click();
  await expect(rows).toHaveCount(total);
  // The button went away; the focus is on the table it filled, not lost to the page.
  await expect(page.getByRole('region', { name: 'Packages for linux-64' })).toBeFocused();
  await page.screenshot({ path: `${SCREENS}/check-desktop-light.png` });
  expect(await seriousViolations(page)).toEqual([]);

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${SCREENS}/check-desktop-dark.png` });
  expect(await seriousViolations(page)).toEqual([]);

  // Checking changed nothing. Escape closes the dialog even with the focus on nothing (<body>).
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeHidden();
  expect(await designValues(page)).toEqual(before);
});

test('a conflict is explained per platform and its link focuses the spec to blame', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await openDesigner(page);
  await page.getByLabel('Conda package 2', { exact: true }).fill('numpy>=2');
  await addEntry(page, 'Conda package', 'legacy-stats');
  await runCheck(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const platform = page.getByTestId('check-platform-linux-64');
  await expect(platform).toHaveAttribute('data-ok', 'false');
  await expect(platform).toContainText('cannot be solved');
  await expect(platform).toContainText('legacy-stats * cannot be installed');
  await expect(platform).toContainText('Conda package 6, environment.yml line');
  await expect(page.getByRole('button', { name: 'Lock' })).toBeDisabled();
  await page.screenshot({ path: `${SCREENS}/check-phone-360-conflict.png` });
  expect(await seriousViolations(page)).toEqual([]);

  await platform.getByRole('button', { name: 'legacy-stats: show Conda package 6 in the form' }).click();
  await expect(dialog(page)).toBeHidden();
  await expect(page.getByLabel('Conda package 6', { exact: true })).toBeFocused();
});

test('Lock stores the result as one undoable step: lock files in the preview and the zip', async ({ page }) => {
  await openDesigner(page);
  await runCheck(page);
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(dialog(page)).toBeHidden();
  await expect(page.getByTestId('notice').filter({ hasText: /^Locked linux-64 \(\d+ packages\) and linux-aarch64/ })).toBeVisible();
  for (const path of ['conda-linux-64.lock', 'conda-linux-aarch64.lock']) await expect(fileTab(page, path)).toBeVisible();
  await showFile(page, 'conda-linux-64.lock');
  const lockText = await shownText(page);
  expect(lockText).toContain('@EXPLICIT');
  // Miniforge reads #sha256: (conda >= 24.9).
  expect(lockText).toMatch(/^https:\/\/conda\.anaconda\.org\/conda-forge\/linux-64\/numpy-\S+\.conda#sha256:[0-9a-f]{64}$/m);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download', exact: true }).click()]);
  const folder = mkdtempSync(join(tmpdir(), 'condocker-check-'));
  writeFileSync(join(folder, 'project.zip'), readFileSync(await download.path()));
  execFileSync('unzip', ['-q', 'project.zip', '-d', 'out'], { cwd: folder });
  expect(readdirSync(join(folder, 'out'))).toEqual(expect.arrayContaining(['conda-linux-64.lock', 'conda-linux-aarch64.lock']));
  expect(readFileSync(join(folder, 'out', 'conda-linux-64.lock'), 'utf8')).toBe(lockText);

  // One step: Undo takes the lock (and only the lock) away, Redo brings it back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(fileTab(page, 'conda-linux-64.lock')).toHaveCount(0);
  expect((await designValues(page))?.lock).toBeUndefined();
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(fileTab(page, 'conda-linux-64.lock')).toBeVisible();
});

test('a channel the browser cannot reach: the server checks instead, and says so', async ({ page }) => {
  const UNREACHABLE = await unreachableOrigin();
  await page.route('**/api/mirrors', (route) => route.fulfill({ json: { channelUrls: { 'conda-forge': `${UNREACHABLE}/conda-forge` }, pypiUrl: null } }));
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDesigner(page);
  await runCheck(page);
  await expect(page.getByTestId('check-via-server')).toContainText('the server checked instead');
  await expect(page.getByTestId('check-steps').locator('li[data-state="failed"]')).toHaveCount(0);
  await expect(page.getByTestId('check-steps').locator('li[data-step="platform:linux-64"]')).toContainText('checked by the server');
  await expect(page.getByTestId('check-platform-linux-64')).toHaveAttribute('data-ok', 'true');
  await page.screenshot({ path: `${SCREENS}/check-desktop-via-server.png` });
});

test('offline or a channel down: a clear message, the design unchanged, Lock not offered', async ({ page, watched }) => {
  const UNREACHABLE = await unreachableOrigin();
  await page.route('**/api/mirrors', (route) => route.fulfill({ json: { channelUrls: { 'conda-forge': `${UNREACHABLE}/conda-forge` }, pypiUrl: null } }));
  await page.route('**/api/check', (route) => route.abort('internetdisconnected'));
  await openDesigner(page);
  const before = await designValues(page);
  await runCheck(page, 'unreachable');
  const error = page.getByTestId('check-error');
  await expect(error).toContainText('The channels could not be reached: you may be offline, or a channel is down.');
  await expect(error).toContainText(`${UNREACHABLE}/conda-forge`);
  await expect(error).toContainText('the server could not be reached either');
  await expect(error).toContainText('Your design is unchanged.');
  await expect(page.getByRole('button', { name: 'Lock' })).toBeDisabled();
  await page.screenshot({ path: `${SCREENS}/check-desktop-unreachable.png` });
  expect(await designValues(page)).toEqual(before);
  // The browser logs the refused requests themselves; they are what this test is about.
  watched.consoleErrors.splice(0, watched.consoleErrors.length, ...watched.consoleErrors.filter((text) => !/Failed to load resource|ERR_CONNECTION_REFUSED|ERR_INTERNET_DISCONNECTED/.test(text)));
});

test('Cancel stops the check; the next Check starts a fresh one', async ({ page }) => {
  await openDesigner(page);
  await checkButton(page).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(status(page)).toHaveAttribute('data-state', 'cancelled');
  await expect(status(page)).toHaveText('Check cancelled. Your design is unchanged.');
  await page.getByRole('button', { name: 'Check again' }).click();
  await expect(status(page)).toHaveAttribute('data-state', 'report', { timeout: 45_000 });
  await expect(page.getByTestId('check-platform-linux-64')).toHaveAttribute('data-ok', 'true');
});

test('code that cannot be fetched after the first load: dialogs and the editor say so; the page and the design stay', async ({ page, watched }) => {
  // Everything the first load needs is served; every chunk loaded later (the dialogs among them) fails, as it would
  // offline or after a redeployment replaced the chunks.
  const html = await (await page.request.get('/')).text();
  const firstLoad = new Set([...html.matchAll(/(?:src|href)="(\/_next\/static\/chunks\/[^"?]+)/g)].map((match) => match[1]));
  await page.route('**/_next/static/chunks/**', (route) => (firstLoad.has(new URL(route.request().url()).pathname) ? route.fallback() : route.abort()));
  await page.goto('/');
  await expect(page.getByLabel('Project name', { exact: true })).toHaveValue('data-science');
  await page.getByLabel('Project name', { exact: true }).fill('still-here');
  await expect.poll(async () => (await designValues(page))?.project?.name).toBe('still-here');
  const before = await designValues(page);

  await checkButton(page).click();
  const unavailable = page.getByTestId('dialog-unavailable');
  await expect(unavailable).toBeVisible();
  await expect(unavailable).toContainText('Check against the channels');
  await expect(unavailable).toContainText('could not be loaded');
  await page.screenshot({ path: `${SCREENS}/code-unavailable.png` });
  await unavailable.getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(unavailable).toBeHidden();

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(unavailable).toContainText('Import');
  await page.keyboard.press('Escape');
  await expect(unavailable).toBeHidden();
  await expect(page.getByRole('button', { name: 'Download', exact: true })).toBeVisible();
  expect(await designValues(page)).toEqual(before);
  // The editor is missing too: the file stays readable as plain text, and the page says why.
  await expect(page.getByTestId('editor-unavailable')).toBeVisible();
  await expect(page.locator('.code-fallback')).toContainText('FROM ${BASE_IMAGE}');
  await expect(page.getByTestId('findings-summary')).toHaveText('could not be loaded; reload the page to check');
  // The aborted requests are the only errors: nothing was thrown.
  watched.consoleErrors.splice(0, watched.consoleErrors.length, ...watched.consoleErrors.filter((text) => !/Failed to load resource/.test(text)));
});
