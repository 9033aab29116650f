// The server's "Check": a design solved and its pip lines checked with rattler's Node build, behind the limits an
// HTTP door needs: at most SOLVE_CONCURRENCY solves at once and SOLVE_MAX_WAITING waiting (then 503 with
// Retry-After), SOLVE_TIME_LIMIT_MS per request (then 504), results cached by their inputs for CHECK_CACHE_TTL_MS
// (network failures are not cached), an unreachable channel or index → 502 naming its URL.
import type { Design } from '@/lib/design/schema';
import { checkDesign, checkReport, type CheckReport, type CheckResult } from '@/lib/solve/check';
import type { LoadRattler } from '@/lib/solve/rattler';
import { checkInputsKey } from './check-key';
import { CHECK_CACHE_ENTRIES, CHECK_CACHE_TTL_MS, RETRY_AFTER_SECONDS, SOLVE_CONCURRENCY, SOLVE_MAX_WAITING, SOLVE_TIME_LIMIT_MS } from './check-limits';
import { DeadlineError, withDeadline } from './deadline';
import type { HttpProblem } from './design-request';
import type { ServerMirrors } from './server-mirrors';
import { QueueFullError, createWorkQueue, type WorkQueue } from './solve-queue';
import { createTtlCache, type TtlCache } from './ttl-cache';

/** A check, or the problem that kept it from being made. */
export type CheckOutcome = { ok: true; result: CheckResult; report: CheckReport } | { ok: false; problem: HttpProblem; headers?: Record<string, string> };

/** What a check service needs from outside. */
export interface CheckServiceOptions {
  loadRattler: LoadRattler;
  fetch: typeof fetch;
  now: () => number;
  concurrency?: number;
  maxWaiting?: number;
  timeLimitMs?: number;
  cacheTtlMs?: number;
  cacheEntries?: number;
}

/** Checks designs under the HTTP door's limits; one per server process. */
export interface CheckService {
  /** Checks `design` against `mirrors`; `signal` aborts when the client goes away. Never throws. */
  check(design: Design, mirrors: ServerMirrors, signal?: AbortSignal): Promise<CheckOutcome>;
  queue: WorkQueue;
  cache: TtlCache<CheckResult>;
}

/**
 * A check service with its queue and cache.
 * @example const service = createCheckService({ loadRattler: loadNodeRattler, fetch, now: Date.now }); await service.check(design, mirrors)
 */
export function createCheckService(options: CheckServiceOptions): CheckService {
  const queue = createWorkQueue({ concurrency: options.concurrency ?? SOLVE_CONCURRENCY, maxWaiting: options.maxWaiting ?? SOLVE_MAX_WAITING });
  const cache = createTtlCache<CheckResult>({
    maxEntries: options.cacheEntries ?? CHECK_CACHE_ENTRIES,
    ttlMs: options.cacheTtlMs ?? CHECK_CACHE_TTL_MS,
    now: options.now,
  });
  const timeLimitMs = options.timeLimitMs ?? SOLVE_TIME_LIMIT_MS;

  async function check(design: Design, mirrors: ServerMirrors, signal?: AbortSignal): Promise<CheckOutcome> {
    let result: CheckResult;
    try {
      result = await withDeadline(
        (deadline) =>
          cache.getOrCompute(
            checkInputsKey(design, mirrors),
            () =>
              queue.run(
                () =>
                  checkDesign(design, {
                    loadRattler: options.loadRattler,
                    fetch: options.fetch,
                    channelUrls: mirrors.channelUrls,
                    ...(mirrors.pypiUrl ? { pypiUrl: mirrors.pypiUrl } : {}),
                  }),
                deadline,
              ),
            // A result cut short by a network failure says nothing about the design: ask again next time.
            (checked) => checked.networkError === undefined,
          ),
        timeLimitMs,
        signal,
      );
    } catch (error) {
      return { ok: false, ...checkFailure(error, timeLimitMs) };
    }
    const report = checkReport(result);
    if (result.networkError)
      return { ok: false, problem: { status: 502, error: `Cannot check: ${result.networkError}`, issues: [] } };
    return { ok: true, result, report };
  }

  return { check, queue, cache };
}

function checkFailure(error: unknown, timeLimitMs: number): { problem: HttpProblem; headers?: Record<string, string> } {
  if (error instanceof QueueFullError)
    return {
      problem: {
        status: 503,
        error: `The server is busy solving other designs (${error.running} running, ${error.waiting} waiting); try again in ${RETRY_AFTER_SECONDS} s.`,
        issues: [],
      },
      headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
    };
  if (error instanceof DeadlineError)
    return {
      problem: {
        status: 504,
        error: `The check took longer than ${timeLimitMs / 1000} s (waiting for a free solver included) and was stopped; try again, or check with fewer packages or platforms (the result is kept if it finishes).`,
        issues: [],
      },
    };
  // rattler throws strings; anything else here is a bug or a broken install, not the design's fault.
  const message = error instanceof Error ? error.message : String(error);
  return { problem: { status: 500, error: `The check failed on the server: ${message}`, issues: [] } };
}

/**
 * What a check found wrong, as the API's issues: one per failed platform and per pip line with a problem, each
 * with its form field (e.g. `conda.packages.2`).
 * @example reportIssues(report) // [{ path: 'conda.packages.0', message: 'linux-aarch64: No candidates were found for mkl …' }]
 */
export function reportIssues(report: CheckReport): Array<{ path: string; message: string }> {
  const platforms = Object.entries(report.platforms).flatMap(([subdir, platform]) =>
    platform.ok ? [] : [{ path: platform.field ?? '(design)', message: `${subdir}: ${platform.error}` }],
  );
  const pip = report.pip.filter((line) => !line.ok).map((line) => ({ path: line.field, message: `${line.line}: ${line.problems.join('; ')}` }));
  return [...platforms, ...pip];
}
