// Findings under the preview: the 2020 recipe preset shows what no longer works, a fix applies as one undoable
// change, a finding's line opens in the preview, and Modernize applies every fix.
import { test, expect } from './fixtures';
import { openDesigner, preview, shownText } from './page-helpers';

async function loadRecipe(page: import('@playwright/test').Page) {
  await openDesigner(page);
  await page.getByLabel('Preset', { exact: true }).selectOption('recipe-2020');
  await expect(page.getByLabel('Project name', { exact: true })).toHaveValue('recipe-2020');
  await expect(page.getByTestId('findings')).toHaveAttribute('data-ready', 'true');
}

test('the default design has no errors; the 2020 recipe has some, each with a reason and a source', async ({ page }) => {
  await openDesigner(page);
  await expect(page.getByTestId('findings')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('findings-summary')).not.toContainText('error');

  await page.getByLabel('Preset', { exact: true }).selectOption('recipe-2020');
  await expect(page.getByTestId('findings-summary')).toContainText(/\d+ errors?/);
  const endOfLife = page.locator('.finding[data-rule="CD001"]');
  await expect(endOfLife).toContainText('ubuntu:16.04 reached its end of support');
  await expect(endOfLife.getByRole('link')).toHaveAttribute('href', /^https:\/\//);
});

test('a finding opens its line in the preview', async ({ page }) => {
  await loadRecipe(page);
  await page.getByRole('button', { name: 'postBuild', exact: true }).click();
  const finding = page.locator('.finding[data-rule="CD001"]');
  const lineLink = finding.getByRole('button', { name: /^Dockerfile:\d+$/ });
  const line = Number((await lineLink.textContent())?.split(':')[1]);
  await lineLink.click();
  await expect(preview(page)).toHaveAttribute('data-path', 'Dockerfile');
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { monaco: { editor: { getEditors(): Array<{ getPosition(): { lineNumber: number } | null }> } } }).monaco.editor.getEditors()[0].getPosition()?.lineNumber))
    .toBe(line);
  expect((await shownText(page)).split('\n')[line - 1]).toContain('ubuntu:16.04');

  await finding.getByRole('button', { name: 'Show the field' }).click();
  await expect(page.getByLabel('Custom image', { exact: true })).toBeFocused();
});

test('a fix changes the design as one undoable step', async ({ page }) => {
  await loadRecipe(page);
  await page.locator('.finding[data-rule="CD001"]').getByRole('button', { name: 'Use ubuntu:24.04' }).click();
  await expect(page.getByLabel('Base image', { exact: true })).toHaveValue('ubuntu:24.04');
  await expect(page.locator('.finding[data-rule="CD001"]')).toHaveCount(0);
  expect(await shownText(page)).not.toContain('ubuntu:16.04');

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByLabel('Custom image', { exact: true })).toHaveValue('ubuntu:16.04');
  await expect(page.locator('.finding[data-rule="CD001"]')).toHaveCount(1);
});

test('Modernize applies every fix and leaves no errors', async ({ page }) => {
  await loadRecipe(page);
  await page.getByTestId('findings').getByRole('button', { name: 'Modernize' }).click();
  await expect(page.getByTestId('notice').filter({ hasText: 'Modernized: applied' })).toBeVisible();
  await expect(page.getByTestId('findings-summary')).not.toContainText('error');
  await expect(page.getByTestId('findings-summary')).not.toContainText('warning');
  expect(await shownText(page)).toContain('pipefail');
  // The project is still the recipe's: only what no longer works changed.
  await expect(page.getByLabel('Project name', { exact: true })).toHaveValue('recipe-2020');
});

test('findings mark their lines in the editor: gutter glyphs, underline markers with the reason on hover', async ({ page }) => {
  await loadRecipe(page);
  await expect(page.locator('.monaco-host .lint-glyph-error').first()).toBeVisible();
  const markers = () =>
    page.evaluate(() =>
      (window as unknown as { monaco: { editor: { getModelMarkers(filter: { owner: string }): Array<{ resource: { path: string }; startLineNumber: number; severity: number; message: string }> } } }).monaco.editor
        .getModelMarkers({ owner: 'condocker-lint' })
        .map((m) => ({ path: m.resource.path, line: m.startLineNumber, severity: m.severity, message: m.message.split('\n')[0] })),
    );
  await expect.poll(markers).toContainEqual({ path: '/Dockerfile', line: 7, severity: 8, message: 'ubuntu:16.04 reached its end of support on 2021-04-30.' });

  await page.locator('.monaco-host .lint-glyph-error').first().hover();
  await expect(page.locator('.monaco-hover').filter({ hasText: 'CD001' }).first()).toBeVisible();

  await page.locator('.finding[data-rule="CD001"]').getByRole('button', { name: 'Use ubuntu:24.04' }).click();
  await expect.poll(markers).not.toContainEqual(expect.objectContaining({ path: '/Dockerfile', line: 7, severity: 8 }));
});
