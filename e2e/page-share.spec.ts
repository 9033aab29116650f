// Share: the link holds the whole design; opened in a fresh browser it restores exactly the same design and
// files and says so. A broken or foreign link says what is wrong and leaves the design as it was.
import { designSchema } from '../lib/design/schema';
import { decodeDesign } from '../lib/share';
import { test, expect, watchPage } from './fixtures';
import { addEntry, designValues, openDesigner, previewFiles } from './page-helpers';

const BLOCK_OUTSIDE = /^https?:\/\/(?!127\.0\.0\.1|localhost|\[::1\])/;

test('a copied share link opens the same design and files in a new browser', async ({ page, context, browser, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await openDesigner(page);
  await page.getByLabel('Project name', { exact: true }).fill('shared-lab');
  await addEntry(page, 'Conda package', 'xarray');
  await addEntry(page, 'Pip package', 'tqdm');
  await addEntry(page, 'System package', 'git');
  await page.getByLabel('User ID', { exact: true }).fill('1234');
  await page.getByLabel('GPU', { exact: true }).check();
  await page.getByRole('button', { name: 'Add variable' }).click();
  await page.getByLabel('Variable name 1', { exact: true }).fill('OMP_NUM_THREADS');
  await page.getByLabel('Variable value 1', { exact: true }).fill('4');

  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByTestId('share-dialog');
  await expect(dialog.getByTestId('share-status')).toHaveText('Copied to the clipboard.');
  const link = await dialog.getByLabel('Share link').inputValue();
  expect(link).toMatch(new RegExp(`^${baseURL}/#d=1\\.`));
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await dialog.getByRole('button', { name: 'Close' }).click();

  const decoded = decodeDesign(link);
  expect(decoded.ok && decoded.design.user.uid).toBe(1234);
  const files = await previewFiles(page);
  const values = await designValues(page);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const watched = watchPage(other);
  await other.route(BLOCK_OUTSIDE, (route) => route.abort());
  await openDesigner(other, link.replace(baseURL ?? '', ''));
  await expect(other.getByTestId('notice').filter({ hasText: 'Design loaded from link' })).toBeVisible();
  await expect(other.getByLabel('Project name', { exact: true })).toHaveValue('shared-lab');
  await expect(other.getByLabel('User ID', { exact: true })).toHaveValue('1234');
  await expect(other.getByLabel('Variable name 1', { exact: true })).toHaveValue('OMP_NUM_THREADS');
  expect(await previewFiles(other)).toEqual(files);
  await expect.poll(() => designValues(other)).toBeTruthy();
  expect(designSchema.parse(await designValues(other))).toEqual(designSchema.parse(values));
  // The code is gone from the address, so a reload shows the design in progress, not the link again.
  expect(new URL(other.url()).hash).toBe('');
  await fresh.close();
  expect(watched.consoleErrors).toEqual([]);
  expect(watched.outsideRequests).toEqual([]);
});

test('Ctrl+Shift+C copies the share link', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await openDesigner(page);
  await page.getByLabel('User name', { exact: true }).fill('grace');
  await page.keyboard.press('Control+Shift+C');
  await expect(page.getByTestId('notice').filter({ hasText: 'Share link copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const decoded = decodeDesign(copied);
  expect(decoded.ok && decoded.design.user.name).toBe('grace');
});

for (const [name, address, message] of [
  ['a damaged link', '/#d=1.%%%not-base64', 'The link is damaged or truncated'],
  ['a link from a newer Condocker', '/?d=9.qwYA', 'made by a newer Condocker'],
  ['a link that is not Condocker’s', '/#d=hello', 'This is not a Condocker share code'],
] as const) {
  test(`${name} shows the error and leaves the design untouched`, async ({ page }) => {
    await openDesigner(page);
    await page.getByLabel('User name', { exact: true }).fill('ada');
    await expect.poll(async () => (await designValues(page))?.user?.name).toBe('ada');

    await page.goto('about:blank');
    await openDesigner(page, address);
    const notice = page.getByTestId('notice').filter({ hasText: 'This link could not be opened' });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText(message);
    await expect(notice).toContainText('Your saved design is unchanged.');
    await expect(page.getByLabel('User name', { exact: true })).toHaveValue('ada');
    await expect(page.getByTestId('notice').filter({ hasText: 'Design loaded from link' })).toHaveCount(0);
    expect(await page.getByTestId('file-content').textContent()).toContain('ARG username=ada');
  });
}
