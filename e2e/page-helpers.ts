// What the page specs share: opening the designer, reading the preview as a person sees it (the model's text,
// not Monaco's rendering, which uses U+00A0 for spaces), and editing package lists.
import { expect, type Locator, type Page } from '@playwright/test';

/** Opens the designer and waits until Monaco shows the first file. */
export async function openDesigner(page: Page, path = '/') {
  await page.goto(path);
  await expect(page.getByTestId('preview')).toHaveAttribute('data-editor-ready', 'true');
}

/** The preview element. */
export const preview = (page: Page) => page.getByTestId('preview');

/** The file tree button for a path. */
export const fileTab = (page: Page, path: string) => page.locator(`.file-tree button[data-path="${path}"]`);

/** Shows a file in the preview. */
export async function showFile(page: Page, path: string) {
  await fileTab(page, path).click();
  await expect(preview(page)).toHaveAttribute('data-path', path);
}

/** Text of the file the preview shows (the hidden mirror kept for tests). */
export async function shownText(page: Page): Promise<string> {
  return (await page.getByTestId('file-content').textContent()) ?? '';
}

/** The value of Monaco's model for a path, or undefined when Monaco has no such model. */
export async function modelText(page: Page, path: string): Promise<string | undefined> {
  return page.evaluate((wanted) => {
    const monaco = (window as unknown as { monaco?: { editor: { getModels(): Array<{ uri: { path: string }; getValue(): string }> } } }).monaco;
    return monaco?.editor.getModels().find((model) => model.uri.path === `/${wanted}`)?.getValue();
  }, path);
}

/** Every file the preview lists, with its content, read through the file tree. */
export async function previewFiles(page: Page): Promise<Array<{ path: string; content: string }>> {
  const paths = await page.locator('.file-tree button[data-path]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-path') ?? ''));
  const files = [];
  for (const path of paths) {
    await showFile(page, path);
    files.push({ path, content: await shownText(page) });
  }
  return files;
}

/** The rows of a package list (its fieldset found by its legend). */
export const listRows = (page: Page, legend: string): Locator =>
  page.locator('fieldset.list-editor', { has: page.locator('legend', { hasText: new RegExp(`^${legend}\\d*$`) }) }).locator('.list-rows > li input');

/** Values of a package list's entries. */
export async function listValues(page: Page, legend: string): Promise<string[]> {
  return listRows(page, legend).evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
}

/** Adds an entry through a list's "New …" box. */
export async function addEntry(page: Page, itemLabel: string, value: string) {
  const box = page.getByLabel(`New ${itemLabel.toLowerCase()}`, { exact: true });
  await box.fill(value);
  await box.press('Enter');
}

/** The form values the page saved in localStorage (its draft). */
export function designValues(page: Page) {
  return page.evaluate(() => {
    try {
      return JSON.parse(localStorage.getItem('condocker:draft:v1') ?? 'null')?.values;
    } catch {
      return undefined;
    }
  });
}
