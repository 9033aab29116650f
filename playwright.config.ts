import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { fixtureMirrorEnv } from './lib/testing/fixture-server';

const PORT = Number(process.env.E2E_PORT ?? 3100);
// The fixture conda channels and PyPI (scripts/fixture-server.ts) on a fixed port, so Next can be started with
// mirrors pointing at them: no check, in the page or through the API, leaves localhost.
const FIXTURE_PORT = Number(process.env.E2E_FIXTURE_PORT ?? 3199);
const FIXTURE_ORIGIN = `http://127.0.0.1:${FIXTURE_PORT}`;

/**
 * Debian's chromium where it is installed (this project's CI), else the browser a developer got with
 * `npx playwright install chromium`, else CHROMIUM_PATH when set.
 */
function chromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const browsers = process.env.PLAYWRIGHT_BROWSERS_PATH ?? join(homedir(), '.cache', 'ms-playwright');
  const ownBrowser = existsSync(browsers) && readdirSync(browsers).some((name) => name.startsWith('chromium'));
  if (ownBrowser) return undefined;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumExecutable(),
      // No background traffic to Google's hosts: the app must work offline, and tests fail on any request that
      // leaves localhost.
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: [
    {
      command: 'npx tsx scripts/fixture-server.ts',
      url: `${FIXTURE_ORIGIN}/conda-forge/noarch/repodata.json`,
      env: { FIXTURE_PORT: String(FIXTURE_PORT) },
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
    {
      command: `npx next start -p ${PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${PORT}`,
      // Next reads the mirrors at request time (GET /api/mirrors, /api/check): every fixture channel and the PyPI API.
      env: fixtureMirrorEnv(FIXTURE_ORIGIN),
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
    },
  ],
});
