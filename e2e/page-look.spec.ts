// How the page looks and reads: dark mode (system and toggle), a 360 px phone, keyboard help and focus order,
// and no serious or critical axe findings. Screenshots go to test-results/screens/ for a person to look at.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { addEntry, openDesigner, preview } from './page-helpers';

const SCREENS = 'test-results/screens';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

// Monaco colours a file a moment after showing it (its grammar loads on demand): wait before a screenshot.
const settle = (page: Page) => page.waitForTimeout(400);

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('dark mode follows the system, and the toggle is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openDesigner(page);
  const toggle = page.getByRole('button', { name: 'Dark mode' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect(await background(page)).toBe('rgb(11, 15, 20)');
  await expect(page.locator('.monaco-editor')).toHaveClass(/vs-dark/);
  await settle(page);
  await page.screenshot({ path: `${SCREENS}/desktop-dark.png` });

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  expect(await background(page)).toBe('rgb(245, 247, 249)');
  await expect(page.locator('.monaco-editor')).not.toHaveClass(/vs-dark/);
  await page.reload();
  await expect(preview(page)).toHaveAttribute('data-editor-ready', 'true');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  expect(await background(page)).toBe('rgb(245, 247, 249)');

  // Toggling back to what the system says forgets the choice: the page follows the system again.
  await toggle.click();
  expect(await page.evaluate(() => localStorage.getItem('condocker:theme'))).toBeNull();
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
});

test('desktop: screenshots with an error and with a dialog', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDesigner(page);
  await settle(page);
  await page.screenshot({ path: `${SCREENS}/desktop-light.png` });
  await addEntry(page, 'Pip package', 'requests >>> 2');
  await page.getByLabel('Pip package 1', { exact: true }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENS}/desktop-error.png` });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByTestId('import-dialog').getByLabel('Text to import').fill('name: demo\ndependencies:\n  - numpy\n  - sel(win): pywin32\n');
  await page.getByRole('button', { name: 'Read text' }).click();
  await expect(page.getByTestId('import-summary')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/desktop-import.png` });

  // Notices float over the page: one coming (or going) moves neither the form nor the editor.
  const workspaceTop = () => page.locator('.workspace').evaluate((element) => element.getBoundingClientRect().top);
  const before = await workspaceTop();
  await page.getByTestId('import-dialog').getByRole('button', { name: 'Apply' }).click();
  const notice = page.getByTestId('notice').filter({ hasText: 'Imported environment.yml; 1 line was not imported.' });
  await expect(notice).toBeVisible();
  expect(await workspaceTop()).toBe(before);
  await page.screenshot({ path: `${SCREENS}/desktop-notice.png` });
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  expect(await workspaceTop()).toBe(before);
});

test('360 px wide: Design and Files tabs, nothing wider than the screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await openDesigner(page);
  const scrollWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
  expect(await scrollWidth()).toBeLessThanOrEqual(360);
  await expect(page.getByRole('tab', { name: 'Design' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Project name', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Download', exact: true })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/phone-360-design.png` });
  await page.screenshot({ path: `${SCREENS}/phone-360-design-full.png`, fullPage: true });

  await page.getByLabel('User name', { exact: true }).fill('ada');
  await page.getByRole('tab', { name: 'Files' }).click();
  await expect(page.getByLabel('Project name', { exact: true })).toBeHidden();
  await expect(page.locator('.monaco-editor')).toBeVisible();
  expect(await page.getByTestId('file-content').textContent()).toContain('ARG username=ada');
  expect(await scrollWidth()).toBeLessThanOrEqual(360);
  await settle(page);
  await page.screenshot({ path: `${SCREENS}/phone-360-files.png` });
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByLabel('Preset', { exact: true }).selectOption('recipe-2020');
  await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Load preset' }).click();
  await page.getByRole('tab', { name: 'Findings' }).click();
  await expect(page.getByTestId('findings-summary')).toContainText('error');
  await expect(page.locator('.monaco-editor')).toBeHidden();
  await page.screenshot({ path: `${SCREENS}/phone-360-findings.png` });
  // A finding's line switches to the Files tab and shows it.
  await page.locator('.finding[data-rule="CD001"]').getByRole('button', { name: /^Dockerfile:\d+$/ }).click();
  await expect(page.getByRole('tab', { name: 'Files' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.monaco-editor')).toBeVisible();
  expect(await scrollWidth()).toBeLessThanOrEqual(360);
});

test('keyboard: "?" opens the shortcuts, focus moves in reading order', async ({ page }) => {
  await openDesigner(page);
  await page.locator('body').press('?');
  const help = page.getByTestId('shortcuts-dialog');
  await expect(help).toBeVisible();
  await expect(help).toContainText('Download the project as a zip');
  await expect(help.locator('kbd')).toContainText(['Ctrl', 'Enter', 'Ctrl', 'Shift', 'C']);
  await page.keyboard.press('Escape');
  await expect(help).not.toBeVisible();

  // Tab order: the header's controls from left to right, then the form from the top.
  await page.getByLabel('Preset', { exact: true }).focus();
  const order: string[] = [];
  for (let i = 0; i < 13; i++) {
    await page.keyboard.press('Tab');
    order.push(
      await page.evaluate(() => {
        const element = document.activeElement as HTMLInputElement;
        return (element.getAttribute('aria-label') ?? element.labels?.[0]?.textContent ?? element.textContent ?? '').trim();
      }),
    );
  }
  // Undo and Redo are disabled before any change, so Tab passes them.
  expect(order).toEqual(['New design', 'Check', 'Import', 'Share', 'Download', 'Dark mode', 'Keyboard shortcuts', 'Project name', 'Description', 'Install this project', 'Base image', 'linux/amd64', 'linux/arm64']);
  // The focused control is visibly marked: an outline on checkboxes and buttons, a ring on text fields.
  expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).not.toBe('none');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByLabel('Base image', { exact: true })).toBeFocused();
  expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).boxShadow)).not.toBe('none');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`no serious or critical axe findings (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openDesigner(page);
    await addEntry(page, 'Pip package', 'requests >>> 2');
    await page.getByRole('button', { name: 'Add variable' }).click();
    await page.getByLabel('Preset', { exact: true }).selectOption('recipe-2020');
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Load preset' }).click();
    await expect(page.getByTestId('findings')).toHaveAttribute('data-ready', 'true');
    await settle(page);
    await page.screenshot({ path: `${SCREENS}/desktop-recipe-${scheme}.png` });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await expect(page.getByTestId('share-dialog')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
