'use client';
// Runs "Check" from the page: asks the server which mirrors to use (GET /api/mirrors), hands the design to the
// check worker, relays its progress, and when the browser could not reach a channel or the index itself (no CORS
// headers, a proxy, offline), asks the server's POST /api/check instead and says so. Cancel terminates the worker;
// the next check starts a fresh one. The design is only ever read here.
import type { Design } from '@/lib/design/schema';
import type { CheckReport } from '@/lib/solve/check';
import { networkFailureOf, type CheckProgress } from '@/lib/ui/check-progress';
import type { CheckMessage, CheckRequest, CheckTimings } from './check-protocol';
import { fetchMirrors } from './mirrors';

/** How a check ended. */
export type CheckOutcome =
  | {
      kind: 'report';
      report: CheckReport;
      /** 'server': the browser could not reach a channel or the index, /api/check answered instead. */
      via: 'browser' | 'server';
      /** What the browser could not reach, when the server answered instead. */
      browserError?: string;
      timings?: CheckTimings;
    }
  | { kind: 'unreachable'; message: string; serverMessage: string }
  | { kind: 'failed'; message: string }
  | { kind: 'cancelled' };

/** A running check. */
export interface CheckRun {
  done: Promise<CheckOutcome>;
  cancel(): void;
}


// One worker for the page: rattler stays loaded in it between checks. Cancel terminates it.
let worker: Worker | null = null;
let nextId = 1;

function checkWorker(): Worker {
  worker ??= new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module', name: 'condocker-check' });
  return worker;
}

function dropWorker(): void {
  worker?.terminate();
  worker = null;
}

/** The same check on the server, or why it could not answer. */
async function askServer(design: Design, signal: AbortSignal): Promise<{ ok: true; report: CheckReport } | { ok: false; message: string }> {
  let response: Response;
  try {
    response = await fetch('/api/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(design), signal });
  } catch (error) {
    if (signal.aborted) throw error;
    return { ok: false, message: 'the server could not be reached either (are you offline?)' };
  }
  const body = (await response.json().catch(() => null)) as (CheckReport & { error?: string; report?: CheckReport }) | null;
  const report = body?.platforms ? body : body?.report;
  if (response.ok && report?.platforms) return { ok: true, report };
  return { ok: false, message: body?.error ? `the server says: ${body.error}` : `the server answered HTTP ${response.status}` };
}

/** Records what the worker measured, for the benchmark (bench/check-web.ts reads the mark's detail). */
function markTimings(timings: CheckTimings): void {
  try {
    performance.mark('condocker:check-done', { detail: timings });
  } catch {
    // Marks with detail are an optimisation for the benchmark only.
  }
}

/**
 * Starts a check of a (valid) design; `onProgress` hears each step. The caller runs one at a time (the worker is
 * shared).
 */
export function startCheck(design: Design, onProgress: (progress: CheckProgress) => void): CheckRun {
  const id = nextId++;
  const abort = new AbortController();
  let settle: (outcome: CheckOutcome) => void = () => undefined;
  const done = new Promise<CheckOutcome>((resolve) => {
    settle = resolve;
  });
  let finished = false;
  let detach = () => {};
  const finish = (outcome: CheckOutcome) => {
    if (finished) return;
    finished = true;
    clearTimeout(holdTimer);
    detach();
    settle(outcome);
  };

  const fallBack = async (timings: CheckTimings, browserError: string) => {
    const server = await askServer(design, abort.signal);
    if (!server.ok) return finish({ kind: 'unreachable', message: browserError, serverMessage: server.message });
    const serverError = networkFailureOf(server.report);
    if (serverError) return finish({ kind: 'unreachable', message: browserError, serverMessage: `the server could not reach it either: ${serverError}` });
    finish({ kind: 'report', report: server.report, via: 'server', browserError, timings });
  };

  // Repodata progress comes once per file (a sharded channel serves one file per package): relayed at most every
  // 150 ms, the latest count only, so the dialog re-renders a few times a second instead of once per file.
  let heldProgress: CheckProgress | null = null;
  let holdTimer: ReturnType<typeof setTimeout> | undefined;
  const flushProgress = () => {
    clearTimeout(holdTimer);
    holdTimer = undefined;
    if (heldProgress) onProgress(heldProgress);
    heldProgress = null;
  };
  const relayProgress = (progress: CheckProgress) => {
    if (progress.stage === 'repodata') {
      heldProgress = progress;
      holdTimer ??= setTimeout(flushProgress, 150);
      return;
    }
    flushProgress();
    onProgress(progress);
  };

  const run = async () => {
    const mirrors = await fetchMirrors(abort.signal);
    if (finished) return;
    const target = checkWorker();
    const onMessage = (event: MessageEvent<CheckMessage>) => {
      const message = event.data;
      if (message.id !== id) return;
      if (message.type === 'progress') relayProgress(message.progress);
      else if (message.type === 'error')
        finish({ kind: 'failed', message: message.stage === 'solver' ? `The solver could not be loaded (${message.message}). Check the connection and try again.` : message.message });
      else {
        markTimings(message.timings);
        const browserError = networkFailureOf(message.report);
        if (browserError === undefined) finish({ kind: 'report', report: message.report, via: 'browser', timings: message.timings });
        else void fallBack(message.timings, browserError).catch(() => finish({ kind: 'cancelled' }));
      }
    };
    const onError = (event: ErrorEvent) => {
      event.preventDefault();
      dropWorker();
      finish({ kind: 'failed', message: `The check could not start (${event.message || 'its script did not load'}). Check the connection and try again.` });
    };
    target.addEventListener('message', onMessage);
    target.addEventListener('error', onError);
    detach = () => {
      target.removeEventListener('message', onMessage);
      target.removeEventListener('error', onError);
    };
    const request: CheckRequest = { type: 'check', id, design, mirrors };
    target.postMessage(request);
  };
  void run().catch(() => finish({ kind: 'cancelled' }));

  return {
    done,
    cancel: () => {
      if (finished) return;
      abort.abort();
      dropWorker();
      finish({ kind: 'cancelled' });
    },
  };
}
