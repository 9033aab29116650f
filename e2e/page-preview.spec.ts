// Editing the design and watching the files: the preview follows every change, lists show what was added, and an
// invalid entry shows its message while the preview keeps the last valid files.
import { designSchema } from '../lib/design/schema';
import { generateFiles } from '../lib/generators';
import { test, expect } from './fixtures';
import { addEntry, fileTab, listValues, modelText, openDesigner, preview, previewFiles, showFile, shownText } from './page-helpers';

test('editing a field changes the preview, and other changed files are marked', async ({ page }) => {
  await openDesigner(page);
  await expect(preview(page)).toHaveAttribute('data-path', 'Dockerfile');
  expect(await shownText(page)).toContain('ARG username=al-khawarizmi');

  await page.getByLabel('User name', { exact: true }).fill('ada');
  await expect.poll(() => shownText(page)).toContain('ARG username=ada');
  // Monaco's own model follows too, within the same change.
  await expect.poll(() => modelText(page, 'Dockerfile')).toContain('ARG username=ada');

  await page.getByLabel('Project name', { exact: true }).fill('climate-model');
  await expect(fileTab(page, 'environment.yml')).toHaveAttribute('data-changed', 'true');
  await showFile(page, 'environment.yml');
  expect(await shownText(page)).toMatch(/^name: climate-model$/m);
  await expect(fileTab(page, 'environment.yml')).not.toHaveAttribute('data-changed', 'true');
});

test('added conda and pip packages show in environment.yml and requirements.txt', async ({ page }) => {
  await openDesigner(page);
  await addEntry(page, 'Conda package', 'xarray>=2024.1');
  await page.getByRole('button', { name: 'Add many conda packages…' }).click();
  await page.getByLabel('Paste conda packages, one per line').fill('dask\n\n# plotting\nseaborn  # nicer plots\n');
  await page.getByRole('button', { name: 'Add 2 lines' }).click();
  expect(await listValues(page, 'Conda packages')).toEqual(['jupyterlab', 'numpy', 'pandas', 'matplotlib', 'scikit-learn', 'xarray>=2024.1', 'dask', 'seaborn']);

  await addEntry(page, 'Pip package', 'tqdm>=4.66');
  await addEntry(page, 'Pip package', 'black[jupyter]==24.10.0');

  await showFile(page, 'environment.yml');
  const environment = await shownText(page);
  for (const spec of ['xarray>=2024.1', 'dask', 'seaborn']) expect(environment).toContain(`- ${spec}`);
  expect(environment).toContain('-r requirements.txt');

  await showFile(page, 'requirements.txt');
  const requirements = await shownText(page);
  expect(requirements).toContain('tqdm>=4.66');
  expect(requirements).toContain('black[jupyter]==24.10.0');
});

test('pasting several lines into an entry splits them into rows; rows can be moved and removed', async ({ page }) => {
  await openDesigner(page);
  const first = page.getByLabel('Conda package 1', { exact: true });
  await first.focus();
  await first.selectText();
  // A real paste event with several lines, as from a text editor.
  await first.evaluate((input) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'jupyterlab\r\nipywidgets\npolars\n');
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  expect(await listValues(page, 'Conda packages')).toEqual(['jupyterlab', 'ipywidgets', 'polars', 'numpy', 'pandas', 'matplotlib', 'scikit-learn']);

  await page.getByRole('button', { name: 'Move conda package 3 up', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Move conda package 2 up', exact: true })).toBeFocused();
  await page.getByRole('button', { name: 'Remove conda package 1', exact: true }).click();
  expect(await listValues(page, 'Conda packages')).toEqual(['polars', 'ipywidgets', 'numpy', 'pandas', 'matplotlib', 'scikit-learn']);

  await showFile(page, 'environment.yml');
  const environment = await shownText(page);
  expect(environment.indexOf('- polars')).toBeLessThan(environment.indexOf('- ipywidgets'));
  expect(environment).not.toContain('jupyterlab');
});

test('an invalid entry shows its message next to it and the preview keeps the last valid files', async ({ page }) => {
  await openDesigner(page);
  await addEntry(page, 'Pip package', 'requests');
  await showFile(page, 'requirements.txt');
  const lastValid = await shownText(page);

  const entry = page.getByLabel('Pip package 1', { exact: true });
  await entry.fill('requests >>> 2');
  await expect(entry).toHaveAttribute('aria-invalid', 'true');
  const messageId = await entry.getAttribute('aria-describedby');
  const message = page.locator(`[id="${messageId}"]`);
  await expect(message).toContainText('Pip package:');

  // No broken file: the preview says the form has problems and still shows the last valid generation.
  await expect(preview(page)).toHaveAttribute('data-stale', 'true');
  await expect(page.getByTestId('preview-stale')).toContainText('a problem');
  expect(await shownText(page)).toBe(lastValid);
  expect(await modelText(page, 'requirements.txt')).toBe(lastValid);

  // "Show it" goes to the problem; fixing it brings the preview back to life.
  await entry.blur();
  await page.getByTestId('preview-stale').getByRole('button').click();
  await expect(entry).toBeFocused();
  await entry.fill('requests>=2');
  await expect(preview(page)).toHaveAttribute('data-stale', 'false');
  await expect(message).toHaveCount(0);
  expect(await shownText(page)).toContain('requests>=2');
});

test('an invalid user ID shows the schema message and leaves the files as they were', async ({ page }) => {
  await openDesigner(page);
  const uid = page.getByLabel('User ID', { exact: true });
  await uid.fill('0');
  await expect(page.getByText('User ID: must be 1 or more (0 is root)')).toBeVisible();
  await expect(preview(page)).toHaveAttribute('data-stale', 'true');
  expect(await shownText(page)).toContain('ARG uid=1000');
  await uid.fill('1001');
  await expect.poll(() => shownText(page)).toContain('ARG uid=1001');
});

test('the preview lists every generated file, in folders, with the content the core generates', async ({ page }) => {
  await openDesigner(page);
  await page.getByLabel('.devcontainer/devcontainer.json').check();
  await addEntry(page, 'System package', 'git');
  await expect(page.locator('.file-folder')).toHaveText(['docker/', '.devcontainer/', '.github/workflows/']);
  const expected = generateFiles(designSchema.parse({ apt: { packages: ['git'] }, files: { devcontainer: true } }));
  const shown = await previewFiles(page);
  expect(shown.map((file) => file.path).sort()).toEqual(expected.map((file) => file.path).sort());
  for (const file of expected) {
    expect(shown.find((s) => s.path === file.path)?.content, file.path).toBe(file.content);
    expect(await modelText(page, file.path), file.path).toBe(file.content);
  }
  // Each file is highlighted as its kind.
  const languages = await page.evaluate(() => {
    const monaco = (window as unknown as { monaco: { editor: { getModels(): Array<{ uri: { path: string }; getLanguageId(): string }> } } }).monaco;
    return Object.fromEntries(monaco.editor.getModels().map((model) => [model.uri.path.slice(1), model.getLanguageId()]));
  });
  expect(languages).toMatchObject({
    Dockerfile: 'dockerfile',
    'environment.yml': 'yaml',
    'docker/entrypoint.sh': 'shell',
    'README.md': 'markdown',
    '.devcontainer/devcontainer.json': 'json',
    '.github/workflows/build.yml': 'yaml',
  });
});

test('the GitHub workflow is a companion file: on by default, switched off with its companion switch', async ({ page }) => {
  await openDesigner(page);
  const workflowSwitch = page.getByLabel('.github/workflows/build.yml');
  await expect(workflowSwitch).toBeChecked();
  await expect(fileTab(page, '.github/workflows/build.yml')).toBeVisible();
  await showFile(page, 'README.md');
  expect(await shownText(page)).toContain('## Continuous integration');
  await workflowSwitch.uncheck();
  await expect(fileTab(page, '.github/workflows/build.yml')).toHaveCount(0);
  await expect.poll(() => shownText(page)).not.toContain('## Continuous integration');
  expect(await shownText(page)).toContain('--format docker');
});

test('each file keeps its own scroll position, also while the design changes', async ({ page }) => {
  await openDesigner(page);
  type Editors = { monaco: { editor: { getEditors(): Array<{ getScrollTop(): number; setScrollTop(top: number): void }> } } };
  const scrollTop = () => page.evaluate(() => (window as unknown as Editors).monaco.editor.getEditors()[0].getScrollTop());
  await page.evaluate(() => (window as unknown as Editors).monaco.editor.getEditors()[0].setScrollTop(300));
  await expect.poll(scrollTop).toBe(300);

  await page.getByLabel('Project name', { exact: true }).fill('scroll-test');
  expect(await scrollTop()).toBe(300);
  await showFile(page, 'environment.yml');
  expect(await scrollTop()).toBe(0);
  await page.getByLabel('User name', { exact: true }).fill('grace');
  await showFile(page, 'Dockerfile');
  expect(await scrollTop()).toBe(300);
});

test('a custom base image is validated as an image reference', async ({ page }) => {
  await openDesigner(page);
  await page.getByLabel('Base image', { exact: true }).selectOption({ label: 'Custom…' });
  const custom = page.getByLabel('Custom image', { exact: true });
  await expect(custom).toBeFocused();
  await custom.fill('ghcr.io/my-org/base:1.0');
  await expect.poll(() => shownText(page)).toContain('ARG BASE_IMAGE=ghcr.io/my-org/base:1.0');
  await custom.fill('My Image');
  await expect(page.getByText('Base image: not a valid image reference')).toBeVisible();
  await expect(preview(page)).toHaveAttribute('data-stale', 'true');
  expect(await shownText(page)).toContain('ARG BASE_IMAGE=ghcr.io/my-org/base:1.0');
});

test('Copy puts the shown file on the clipboard; the GPU switch shows the CUDA version', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await openDesigner(page);
  await expect(page.getByLabel('CUDA version', { exact: true })).toHaveCount(0);
  await page.getByLabel('GPU', { exact: true }).check();
  await page.getByLabel('CUDA version', { exact: true }).fill('12.4');
  await expect.poll(() => shownText(page)).toContain('12.4');
  await page.getByRole('button', { name: 'Copy Dockerfile' }).click();
  await expect(page.getByTestId('notice').filter({ hasText: 'Copied Dockerfile' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await shownText(page));
});

test('"Install this project" copies and installs the source; extras are validated; .dockerignore lets the source in', async ({ page }) => {
  await openDesigner(page);
  await expect(page.getByLabel('Editable install', { exact: true })).toHaveCount(0);
  await page.getByLabel('Install this project', { exact: true }).check();
  await expect(page.getByLabel('Editable install', { exact: true })).toBeChecked();
  await showFile(page, 'Dockerfile');
  await expect.poll(() => shownText(page)).toContain('python -m pip install --no-deps --editable .');

  await addEntry(page, 'Extra', 'dev');
  await expect.poll(() => shownText(page)).toContain("python -m pip install --no-deps --editable '.[dev]'");
  await addEntry(page, 'Extra', 'bad,name');
  const bad = page.getByLabel('Extra 2', { exact: true });
  await expect(bad).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator(`[id="${await bad.getAttribute('aria-describedby')}"]`)).toContainText('Extra:');
  await bad.fill('test');
  await expect.poll(() => shownText(page)).toContain("'.[dev,test]'");

  await page.getByLabel('Editable install', { exact: true }).uncheck();
  await expect.poll(() => shownText(page)).toContain("python -m pip install --no-deps '.[dev,test]'");
  await showFile(page, '.dockerignore');
  expect(await shownText(page)).toMatch(/^\*\*\/\.env$/m);
  expect(await shownText(page)).not.toMatch(/^\*$/m);
});
