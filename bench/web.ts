// `npm run bench:web`: the web door's numbers on the production build. Starts `next start` on a free loopback port,
// measures, stops it. Prints numbers against the targets of issue 3; asserts nothing.
//
//   first-load JS of /      gzip of every <script src> the served HTML of / references (what the browser must fetch
//                           before the page works), Monaco excluded by construction: it loads from /monaco/vs/*
//   Monaco                  gzip of the /monaco/* files the page actually requests when it opens (Chromium)
//   first preview           navigation start → the page's first filled preview
//   keystroke → preview     performance marks condocker:input → condocker:preview, one character at a time
//   /api/zip                requests per second, 20 connections for ~10 s (autocannon): a preset again and again
//                           (the route's cache) and a new design each time (generation and zip every time)
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import playwrightConfig from '../playwright.config';
import { freePort, startNext, stopServer, waitForServer } from './next-server';
import { median, percentile } from './stats';

const ROOT = join(__dirname, '..');
const require = createRequire(__filename);

const TARGETS = {
  firstLoadKb: 200,
  keystrokeP95Ms: 50,
  firstPreviewMs: 1500,
  zipsPerSecond: 500,
};
// The page's "preview filled" signals: e2e/page-helpers.ts waits for data-editor-ready; preview-ready was the plan.
const PREVIEW_READY = '[data-testid="preview"][data-editor-ready="true"], [data-testid="preview-ready"]';
const MARK_INPUT = 'condocker:input';
const MARK_PREVIEW = 'condocker:preview';
// The page marks condocker:editor-ready once, when the editor first shows a file (components/preview/monaco-view.tsx);
// condocker:preview after every update of the preview.
const FIRST_PREVIEW_MARKS = ['condocker:editor-ready', MARK_PREVIEW];
const TYPED_CHARACTERS = 100;
const FIRST_PREVIEW_RUNS = 5;
// A Monaco editor core class name: present in any bundle that contains Monaco itself, absent from the small loader.
const MONACO_CORE_MARKER = 'monaco-scrollable-element';

interface Row {
  measure: string;
  value: string;
  target: string;
  met?: boolean;
}

// autocannon ships no types; this is the part used here.
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  duration: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests?: Array<{ method: string; headers: Record<string, string>; setupRequest: (request: object) => object }>;
}) => Promise<AutocannonResult>;

async function main() {
  if (!existsSync(join(ROOT, '.next', 'BUILD_ID'))) {
    console.error('No production build in .next: run `npm run build` first, then `npm run bench:web`.');
    process.exitCode = 1;
    return;
  }
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  console.log(`Starting next start on ${origin} (build ${readFileSync(join(ROOT, '.next', 'BUILD_ID'), 'utf8').trim()}) …`);
  // Other work on the machine skews every number below; say how busy it was.
  console.log(`${cpus().length} CPUs, load average ${loadavg().map((load) => load.toFixed(2)).join(' ')}`);
  const server = startNext(port);
  const rows: Row[] = [];
  let browser: Browser | undefined;
  try {
    await waitForServer(origin, server);
    const firstLoad = await measureFirstLoad(origin);
    rows.push(...firstLoad.rows);

    browser = await chromium.launch({
      executablePath: playwrightConfig.use?.launchOptions?.executablePath,
      args: playwrightConfig.use?.launchOptions?.args,
    });
    const monaco = await measureMonaco(browser, origin, firstLoad.scriptUrls);
    rows.push(...monaco.rows);
    if (monaco.previewReady) {
      rows.push(...(await measureFirstPreview(browser, origin)));
      rows.push(...(await measureKeystrokes(browser, origin)));
    } else {
      const missing = `not measured: the page shows neither ${PREVIEW_READY} nor a ${FIRST_PREVIEW_MARKS.join('/')} mark within 15 s`;
      rows.push({ measure: 'First filled preview', value: missing, target: `≤ ${TARGETS.firstPreviewMs} ms` });
      rows.push({ measure: `Keystroke → preview (${TYPED_CHARACTERS} chars)`, value: missing, target: `p95 ≤ ${TARGETS.keystrokeP95Ms} ms` });
    }
    await browser.close();
    browser = undefined;

    rows.push(...(await measureZipThroughput(origin)));
  } finally {
    await browser?.close();
    await stopServer(server);
  }
  printRows(rows);
}

/** Gzip sizes of the scripts the served HTML of / references. */
async function measureFirstLoad(origin: string): Promise<{ rows: Row[]; scriptUrls: string[] }> {
  const html = await (await fetch(`${origin}/`)).text();
  const tags = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)];
  const scriptUrls = tags.map((match) => new URL(decodeHtml(match[1]), origin).href);
  // Browsers that run modules skip <script nomodule> (Next's legacy polyfills) and never download it.
  const legacyOnly = new Set(tags.filter((match) => /\bnomodule\b/i.test(match[0])).map((match) => new URL(decodeHtml(match[1]), origin).href));
  const unique = [...new Set(scriptUrls)];
  const chunks = await Promise.all(
    unique.map(async (url) => {
      const bytes = Buffer.from(await (await fetch(url)).arrayBuffer());
      return { url, raw: bytes.length, gzip: gzipSync(bytes).length, text: bytes.toString('utf8') };
    }),
  );
  const total = chunks.reduce((sum, chunk) => sum + chunk.gzip, 0);
  const modern = chunks.filter((chunk) => !legacyOnly.has(chunk.url));
  const modernTotal = modern.reduce((sum, chunk) => sum + chunk.gzip, 0);
  const totalRaw = chunks.reduce((sum, chunk) => sum + chunk.raw, 0);
  console.log(`\nFirst-load scripts of / (${chunks.length}):`);
  for (const chunk of [...chunks].sort((a, b) => b.gzip - a.gzip))
    console.log(`  ${kb(chunk.gzip).padStart(9)} gzip  ${kb(chunk.raw).padStart(9)} raw  ${new URL(chunk.url).pathname}${legacyOnly.has(chunk.url) ? '  (nomodule: legacy browsers only)' : ''}`);

  const monacoUrls = unique.filter((url) => new URL(url).pathname.startsWith('/monaco/'));
  const monacoChunks = chunks.filter((chunk) => chunk.text.includes(MONACO_CORE_MARKER));
  const monacoInFirstLoad = monacoUrls.length > 0 || monacoChunks.length > 0;
  if (monacoInFirstLoad)
    console.log(`  Monaco found in: ${[...monacoUrls, ...monacoChunks.map((chunk) => chunk.url)].join(', ')}`);
  return {
    scriptUrls: unique,
    rows: [
      {
        measure: 'First-load JS of / a current browser fetches (gzip, Monaco excluded)',
        value: `${kb(modernTotal)} (${modern.length} scripts)`,
        target: `≤ ${TARGETS.firstLoadKb} KB`,
        met: modernTotal <= TARGETS.firstLoadKb * 1024,
      },
      {
        measure: 'Every <script src> of / incl. nomodule polyfills (gzip)',
        value: `${kb(total)} (${chunks.length} scripts, ${kb(totalRaw)} raw)`,
        target: '(for reference)',
        met: true,
      },
      {
        measure: 'Monaco in the first load',
        value: monacoInFirstLoad ? 'yes' : 'no (no /monaco/ script, no chunk with Monaco core)',
        target: 'no',
        met: !monacoInFirstLoad,
      },
    ],
  };
}

/** The /monaco/ files the page requests when it opens, gzipped. */
async function measureMonaco(browser: Browser, origin: string, firstLoadUrls: string[]): Promise<{ rows: Row[]; previewReady: boolean }> {
  const context = await browser.newContext();
  const requested = new Set<string>();
  // context-level: Monaco's web workers fetch their scripts outside the page.
  context.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/monaco/')) requested.add(request.url());
  });
  const page = await context.newPage();
  await blockOutside(page);
  await page.goto(origin);
  const ready = await waitForPreview(page);
  await page.waitForLoadState('networkidle');
  await context.close();

  if (requested.size === 0)
    return {
      previewReady: ready,
      rows: [
        {
          measure: 'Monaco (gzip of /monaco/* the page loads)',
          value: `not requested${ready ? '' : ' (no preview on the page yet)'}`,
          target: 'lazy, not in first load',
        },
      ],
    };
  const files = await Promise.all(
    [...requested].map(async (url) => {
      const bytes = Buffer.from(await (await fetch(url)).arrayBuffer());
      return { url, raw: bytes.length, gzip: gzipSync(bytes).length };
    }),
  );
  console.log(`\nMonaco files requested when / opens (${files.length}):`);
  for (const file of files.sort((a, b) => b.gzip - a.gzip))
    console.log(`  ${kb(file.gzip).padStart(9)} gzip  ${kb(file.raw).padStart(9)} raw  ${new URL(file.url).pathname}`);
  const overlap = files.filter((file) => firstLoadUrls.includes(file.url)).length;
  const total = files.reduce((sum, file) => sum + file.gzip, 0);
  return {
    previewReady: ready,
    rows: [
      {
        measure: 'Monaco (gzip of /monaco/* the page loads)',
        value: `${kb(total)} (${files.length} files, ${overlap} of them in the HTML)`,
        target: 'lazy, not in first load',
        met: overlap === 0,
      },
    ],
  };
}

/** Navigation start → first filled preview, in fresh browser contexts (cold cache, warm server). */
async function measureFirstPreview(browser: Browser, origin: string): Promise<Row[]> {
  const times: number[] = [];
  let how = '';
  for (let run = 0; run <= FIRST_PREVIEW_RUNS; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await blockOutside(page);
    await page.addInitScript(recordPreviewReady, PREVIEW_READY);
    await page.goto(origin, { waitUntil: 'commit' });
    const ready = await waitForPreview(page);
    const timing = await page.evaluate((marks) => {
      for (const mark of marks) {
        const entry = performance.getEntriesByName(mark, 'mark')[0];
        if (entry) return { ms: entry.startTime, how: `mark ${mark}` };
      }
      const observed = (window as unknown as { __previewReadyAt?: number }).__previewReadyAt;
      return observed !== undefined ? { ms: observed, how: 'preview element marked ready' } : undefined;
    }, FIRST_PREVIEW_MARKS);
    await context.close();
    if (!ready || !timing) {
      return [
        {
          measure: 'First filled preview',
          value: `not measured: the page shows neither ${PREVIEW_READY} nor a ${FIRST_PREVIEW_MARKS.join('/')} mark within 15 s`,
          target: `≤ ${TARGETS.firstPreviewMs} ms`,
        },
      ];
    }
    how = timing.how;
    if (run > 0) times.push(timing.ms); // run 0 warms the server's caches
  }
  const middle = median(times);
  return [
    {
      measure: 'First filled preview (median)',
      value: `${ms(middle)} (min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))}; ${times.length} cold loads; ${how})`,
      target: `≤ ${TARGETS.firstPreviewMs} ms`,
      met: middle <= TARGETS.firstPreviewMs,
    },
  ];
}

/** condocker:input → condocker:preview for each of 100 characters typed into Description (or Project name). */
async function measureKeystrokes(browser: Browser, origin: string): Promise<Row[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await blockOutside(page);
  await page.goto(origin);
  const row = (value: string, met?: boolean): Row[] => [
    { measure: `Keystroke → preview (${TYPED_CHARACTERS} chars)`, value, target: `p95 ≤ ${TARGETS.keystrokeP95Ms} ms`, met },
  ];
  try {
    if (!(await waitForPreview(page))) return row('not measured: the preview never became ready');
    const field = await findTextField(page, ['Description', 'Project description', 'Project name']);
    if (!field) return row('not measured: no "Description" or "Project name" field on the page');
    await field.locator.fill('');
    await field.locator.focus();
    await page.waitForTimeout(300);

    const latencies: number[] = [];
    const text = 'reproducible conda environments, measured one keystroke at a time for the benchmark: '.repeat(2);
    for (const character of text.slice(0, TYPED_CHARACTERS)) {
      await page.evaluate((marks) => marks.forEach((mark) => performance.clearMarks(mark)), [MARK_INPUT, MARK_PREVIEW]);
      await page.keyboard.type(character);
      const latency = await page
        .waitForFunction(
          ([input, preview]) => {
            const start = performance.getEntriesByName(input, 'mark')[0];
            const end = performance.getEntriesByName(preview, 'mark').find((mark) => !start || mark.startTime >= start.startTime);
            // An object, not the number: a latency of 0 would read as "not yet".
            return start && end ? { latency: end.startTime - start.startTime } : undefined;
          },
          [MARK_INPUT, MARK_PREVIEW] as const,
          { timeout: 2000, polling: 'raf' },
        )
        .then(async (handle) => ((await handle.jsonValue()) as { latency: number }).latency)
        .catch(() => undefined);
      if (latency === undefined)
        return row(`not measured: typing into "${field.label}" gave no "${MARK_INPUT}" → "${MARK_PREVIEW}" marks within 2 s`);
      latencies.push(latency);
    }
    const p50 = percentile(latencies, 0.5);
    const p95 = percentile(latencies, 0.95);
    return row(`p50 ${ms(p50)}, p95 ${ms(p95)}, max ${ms(Math.max(...latencies))} (typing into "${field.label}")`, p95 <= TARGETS.keystrokeP95Ms);
  } finally {
    await context.close();
  }
}

/**
 * /api/zip requests per second with 20 concurrent connections on loopback: one preset again and again (served from
 * the route's cache after the first), and a new design in every request (generation and zipping each time).
 */
async function measureZipThroughput(origin: string): Promise<Row[]> {
  const autocannon = require('autocannon') as Autocannon;
  let counter = 0;
  const designYaml = (name: string) =>
    `project:\n  name: ${name}\nconda:\n  packages: [jupyterlab, xarray, netcdf4]\npip:\n  packages: [pint-xarray]\napt:\n  packages: [git]\n`;
  const scenarios = [
    { name: 'GET /api/zip?preset=data-science', options: { url: `${origin}/api/zip?preset=data-science` }, main: true },
    {
      name: 'POST /api/zip, a new YAML design each time',
      options: {
        url: `${origin}/api/zip`,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/yaml' },
            setupRequest: (request: object) => ({ ...request, body: designYaml(`bench-${(counter += 1)}`) }),
          },
        ],
      },
      main: false,
    },
  ];
  const rows: Row[] = [];
  for (const scenario of scenarios) {
    console.log(`\nautocannon: 20 connections, 10 s, ${scenario.name} …`);
    await autocannon({ ...scenario.options, connections: 20, duration: 2 }); // warm-up
    const result = await autocannon({ ...scenario.options, connections: 20, duration: 10 });
    const failures = result.non2xx + result.errors + result.timeouts;
    const perSecond = result.requests.total / result.duration;
    rows.push({
      measure: `${scenario.name}, 20 connections`,
      value: `${perSecond.toFixed(0)} zips/s (latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; ${result.requests.total} requests, ${failures} failed)`,
      target: scenario.main ? `≥ ${TARGETS.zipsPerSecond} zips/s` : '(uncached, for comparison)',
      met: scenario.main ? perSecond >= TARGETS.zipsPerSecond && failures === 0 : undefined,
    });
  }
  return rows;
}

/** Runs in the page before its scripts: notes when the preview-ready element first appears. */
function recordPreviewReady(selector: string) {
  const win = window as unknown as { __previewReadyAt?: number };
  const check = () => {
    if (win.__previewReadyAt === undefined && document.querySelector(selector)) win.__previewReadyAt = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
}

async function waitForPreview(page: Page): Promise<boolean> {
  return page
    .waitForFunction(
      ([selector, marks]) =>
        Boolean(document.querySelector(selector)) || marks.some((mark) => performance.getEntriesByName(mark, 'mark').length > 0),
      [PREVIEW_READY, FIRST_PREVIEW_MARKS] as const,
      { timeout: 15_000 },
    )
    .then(() => true)
    .catch(() => false);
}

async function findTextField(page: Page, labels: string[]) {
  for (const label of labels) {
    const locator = page.getByLabel(label, { exact: true });
    if ((await locator.count()) === 1) return { label, locator };
  }
  return undefined;
}

// The app must work offline: nothing may leave loopback, here as in the browser tests.
async function blockOutside(page: Page) {
  await page.route(/^https?:\/\/(?!127\.0\.0\.1|localhost|\[::1\])/, (route) => route.abort());
}





function decodeHtml(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'");
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

function printRows(rows: Row[]) {
  const widths = [
    Math.max(...rows.map((row) => row.measure.length)),
    Math.max(...rows.map((row) => row.target.length)),
  ];
  console.log('\nbench:web — production build, loopback, this machine\n');
  for (const row of rows) {
    const verdict = row.met === undefined ? '' : row.met ? ' ok' : ' MISS';
    console.log(`${verdict.padEnd(5)} ${row.measure.padEnd(widths[0])}  ${row.target.padEnd(widths[1])}  ${row.value}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
