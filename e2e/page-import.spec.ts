// Import: a real-looking environment.yml fills the form; the dialog shows what changes and every line that was
// not imported; a file that is too large or unreadable is refused and the design stays as it was.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { designSchema } from '../lib/design/schema';
import { generateFiles } from '../lib/generators';
import { buildZip } from '../lib/zip';
import { test, expect } from './fixtures';
import { listValues, openDesigner, shownText, showFile } from './page-helpers';

const ENVIRONMENT_YML = `# Ocean heat content analysis — conda env for the notebooks
name: ocean-analysis
channels:
  - conda-forge
  - nodefaults
dependencies:
  - python=3.11
  - numpy>=1.26,<2
  - pandas
  - xarray>=2024.1
  - dask
  - netcdf4
  - cartopy
  - jupyterlab
  - sel(win): pywin32
  - pip
  - pip:
      - tqdm>=4.66
      - gsw==3.6.19
variables:
  OMP_NUM_THREADS: 1
`;

test('importing an environment.yml file fills the form and lists the line it could not import', async ({ page }) => {
  await openDesigner(page);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByTestId('import-file').setInputFiles({ name: 'environment.yml', mimeType: 'application/x-yaml', buffer: Buffer.from(ENVIRONMENT_YML) });

  await expect(dialog.getByText('From environment.yml')).toBeVisible();
  const summary = dialog.getByTestId('import-summary');
  await expect(summary).toContainText('Project name: ocean-analysis');
  await expect(summary).toContainText('Conda packages (7): numpy>=1.26,<2, pandas, xarray>=2024.1, dask, netcdf4, cartopy, jupyterlab');
  await expect(summary).toContainText('Pip packages (2): tqdm>=4.66, gsw==3.6.19');
  await expect(dialog.getByTestId('import-warnings')).toContainText('environment.yml:15');
  await expect(dialog.getByTestId('import-warnings')).toContainText('sel(win): pywin32');
  // Nothing changes before the person applies it.
  await expect(page.getByLabel('Project name', { exact: true })).toHaveValue('data-science');

  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).not.toBeVisible();
  await expect(page.getByLabel('Project name', { exact: true })).toHaveValue('ocean-analysis');
  await expect(page.getByLabel('Python version', { exact: true })).toHaveValue('3.11');
  expect(await listValues(page, 'Channels')).toEqual(['conda-forge', 'nodefaults']);
  expect(await listValues(page, 'Conda packages')).toEqual(['numpy>=1.26,<2', 'pandas', 'xarray>=2024.1', 'dask', 'netcdf4', 'cartopy', 'jupyterlab']);
  expect(await listValues(page, 'Pip packages')).toEqual(['tqdm>=4.66', 'gsw==3.6.19']);
  await expect(page.getByLabel('Variable name 1', { exact: true })).toHaveValue('OMP_NUM_THREADS');
  await expect(page.getByTestId('notice').filter({ hasText: 'Imported environment.yml; 1 line was not imported.' })).toContainText('sel(win): pywin32');

  await showFile(page, 'environment.yml');
  expect(await shownText(page)).toContain('- xarray>=2024.1');

  // One undo step brings the design from before the import back.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByLabel('Project name', { exact: true })).toHaveValue('data-science');
});

test('pasted requirements.txt replaces only the pip packages', async ({ page }) => {
  await openDesigner(page);
  await page.getByLabel('User name', { exact: true }).fill('ada');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByLabel('Text to import').fill('requests>=2.32\n# formatting\nblack==24.10.0\n');
  await expect(dialog.getByLabel('The text is')).toContainText('looks like requirements.txt (pip)');
  await dialog.getByRole('button', { name: 'Read text' }).click();
  await expect(dialog.getByTestId('import-summary')).toHaveText('Pip packages (2): requests>=2.32, black==24.10.0');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  expect(await listValues(page, 'Pip packages')).toEqual(['requests>=2.32', 'black==24.10.0']);
  await expect(page.getByLabel('User name', { exact: true })).toHaveValue('ada');
});

test('a zip made by Condocker imports back to the same design', async ({ page }) => {
  const design = designSchema.parse({ project: { name: 'round-trip' }, apt: { packages: ['git'] }, pip: { packages: ['tqdm'] } });
  const zip = Buffer.from(await buildZip(generateFiles(design)));
  await openDesigner(page);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByTestId('import-file').setInputFiles({ name: 'round-trip.zip', mimeType: 'application/zip', buffer: zip });
  await expect(dialog.getByTestId('import-summary')).toContainText('Project name: round-trip');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByLabel('Project name', { exact: true })).toHaveValue('round-trip');
  expect(await listValues(page, 'System packages')).toEqual(['git']);
});

test('a file over 5 MB is refused before it is read, and the design is unchanged', async ({ page }) => {
  await openDesigner(page);
  await page.getByLabel('User name', { exact: true }).fill('ada');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByTestId('import-file').setInputFiles({ name: 'huge.zip', mimeType: 'application/zip', buffer: Buffer.alloc(5 * 1024 * 1024 + 1) });
  await expect(dialog.getByTestId('import-error')).toContainText('huge.zip is 5.0 MB; Condocker imports files up to 5 MB.');
  await expect(dialog.getByRole('button', { name: 'Apply' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByLabel('User name', { exact: true })).toHaveValue('ada');
});

test('a file that cannot be imported shows the reason and changes nothing', async ({ page }) => {
  await openDesigner(page);
  const before = await shownText(page);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByTestId('import-file').setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 not a design') });
  await expect(dialog.getByTestId('import-error')).toContainText('Could not tell what kind of file "notes.pdf" is');
  await expect(dialog.getByTestId('import-error')).toContainText('Your design has not changed.');
  await page.keyboard.press('Escape');
  await expect(dialog).not.toBeVisible();
  expect(await shownText(page)).toBe(before);
});

test('a file dropped on the dialog is imported', async ({ page }) => {
  await openDesigner(page);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByTestId('import-dialog');
  const apt = readFileSync(join(__dirname, '..', 'lib', 'import', '__fixtures__', 'apt.txt'), 'utf8');
  const dataTransfer = await page.evaluateHandle((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'apt.txt', { type: 'text/plain' }));
    return data;
  }, apt);
  await dialog.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
  await expect(dialog.getByText('From apt.txt')).toBeVisible();
  await expect(dialog.getByTestId('import-summary')).toContainText('System packages');
});
