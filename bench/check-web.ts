// `npm run bench:check-web`: "Check" in the page, on the production build, against the local fixture channel and
// PyPI (no internet). Starts the fixture server and `next start` with its mirrors (CONDOCKER_CHANNEL_URLS,
// CONDOCKER_PYPI_URL), then in Chromium, for the data-science and pytorch-gpu presets:
//
//   solver load in the worker   import('@conda-org/rattler') in a fresh worker (fresh page each run), median
//   solve per platform          repodata download + solve, the worker's own clock, second and later checks
//   press → dialog drawn        from the click's event time to the frame after the Check dialog opens (first check)
//   longest main-thread task    PerformanceObserver('longtask') from the press of Check until the result and every
//                               row of its package table show, for the first check of a page (it downloads and
//                               compiles the solver) and the later ones
//
// Prints numbers; asserts nothing.
import { chromium, type Page } from '@playwright/test';
import playwrightConfig from '../playwright.config';
import { freePort, hasProductionBuild, printMachine, startNext, stopServer, waitForServer } from './next-server';
import { fixtureMirrorEnv, startFixtureServer } from '../lib/testing/fixture-server';
import type { CheckTimings } from '../components/check/check-protocol';
import { median } from './stats';

const PRESETS = ['data-science', 'pytorch-gpu'];
const FRESH_RUNS = 5;
const WARM_RUNS = 4;
const LONG_TASK_TARGET_MS = 50;

const ms = (value: number) => `${value.toFixed(0)} ms`;

async function main() {
  if (!hasProductionBuild()) return;
  printMachine();
  const fixtures = await startFixtureServer();
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const server = startNext(port, fixtureMirrorEnv(fixtures.origin));
  const browser = await chromium.launch({ executablePath: playwrightConfig.use?.launchOptions?.executablePath, args: playwrightConfig.use?.launchOptions?.args });
  try {
    await waitForServer(origin, server, '/api/mirrors');
    const loads: number[] = [];
    const longestFirst: number[] = [];
    const dialogOpens: number[] = [];
    const longestLater: number[] = [];
    for (const preset of PRESETS) {
      const solves: Record<string, number[]> = {};
      for (let run = 0; run < FRESH_RUNS; run++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.route(/^https?:\/\/(?!127\.0\.0\.1|localhost|\[::1\])/, (route) => route.abort());
        await recordLongTasks(page);
        await page.goto(origin);
        await page.locator('[data-testid="preview"][data-editor-ready="true"]').waitFor({ timeout: 30_000 });
        await page.getByLabel('Preset', { exact: true }).selectOption(preset);
        // Let the page settle first (the preview's changed-line highlight fades after 1.4 s, lint loads and lands,
        // the editor lays out again): that work belongs to choosing the preset, not to the check.
        await waitForQuiet(page);
        const first = await check(page, () => page.getByRole('button', { name: 'Check', exact: true }).click());
        loads.push(first.timings.solverLoadMs);
        if (first.dialogMs !== undefined) dialogOpens.push(first.dialogMs);
        longestFirst.push(first.longestTaskMs);
        for (const task of first.longTasks) console.log(`  long task, first check of a page (${preset}): ${task}`);
        // Later checks in the same page: the solver is loaded, each one downloads repodata and solves again.
        if (run === 0)
          for (let warm = 0; warm < WARM_RUNS; warm++) {
            const again = await check(page, () => page.getByRole('button', { name: 'Check again' }).click());
            longestLater.push(again.longestTaskMs);
            for (const task of again.longTasks) console.log(`  long task, later check (${preset}): ${task}`);
            for (const [subdir, time] of Object.entries(again.timings.solveMs)) (solves[subdir] ??= []).push(time);
          }
        await context.close();
      }
      for (const [subdir, times] of Object.entries(solves))
        console.log(`solve ${preset.padEnd(13)} ${subdir.padEnd(14)} median ${ms(median(times))} (min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))}; ${times.length} checks, repodata included)`);
    }
    console.log(`solver load in the worker (fresh page, ${loads.length} runs): median ${ms(median(loads))}, min ${ms(Math.min(...loads))}, max ${ms(Math.max(...loads))}`);
    if (dialogOpens.length > 0)
      console.log(`press → Check dialog drawn (first check of a page, ${dialogOpens.length} runs): median ${ms(median(dialogOpens))}, min ${ms(Math.min(...dialogOpens))}, max ${ms(Math.max(...dialogOpens))}`);
    const report = (label: string, longest: number[]) => {
      const worst = Math.max(...longest);
      console.log(
        `longest main-thread task, ${label} (${longest.length} checks): ${ms(worst)} (${longest.filter((time) => time > 0).length} had a task over 50 ms; median of each check's longest ${ms(median(longest))}); target < ${LONG_TASK_TARGET_MS} ms: ${worst < LONG_TASK_TARGET_MS ? 'ok' : 'MISS'}`,
      );
    };
    report('first check of a page', longestFirst);
    report('later checks', longestLater);
  } finally {
    await browser.close();
    await stopServer(server);
    await fixtures.close();
  }
}

async function recordLongTasks(page: Page) {
  await page.addInitScript(() => {
    const win = window as unknown as { __longTasks: Array<{ start: number; duration: number; what: string }> };
    win.__longTasks = [];
    // Long animation frames say what a long task did: scripts (and who ran them) or style, layout and paint.
    const frames: Array<{ start: number; end: number; what: string }> = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as Array<PerformanceEntry & { renderStart: number; styleAndLayoutStart: number; scripts: Array<{ invoker: string; duration: number }> }>) {
        const end = entry.startTime + entry.duration;
        const scripts = entry.scripts.filter((script) => script.duration >= 5).map((script) => `${script.invoker} ${script.duration.toFixed(0)} ms`);
        const render = entry.renderStart ? `render ${(end - entry.renderStart).toFixed(0)} ms (style and layout ${(end - (entry.styleAndLayoutStart || end)).toFixed(0)} ms)` : '';
        frames.push({ start: entry.startTime, end, what: [...scripts, render].filter(Boolean).join(', ') });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
    new PerformanceObserver((list) => {
      // The frame is reported after its tasks: look it up a moment later.
      for (const entry of list.getEntries())
        setTimeout(() => {
          const frame = frames.find((candidate) => candidate.start <= entry.startTime + 1 && entry.startTime < candidate.end);
          win.__longTasks.push({ start: entry.startTime, duration: entry.duration, what: frame?.what || 'no frame: no script or rendering attributed' });
        }, 100);
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** Waits until the page has run no task over 30 ms for a whole second (at most 15 s). */
async function waitForQuiet(page: Page) {
  await page.waitForTimeout(1_500);
  // A string, not a function: tsx would wrap named inner functions in a helper the page does not have.
  await page.evaluate(`new Promise((resolve) => {
    let last = performance.now();
    const started = last;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.duration > 30) last = performance.now();
    });
    observer.observe({ type: 'long-animation-frame' });
    const timer = setInterval(() => {
      if (performance.now() - last < 1000 && performance.now() - started < 15000) return;
      clearInterval(timer);
      observer.disconnect();
      resolve();
    }, 100);
  })`);
}

/** Presses Check (or Check again), waits for the result, returns the worker's timings and the longest task. */
async function check(page: Page, press: () => Promise<void>): Promise<{ timings: CheckTimings; longestTaskMs: number; longTasks: string[]; dialogMs?: number }> {
  const since = await page.evaluate(() => {
    performance.clearMarks('condocker:check-done');
    return performance.now();
  });
  // When the dialog is first drawn after the press (the frame after it opens); a string, as in waitForQuiet.
  await page.evaluate(`(() => {
    window.__pressAt = undefined;
    window.__dialogAt = undefined;
    document.addEventListener('click', (event) => { window.__pressAt ??= event.timeStamp; }, { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (!document.querySelector('dialog[data-testid="check-dialog"][open]')) return;
      observer.disconnect();
      requestAnimationFrame(() => { window.__dialogAt = performance.now(); });
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['open'] });
  })()`);
  await press();
  const status = page.getByTestId('check-status');
  await status.and(page.locator('[data-state="report"]')).waitFor({ timeout: 60_000 });
  // The package table's rows join a few per frame after the result shows: that work belongs to the check too.
  await page.locator('[data-testid="check-packages"][data-rows-complete="true"]').waitFor({ timeout: 10_000 });
  // Long tasks are reported a moment after they end.
  await page.waitForTimeout(300);
  return page.evaluate((start) => {
    const mark = performance.getEntriesByName('condocker:check-done', 'mark')[0] as PerformanceMark | undefined;
    const tasks = (window as unknown as { __longTasks: Array<{ start: number; duration: number; what: string }> }).__longTasks;
    const during = tasks.filter((task) => task.start >= start);
    // Where each long task fell: after the press, and before (-) or after (+) the worker's result arrived.
    const when = during.map((task) => `${task.duration.toFixed(0)} ms at ${(task.start - start).toFixed(0)} ms (result ${mark ? `${task.start >= mark.startTime ? '+' : ''}${(task.start - mark.startTime).toFixed(0)} ms` : 'unknown'}): ${task.what}`);
    const opened = window as unknown as { __pressAt?: number; __dialogAt?: number };
    const dialogMs = opened.__pressAt !== undefined && opened.__dialogAt !== undefined ? opened.__dialogAt - opened.__pressAt : undefined;
    return { timings: mark?.detail as CheckTimings, longestTaskMs: Math.max(0, ...during.map((task) => task.duration)), longTasks: when, dialogMs };
  }, since);
}


main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
