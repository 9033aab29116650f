// Download: the zip the page makes is byte for byte the core's zip of the same design, and unzips to the files
// the preview shows.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { designSchema } from '../lib/design/schema';
import { generateFiles } from '../lib/generators';
import { buildZip } from '../lib/zip';
import { test, expect } from './fixtures';
import { addEntry, openDesigner } from './page-helpers';

const design = designSchema.parse({
  project: { name: 'climate-model' },
  conda: { packages: ['jupyterlab', 'numpy', 'pandas', 'matplotlib', 'scikit-learn', 'xarray'] },
  pip: { packages: ['tqdm>=4.66'] },
});

async function editToDesign(page: import('@playwright/test').Page) {
  await page.getByLabel('Project name', { exact: true }).fill('climate-model');
  await addEntry(page, 'Conda package', 'xarray');
  await addEntry(page, 'Pip package', 'tqdm>=4.66');
}

test('Download gives the core’s zip of the design, byte for byte', async ({ page }) => {
  await openDesigner(page);
  await editToDesign(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download', exact: true }).click()]);
  expect(download.suggestedFilename()).toBe('climate-model.zip');
  const bytes = readFileSync(await download.path());
  const expected = await buildZip(generateFiles(design));
  expect(Buffer.compare(bytes, Buffer.from(expected))).toBe(0);
  await expect(page.getByTestId('notice').filter({ hasText: 'Downloaded climate-model.zip' })).toBeVisible();

  // And it unzips (with the system's unzip) to exactly the generated files, scripts executable.
  const folder = mkdtempSync(join(tmpdir(), 'condocker-e2e-'));
  writeFileSync(join(folder, 'project.zip'), bytes);
  execFileSync('unzip', ['-q', 'project.zip', '-d', 'out'], { cwd: folder });
  for (const file of generateFiles(design)) {
    expect(readFileSync(join(folder, 'out', file.path), 'utf8'), file.path).toBe(file.content);
  }
  const zip = await JSZip.loadAsync(bytes);
  const modes = Object.fromEntries(Object.values(zip.files).map((entry) => [entry.name, Number(entry.unixPermissions) & 0o777]));
  for (const file of generateFiles(design)) expect(modes[file.path], file.path).toBe(file.mode);
});

test('Ctrl+Enter downloads too, even while typing in a field', async ({ page }) => {
  await openDesigner(page);
  await editToDesign(page);
  await page.getByLabel('Description', { exact: true }).focus();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+Enter')]);
  expect(download.suggestedFilename()).toBe('climate-model.zip');
  const bytes = readFileSync(await download.path());
  expect(Buffer.compare(bytes, Buffer.from(await buildZip(generateFiles(design))))).toBe(0);
});

test('Save downloads the shown file alone', async ({ page }) => {
  await openDesigner(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save Dockerfile' }).click()]);
  expect(download.suggestedFilename()).toBe('Dockerfile');
  expect(readFileSync(await download.path(), 'utf8')).toBe(generateFiles(designSchema.parse({}))[0].content);
});
