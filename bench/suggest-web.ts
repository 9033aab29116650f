// `npm run bench:suggest-web` (after `npm run build`): keystroke → suggestions in the page, with a conda-forge-sized
// name list. A local server serves a real shard index of 30,000 names (bench/suggest-data.ts) as conda-forge's
// linux-64 and linux-aarch64 (and a small noarch one); `next start` points conda-forge at it (CONDOCKER_CHANNEL_URLS). In Chromium,
// with suggestions on, queries are typed one key at a time (100 ms apart, as a quick typist) and each keystroke is
// timed from the input event until the options for that text are in the page (the message to the worker, its search,
// the message back and React's render), and until the next animation frame after that. Also: the time from the first use of the field to the names being ready
// (download + decode + search set-up in the worker) and the bytes cached. Numbers only, no assertions.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from '@playwright/test';
import playwrightConfig from '../playwright.config';
import { encodeShardIndex } from '@/lib/suggest/shard-index';
import { zstdStored } from '@/lib/suggest/zstd-stored';
import { freePort, hasProductionBuild, printMachine, startNext, stopServer, waitForServer } from './next-server';
import { buildIndex, generateNames, NAME_COUNT, typedQueries } from './suggest-data';
import { percentile } from './stats';

const TARGET_MS = 16;
const KEY_DELAY_MS = 100;
const QUERIES = 60;

async function main() {
  if (!hasProductionBuild()) return;
  printMachine();
  const names = generateNames(NAME_COUNT);
  const linux64 = buildIndex(names).compressed;
  const noarch = zstdStored(encodeShardIndex({ subdir: 'noarch', baseUrl: './', shardsBaseUrl: './shards/', shards: { tzdata: '00'.repeat(32), pip: '11'.repeat(32) } }));
  const channel = createServer((request, response) => {
    // The same names for both platforms of the default design, as conda-forge's subdirs mostly share them.
    const subdir = /^\/conda-forge\/([a-z0-9-]+)\/repodata_shards\.msgpack\.zst$/.exec(request.url ?? '')?.[1];
    const body = subdir === 'linux-64' || subdir === 'linux-aarch64' ? linux64 : subdir === 'noarch' ? noarch : null;
    response.writeHead(body ? 200 : 404, { 'access-control-allow-origin': '*', 'content-type': 'application/octet-stream' });
    response.end(body ?? undefined);
  });
  await new Promise<void>((resolve) => channel.listen(0, '127.0.0.1', resolve));
  const channelOrigin = `http://127.0.0.1:${(channel.address() as AddressInfo).port}`;
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const server = startNext(port, { CONDOCKER_CHANNEL_URLS: `conda-forge=${channelOrigin}/conda-forge` });
  const browser = await chromium.launch({ executablePath: playwrightConfig.use?.launchOptions?.executablePath, args: playwrightConfig.use?.launchOptions?.args });
  try {
    await waitForServer(origin, server, '/api/mirrors');
    const page = await browser.newPage();
    await page.route(/^https?:\/\/(?!127\.0\.0\.1|localhost|\[::1\])/, (route) => route.abort());
    await page.addInitScript(() => localStorage.setItem('condocker:suggestions', 'on'));
    // The worker's own search time comes back in each answer (`ms`); kept for the breakdown below.
    await page.addInitScript(`(() => {
      const Native = window.Worker;
      window.__searchMs = [];
      window.Worker = class extends Native {
        constructor(...args) {
          super(...args);
          this.addEventListener('message', (event) => { if (event.data && event.data.type === 'matches') window.__searchMs.push(event.data.ms); });
        }
      };
    })()`);
    await page.goto(origin);
    await page.locator('[data-testid="preview"][data-editor-ready="true"]').waitFor({ timeout: 30_000 });
    const input = page.getByRole('combobox', { name: 'New conda package' });
    const status = page.getByTestId('suggestions-status').first();

    // In the page: when each text was typed, and when the options for it were first in a frame.
    await page.evaluate(`(() => {
      const typed = new Map();
      window.__latencies = [];
      const field = document.querySelector('input[role="combobox"][aria-label="New conda package"]');
      field.addEventListener('input', () => typed.set(field.value, performance.now()));
      new MutationObserver(() => {
        const list = field.parentElement.querySelector('[role="listbox"]');
        const query = list && list.getAttribute('data-query');
        if (!query || !typed.has(query)) return;
        const start = typed.get(query);
        typed.delete(query);
        const inDom = performance.now() - start;
        requestAnimationFrame(() => window.__latencies.push([inDom, performance.now() - start]));
      }).observe(field.parentElement, { subtree: true, attributes: true, childList: true });
    })()`);

    const firstUse = Date.now();
    await input.click();
    await status.filter({ hasText: /names \(/ }).waitFor({ timeout: 60_000 });
    const readyMs = Date.now() - firstUse;
    const statusText = await status.innerText();

    const queries = [...new Set(typedQueries(names).filter((query, index, all) => all[index + 1]?.length !== query.length + 1))].slice(0, QUERIES);
    for (const query of queries) {
      await input.fill('');
      await input.pressSequentially(query, { delay: KEY_DELAY_MS });
      await page.waitForTimeout(150);
    }
    const pairs = (await page.evaluate('window.__latencies')) as Array<[number, number]>;
    const latencies = pairs.map(([inDom]) => inDom).sort((a, b) => a - b);
    const inFrame = pairs.map(([, frame]) => frame).sort((a, b) => a - b);
    const p95 = percentile(latencies, 0.95);
    console.log(`name index: ${names.length} names, index ${(linux64.length / 1024).toFixed(0)} KiB compressed per platform; the page says: "${statusText}"`);
    console.log(`first use of the field → names ready (download, decode, search set-up in the worker): ${readyMs} ms`);
    console.log(
      `keystroke → suggestions in the page (the options for the typed text in the DOM; ${latencies.length} keystrokes, ${queries.length} queries typed ${KEY_DELAY_MS} ms apart): ` +
        `p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms; target p95 < ${TARGET_MS} ms: ${p95 < TARGET_MS ? 'ok' : 'MISS'}`,
    );
    const searchMs = ((await page.evaluate('window.__searchMs')) as number[]).sort((a, b) => a - b);
    console.log(
      `of which the search in the worker: p50 ${percentile(searchMs, 0.5).toFixed(1)} ms, p95 ${percentile(searchMs, 0.95).toFixed(1)} ms, max ${searchMs[searchMs.length - 1].toFixed(1)} ms ` +
        `(the rest is the page drawing the keystroke's frame before it can take the answer, and React's render)`,
    );
    console.log(
      `…to the next animation frame (up to one frame more): p50 ${percentile(inFrame, 0.5).toFixed(1)} ms, p95 ${percentile(inFrame, 0.95).toFixed(1)} ms`,
    );
  } finally {
    await browser.close();
    await stopServer(server);
    channel.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
