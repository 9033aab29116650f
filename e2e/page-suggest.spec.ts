// Package suggestions as a person uses them, against the fixture channels (sharded repodata: a name index and one
// shard per package) and the fixture PyPI that Playwright starts next to Next: off by default with no request at
// all, switched on and remembered, `sklea` → scikit-learn picked with the keyboard, `pytoch` → pytorch, the
// versions of a pick, the PyPI look-up of a pip line, and an unreachable channel that changes nothing.
import AxeBuilder from '@axe-core/playwright';
import type { Page, Request } from '@playwright/test';
import { test, expect } from './fixtures';
import { unreachableOrigin } from '../lib/testing/fixture-server';
import { listValues, openDesigner } from './page-helpers';

const SCREENS = 'test-results/screens';
const FIXTURE_PORT = Number(process.env.E2E_FIXTURE_PORT ?? 3199);

const newPackage = (page: Page) => page.getByRole('combobox', { name: 'New conda package' });
const options = (page: Page) => page.getByRole('listbox', { name: 'Package suggestions' }).getByRole('option');
const suggestionsSwitch = (page: Page) => page.getByRole('switch', { name: 'Online suggestions' }).first();

/** Every request the page and its workers make to the fixture server (the channels and PyPI). */
function fixtureRequests(page: Page): string[] {
  const seen: string[] = [];
  const record = (request: Request) => {
    if (new URL(request.url()).port === String(FIXTURE_PORT)) seen.push(request.url());
  };
  page.context().on('request', record);
  return seen;
}

async function switchOn(page: Page) {
  await suggestionsSwitch(page).check();
  await expect(suggestionsSwitch(page)).toBeChecked();
}

/** Moves through the options with the keyboard until `name` is the active one. */
async function arrowTo(page: Page, name: string) {
  const input = newPackage(page);
  for (let step = 0; step < 8; step++) {
    await input.press('ArrowDown');
    const active = await input.getAttribute('aria-activedescendant');
    if (active && (await page.locator(`[id="${active}"]`).innerText()).startsWith(name)) return;
  }
  throw new Error(`${name} is not among the suggestions`);
}

test('suggestions are off by default: typing sends nothing and the field works as before', async ({ page }) => {
  const requests = fixtureRequests(page);
  await openDesigner(page);
  await expect(suggestionsSwitch(page)).not.toBeChecked();
  await expect(page.getByTestId('suggestions-status').first()).toContainText('nothing leaves the page');
  const box = page.getByLabel('New conda package', { exact: true });
  await box.fill('sklea');
  await page.waitForTimeout(500);
  await expect(page.getByRole('listbox', { name: 'Package suggestions' })).toHaveCount(0);
  await box.fill('xarray');
  await box.press('Enter');
  expect(await listValues(page, 'Conda packages')).toContain('xarray');
  expect(requests).toEqual([]);
});

test('switched on: sklea → scikit-learn with the keyboard, its versions, pytoch → pytorch; the switch is remembered', async ({ page }) => {
  const requests = fixtureRequests(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDesigner(page);
  await switchOn(page);
  expect(requests, 'nothing is fetched before a package field is used').toEqual([]);

  const input = newPackage(page);
  await input.click();
  await input.pressSequentially('sklea');
  await expect(page.getByTestId('suggestions-status').first()).toContainText(/names \(.+\), fetched just now/);
  await expect(options(page).filter({ hasText: 'scikit-learn' })).toBeVisible();
  // Names starting with what was typed come first; scikit-learn is a close match after them.
  await expect(options(page).first()).toContainText('sklearn-pandas');
  expect(requests.some((url) => url.endsWith('/linux-64/repodata_shards.msgpack.zst'))).toBe(true);
  expect(requests.some((url) => url.endsWith('/noarch/repodata_shards.msgpack.zst'))).toBe(true);

  const axe = await new AxeBuilder({ page }).include('.combobox').analyze();
  expect(axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual([]);
  await page.screenshot({ path: `${SCREENS}/suggest-sklea.png` });

  await arrowTo(page, 'scikit-learn');
  await expect(page.locator('.combobox-option.active')).toContainText(/latest \d/);
  await input.press('Enter');
  await expect(input).toHaveValue('scikit-learn');
  const versions = page.getByRole('status', { name: 'Versions of scikit-learn' });
  await expect(versions).toContainText('linux-64:');
  await page.screenshot({ path: `${SCREENS}/suggest-versions.png` });
  await input.press('Enter');
  expect(await listValues(page, 'Conda packages')).toContain('scikit-learn');
  await expect(input).toHaveValue('');

  // A typo still finds the package; a version button pins the entry.
  await input.pressSequentially('pytoch');
  await expect(options(page).first()).toContainText('pytorch');
  await arrowTo(page, 'pytorch');
  await input.press('Enter');
  await expect(input).toHaveValue('pytorch');
  await page.getByRole('status', { name: 'Versions of pytorch' }).getByRole('button').first().click();
  await expect(input).toHaveValue(/^pytorch=\d/);
  await input.press('Enter');
  expect((await listValues(page, 'Conda packages')).some((entry) => /^pytorch=\d/.test(entry))).toBe(true);

  // Remembered: a new page starts with suggestions on, and the names come from the browser's cache.
  const before = requests.length;
  await page.reload();
  await expect(page.getByTestId('preview')).toHaveAttribute('data-editor-ready', 'true');
  await expect(suggestionsSwitch(page)).toBeChecked();
  await newPackage(page).pressSequentially('pand');
  await expect(options(page).first()).toContainText('pandas');
  expect(requests.slice(before).filter((url) => url.endsWith('repodata_shards.msgpack.zst')), 'fresh indexes come from the cache').toEqual([]);
});

test('a pip line is looked up when left: latest version and summary, or "not on PyPI" with the conda-forge name', async ({ page }) => {
  await openDesigner(page);
  await switchOn(page);
  const box = page.getByLabel('New pip package', { exact: true });
  await box.fill('requests');
  await box.press('Enter');
  await expect(page.getByTestId('pip-note').filter({ hasText: 'on PyPI' })).toContainText('Python HTTP for Humans.');
  await box.fill('pytables');
  await box.press('Enter');
  await expect(page.getByTestId('pip-note').filter({ hasText: 'not on PyPI' })).toContainText('conda-forge has pytables');
});

test('a channel that cannot be reached: a clear message, typing and adding work as before', async ({ page }) => {
  await openDesigner(page);
  await switchOn(page);
  const channels = page.getByLabel('Channel 1', { exact: true });
  const nowhere = `${await unreachableOrigin()}/conda-forge`;
  await channels.fill(nowhere);
  const input = newPackage(page);
  await input.click();
  await input.pressSequentially('numpy');
  await expect(page.getByTestId('suggestions-status').first()).toContainText(`No suggestions: ${nowhere}/`);
  await expect(page.getByTestId('suggestions-status').first()).toContainText('cannot reach');
  await input.press('Enter');
  expect(await listValues(page, 'Conda packages')).toContain('numpy');
  expect(await listValues(page, 'Channels')).toEqual([nowhere]);
});
