// A time limit for a request's work. The work gets an AbortSignal that fires at the deadline, so what can stop
// (a task still waiting in a queue, a fetch) does; what cannot (a solve inside wasm) finishes in the background.

/** Thrown by withDeadline when the work takes longer than allowed. */
export class DeadlineError extends Error {
  constructor(readonly milliseconds: number) {
    super(`took longer than ${milliseconds / 1000} s`);
    this.name = 'DeadlineError';
  }
}

/**
 * The work's result, or a DeadlineError after `milliseconds` (the signal given to the work aborts then too).
 * A `signal` from outside (the client went away) aborts the work early, with that signal's reason.
 * @example await withDeadline((signal) => queue.run(() => solve(design), signal), 60_000)
 */
export function withDeadline<T>(work: (signal: AbortSignal) => Promise<T>, milliseconds: number, signal?: AbortSignal): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const fail = (reason: unknown) => {
      cleanup();
      controller.abort(reason);
      reject(reason);
    };
    const timer = setTimeout(() => fail(new DeadlineError(milliseconds)), milliseconds);
    const onOuterAbort = () => fail(signal?.reason);
    const cleanup = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onOuterAbort);
    };
    if (signal?.aborted) return fail(signal.reason);
    signal?.addEventListener('abort', onOuterAbort, { once: true });
    let started: Promise<T>;
    try {
      started = work(controller.signal);
    } catch (error) {
      started = Promise.reject(error);
    }
    started.then(
      (value) => {
        cleanup();
        resolve(value);
      },
      (error: unknown) => {
        cleanup();
        reject(error);
      },
    );
  });
}
