// Every browser test uses this `test`: it fails on any request that leaves the page's origin and on any console
// error, so "works offline" and "no errors" are checked everywhere, not in one special test.
import { test as base, expect, type Page } from '@playwright/test';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Records outside requests and console errors for a page, to be asserted empty after the test. */
export function watchPage(page: Page) {
  const outsideRequests: string[] = [];
  const consoleErrors: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (['data:', 'blob:', 'about:'].includes(url.protocol)) return;
    if (!LOCAL_HOSTS.has(url.hostname)) outsideRequests.push(request.url());
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
  return { outsideRequests, consoleErrors };
}

export const test = base.extend<{ watched: ReturnType<typeof watchPage> }>({
  watched: [
    async ({ page }, use) => {
      const watched = watchPage(page);
      // Block anything that tries to leave, so an offline machine and CI behave alike.
      await page.route(/^https?:\/\/(?!127\.0\.0\.1|localhost|\[::1\])/, (route) => route.abort());
      await use(watched);
      expect(watched.outsideRequests, 'requests that left localhost').toEqual([]);
      expect(watched.consoleErrors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
