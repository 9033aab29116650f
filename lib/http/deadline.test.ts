import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeadlineError, withDeadline } from './deadline';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('withDeadline', () => {
  it('gives the result of work that finishes in time', async () => {
    const result = withDeadline(() => new Promise((resolve) => setTimeout(() => resolve('done'), 500)), 1000);
    await vi.advanceTimersByTimeAsync(500);
    await expect(result).resolves.toBe('done');
  });

  it('rejects with DeadlineError after the limit and aborts the work\'s signal', async () => {
    let seen: AbortSignal | undefined;
    const result = withDeadline((signal) => {
      seen = signal;
      return new Promise(() => undefined);
    }, 60_000);
    const settled = expect(result).rejects.toEqual(new DeadlineError(60_000));
    await vi.advanceTimersByTimeAsync(60_000);
    await settled;
    expect(seen?.aborted).toBe(true);
    expect(new DeadlineError(60_000).message).toBe('took longer than 60 s');
  });

  it('passes on the work\'s own failure', async () => {
    await expect(withDeadline(() => Promise.reject(new Error('unreachable')), 1000)).rejects.toThrow('unreachable');
  });

  it('stops early when an outside signal aborts (the client went away)', async () => {
    const outside = new AbortController();
    let seen: AbortSignal | undefined;
    const result = withDeadline((signal) => {
      seen = signal;
      return new Promise(() => undefined);
    }, 60_000, outside.signal);
    outside.abort(new Error('gone'));
    await expect(result).rejects.toThrow('gone');
    expect(seen?.aborted).toBe(true);
  });
});
