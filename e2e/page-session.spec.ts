// The design in progress survives a reload, a damaged saved value is ignored with a notice, undo/redo walk the
// changes, and presets ask before replacing changes.
import { test, expect } from './fixtures';
import { addEntry, designValues, listValues, openDesigner, shownText } from './page-helpers';

test('the design in progress survives a reload', async ({ page }) => {
  await openDesigner(page);
  await page.getByLabel('Project name', { exact: true }).fill('kept-after-reload');
  await addEntry(page, 'Conda package', 'xarray');
  // An unfinished (invalid) entry comes back as typed, with its message.
  await page.getByLabel('User ID', { exact: true }).fill('0');
  await expect.poll(async () => (await designValues(page))?.user?.uid).toBe('0');

  await page.reload();
  await expect(page.getByTestId('preview')).toHaveAttribute('data-editor-ready', 'true');
  await expect(page.getByLabel('Project name', { exact: true })).toHaveValue('kept-after-reload');
  expect(await listValues(page, 'Conda packages')).toContain('xarray');
  await expect(page.getByLabel('User ID', { exact: true })).toHaveValue('0');
  await expect(page.getByText('User ID: must be 1 or more')).toBeVisible();
  await page.getByLabel('User ID', { exact: true }).fill('1000');
  await expect.poll(() => shownText(page)).toContain('data-science'.replace('data-science', 'kept-after-reload'));
});

test('a damaged saved design is ignored with a notice', async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('condocker:draft:v1', '{"version":1,"values":{"user":{"uid":true}}');
      sessionStorage.setItem('seeded', '1');
    }
  });
  await openDesigner(page);
  await expect(page.getByTestId('notice').filter({ hasText: 'Your saved design could not be restored (it is not valid JSON)' })).toBeVisible();
  await expect(page.getByLabel('Project name', { exact: true })).toHaveValue('data-science');
  // The next change replaces the damaged value.
  await page.getByLabel('Project name', { exact: true }).fill('fresh-start');
  await expect.poll(async () => (await designValues(page))?.project?.name).toBe('fresh-start');
});

test('undo and redo, with the buttons and with the keyboard outside text fields', async ({ page }) => {
  await openDesigner(page);
  const undo = page.getByRole('button', { name: 'Undo' });
  const redo = page.getByRole('button', { name: 'Redo' });
  await expect(undo).toBeDisabled();

  const name = page.getByLabel('User name', { exact: true });
  await name.fill('ada');
  await page.waitForTimeout(700); // a pause ends one step
  await page.getByLabel('GPU', { exact: true }).check();
  await expect(undo).toBeEnabled();

  await undo.click();
  await expect(page.getByLabel('GPU', { exact: true })).not.toBeChecked();
  await expect(name).toHaveValue('ada');
  await undo.click();
  await expect(name).toHaveValue('al-khawarizmi');
  await expect(undo).toBeDisabled();
  expect(await shownText(page)).toContain('ARG username=al-khawarizmi');

  await redo.click();
  await expect(name).toHaveValue('ada');
  // Keyboard: outside a text field Ctrl+Shift+Z redoes and Ctrl+Z undoes.
  await page.getByLabel('GPU', { exact: true }).focus();
  await page.keyboard.press('Control+Shift+Z');
  await expect(page.getByLabel('GPU', { exact: true })).toBeChecked();
  await page.keyboard.press('Control+Z');
  await expect(page.getByLabel('GPU', { exact: true })).not.toBeChecked();
  await page.keyboard.press('Control+Z');
  await expect(name).toHaveValue('al-khawarizmi');
  expect(await shownText(page)).toContain('ARG username=al-khawarizmi');

  // Inside a text field, Ctrl+Z belongs to the browser's text editing, not to the design's history.
  await page.getByLabel('GPU', { exact: true }).check();
  await page.waitForTimeout(700);
  await page.getByLabel('Description', { exact: true }).focus();
  await page.keyboard.press('Control+Z');
  await expect(page.getByLabel('GPU', { exact: true })).toBeChecked();
});

test('a preset asks before replacing changes; Keep editing keeps them, Undo brings them back', async ({ page }) => {
  await openDesigner(page);
  const preset = page.getByLabel('Preset', { exact: true });
  // No changes yet: a preset loads at once.
  await preset.selectOption('micromamba');
  await expect(page.getByLabel('Installer', { exact: true })).toHaveValue('micromamba');
  await expect(page.getByTestId('confirm-dialog')).not.toBeVisible();

  await page.getByLabel('User name', { exact: true }).fill('ada');
  await preset.selectOption('recipe-2020');
  const confirm = page.getByTestId('confirm-dialog');
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Keep editing' }).click();
  await expect(page.getByLabel('User name', { exact: true })).toHaveValue('ada');
  await expect(preset).toHaveValue('micromamba');

  await preset.selectOption('recipe-2020');
  await confirm.getByRole('button', { name: 'Load preset' }).click();
  await expect(page.getByLabel('Project name', { exact: true })).toHaveValue('recipe-2020');
  await expect(page.getByLabel('Custom image', { exact: true })).toHaveValue('ubuntu:16.04');
  // The recipe's compatibility switches are visible in the open Advanced section.
  await expect(page.getByLabel('conda env create --force', { exact: true })).toBeChecked();
  expect(await shownText(page)).toContain('FROM ubuntu:16.04');

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByLabel('User name', { exact: true })).toHaveValue('ada');
  await expect(page.getByLabel('Installer', { exact: true })).toHaveValue('micromamba');

  await page.getByRole('button', { name: 'New design' }).click();
  await confirm.getByRole('button', { name: 'New design' }).click();
  await expect(page.getByLabel('Project name', { exact: true })).toHaveValue('data-science');
  await expect(page.getByLabel('User name', { exact: true })).toHaveValue('al-khawarizmi');
});
