import { describe, expect, it } from 'vitest';
import { QueueFullError, createWorkQueue } from './solve-queue';

/** A task that finishes when the test says so. */
function deferred<T = string>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createWorkQueue', () => {
  it('runs at most `concurrency` tasks, then the waiting ones in order', async () => {
    const queue = createWorkQueue({ concurrency: 2, maxWaiting: 5 });
    const tasks = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const results = tasks.map((task, index) =>
      queue.run(() => {
        started.push(index);
        return task.promise;
      }),
    );
    // Settled from the start, so the rejection below is handled when it happens.
    const settled = Promise.allSettled(results);
    expect(started).toEqual([0, 1]);
    expect(queue.load()).toEqual({ running: 2, waiting: 2 });
    tasks[1].resolve('b');
    await tick();
    expect(started).toEqual([0, 1, 2]);
    tasks[0].reject(new Error('boom'));
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    tasks[2].resolve('c');
    tasks[3].resolve('d');
    expect(await settled).toEqual([
      { status: 'rejected', reason: new Error('boom') },
      { status: 'fulfilled', value: 'b' },
      { status: 'fulfilled', value: 'c' },
      { status: 'fulfilled', value: 'd' },
    ]);
    expect(queue.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses a task when the waiting line is full', async () => {
    const queue = createWorkQueue({ concurrency: 1, maxWaiting: 1 });
    const first = deferred();
    void queue.run(() => first.promise);
    void queue.run(() => Promise.resolve('second'));
    await expect(queue.run(() => Promise.resolve('third'))).rejects.toEqual(new QueueFullError(1, 1));
    first.resolve('first');
  });

  it('drops a waiting task whose signal aborts, and frees its place', async () => {
    const queue = createWorkQueue({ concurrency: 1, maxWaiting: 1 });
    const first = deferred();
    void queue.run(() => first.promise);
    const controller = new AbortController();
    let ran = false;
    const waiting = queue.run(async () => {
      ran = true;
    }, controller.signal);
    controller.abort(new Error('client gone'));
    await expect(waiting).rejects.toThrow('client gone');
    expect(queue.load()).toEqual({ running: 1, waiting: 0 });
    first.resolve('done');
    await tick();
    expect(ran).toBe(false);
    expect(queue.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot when a task throws synchronously', async () => {
    const queue = createWorkQueue({ concurrency: 1, maxWaiting: 0 });
    await expect(
      queue.run(() => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    await expect(queue.run(() => Promise.resolve(1))).resolves.toBe(1);
  });
});
