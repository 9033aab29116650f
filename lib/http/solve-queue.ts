// Bounded concurrency for expensive work (a solve downloads repodata and keeps a CPU busy for seconds): at most
// `concurrency` tasks run, up to `maxWaiting` more wait in order, and anything beyond is refused at once, so a burst
// of requests gets a quick 503 instead of piling up memory and timeouts.

/** Thrown by WorkQueue.run when every slot is busy and the waiting line is full. */
export class QueueFullError extends Error {
  constructor(readonly running: number, readonly waiting: number) {
    super(`busy: ${running} running, ${waiting} waiting`);
    this.name = 'QueueFullError';
  }
}

/** Limits of a WorkQueue. */
export interface WorkQueueOptions {
  /** Most tasks running at once. */
  concurrency: number;
  /** Most tasks waiting for a slot; the next one is refused with QueueFullError. */
  maxWaiting: number;
}

/** A queue that runs at most `concurrency` tasks at once. */
export interface WorkQueue {
  /**
   * Runs `task` when a slot is free. Rejects with QueueFullError when the line is full, and with the signal's reason
   * when `signal` aborts while the task still waits (a task already running is not interrupted).
   */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Tasks running and waiting now. */
  load(): { running: number; waiting: number };
}

/**
 * A queue with bounded concurrency and a bounded waiting line (first come, first served).
 * @example const solves = createWorkQueue({ concurrency: 2, maxWaiting: 8 }); await solves.run(() => checkDesign(design, options));
 */
export function createWorkQueue({ concurrency, maxWaiting }: WorkQueueOptions): WorkQueue {
  let running = 0;
  const waiting: Array<() => void> = [];

  const release = () => {
    running -= 1;
    const next = waiting.shift();
    if (next) next();
  };

  return {
    run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      if (signal?.aborted) return Promise.reject(signal.reason);
      const start = (): Promise<T> => {
        running += 1;
        let result: Promise<T>;
        try {
          result = task();
        } catch (error) {
          result = Promise.reject(error);
        }
        return result.finally(release);
      };
      if (running < concurrency) return start();
      if (waiting.length >= maxWaiting) return Promise.reject(new QueueFullError(running, waiting.length));
      return new Promise<T>((resolve, reject) => {
        const onAbort = () => {
          const index = waiting.indexOf(go);
          if (index >= 0) waiting.splice(index, 1);
          reject(signal?.reason);
        };
        function go() {
          signal?.removeEventListener('abort', onAbort);
          start().then(resolve, reject);
        }
        waiting.push(go);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    load: () => ({ running, waiting: waiting.length }),
  };
}
