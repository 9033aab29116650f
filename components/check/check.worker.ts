// The check in a Web Worker: rattler's browser build (1.6 MB gzip of wasm, compiled at import) loads here on the
// first Check only, and the solve runs here, so the page never blocks. Progress is read from the outside of
// lib/solve: the rattler module and fetch are wrapped, nothing in the solve knows about the page.
import type { Platform } from '@conda-org/rattler';
import { checkDesign, checkReport } from '@/lib/solve/check';
import type { RattlerModule } from '@/lib/solve/rattler';
import { normaliseRattlerError } from '@/lib/solve/explain';
import type { CheckProgress } from '@/lib/ui/check-progress';
import type { CheckMessage, CheckRequest, CheckTimings } from './check-protocol';

interface WorkerScope {
  postMessage(message: CheckMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<CheckRequest>) => void): void;
  fetch: typeof fetch;
}
const scope = globalThis as unknown as WorkerScope;
const nativeFetch = scope.fetch.bind(scope);

let rattler: Promise<RattlerModule> | null = null;
let loadedOnce = false;

/** The repodata downloads of the platform being solved (rattler fetches with the global fetch). */
let downloads: { subdir: string; files: number; bytes: number; pending: number; report: (progress: CheckProgress) => void } | null = null;

// rattler 0.3.5 takes no fetch of its own: its wasm calls the global `fetch` at each request, so wrapping the
// global is the one way to see its repodata downloads.
scope.fetch = async (input, init) => {
  const tracked = downloads;
  if (!tracked) return nativeFetch(input, init);
  tracked.pending += 1;
  try {
    const response = await nativeFetch(input, init);
    if (response.ok) {
      tracked.files += 1;
      tracked.bytes += Number(response.headers.get('content-length') ?? 0);
    }
    return response;
  } finally {
    tracked.pending -= 1;
    tracked.report({ stage: 'repodata', subdir: tracked.subdir, files: tracked.files, bytes: tracked.bytes, pending: tracked.pending });
  }
};

scope.addEventListener('message', (event) => {
  if (event.data?.type === 'check') void runCheck(event.data);
});

async function runCheck({ id, design, mirrors }: CheckRequest): Promise<void> {
  const post = (message: CheckMessage) => scope.postMessage(message);
  const report = (progress: CheckProgress) => post({ type: 'progress', id, progress });
  const started = performance.now();
  const timings: CheckTimings = { solverLoadMs: 0, solveMs: {}, totalMs: 0 };

  report({ stage: 'solver', state: 'start' });
  let solver: RattlerModule;
  try {
    const loadStart = performance.now();
    rattler ??= import('@conda-org/rattler');
    solver = await rattler;
    timings.solverLoadMs = loadedOnce ? 0 : performance.now() - loadStart;
    loadedOnce = true;
  } catch (error) {
    rattler = null;
    post({ type: 'error', id, stage: 'solver', message: normaliseRattlerError(error) });
    return;
  }
  report({ stage: 'solver', state: 'done', ms: timings.solverLoadMs });

  // The solve asks for one platform at a time ([subdir, 'noarch']): each call is one step on the page.
  const observed: RattlerModule = {
    simpleSolve: async (specs, channels, platforms, locked) => {
      const subdir = String(platforms[0] as Platform);
      report({ stage: 'solve', subdir, state: 'start' });
      downloads = { subdir, files: 0, bytes: 0, pending: 0, report };
      const solveStart = performance.now();
      let ok = false;
      try {
        const result = await solver.simpleSolve(specs, channels, platforms, locked);
        ok = true;
        return result;
      } finally {
        downloads = null;
        timings.solveMs[subdir] = performance.now() - solveStart;
        report({ stage: 'solve', subdir, state: 'done', ms: timings.solveMs[subdir], ok });
      }
    },
  };

  // Pip lines are checked after every platform: the first index request starts that step.
  const pipLines = design.pip.packages.length;
  // An object, so TypeScript sees the assignment made in the fetch below.
  const pypi: { start?: number } = {};
  const checkFetch: typeof fetch = (input, init) => {
    if (pypi.start === undefined && pipLines > 0 && (init?.method ?? 'GET') === 'GET') {
      pypi.start = performance.now();
      report({ stage: 'pypi', state: 'start', lines: pipLines });
    }
    return nativeFetch(input, init);
  };

  try {
    const result = await checkDesign(design, {
      loadRattler: async () => observed,
      channelUrls: mirrors.channelUrls,
      fetch: checkFetch,
      ...(mirrors.pypiUrl ? { pypiUrl: mirrors.pypiUrl } : {}),
    });
    if (pipLines > 0) {
      // Lines that are URLs or options are "not checked" without a request: the step still ends.
      if (pypi.start === undefined) report({ stage: 'pypi', state: 'start', lines: pipLines });
      timings.pypiMs = pypi.start === undefined ? 0 : performance.now() - pypi.start;
      report({ stage: 'pypi', state: 'done', lines: pipLines, ms: timings.pypiMs });
    }
    timings.totalMs = performance.now() - started;
    // checkReport: sizes as numbers, no wasm objects, so the message clones and the page can JSON it.
    post({ type: 'done', id, report: checkReport(result), timings });
  } catch (error) {
    post({ type: 'error', id, stage: 'check', message: normaliseRattlerError(error) });
  }
}
