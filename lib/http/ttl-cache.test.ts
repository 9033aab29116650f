import { describe, expect, it } from 'vitest';
import { createTtlCache } from './ttl-cache';

function setup(maxEntries = 2, ttlMs = 1000) {
  let time = 0;
  const calls: string[] = [];
  const cache = createTtlCache<string>({ maxEntries, ttlMs, now: () => time });
  const get = (key: string, value = `${key}-value`, keep?: (value: string) => boolean) =>
    cache.getOrCompute(
      key,
      async () => {
        calls.push(key);
        return value;
      },
      keep,
    );
  return { cache, calls, get, advance: (ms: number) => (time += ms) };
}

describe('createTtlCache', () => {
  it('computes once per key while fresh, again after the time to live', async () => {
    const { calls, get, advance } = setup();
    expect(await get('a')).toBe('a-value');
    advance(999);
    expect(await get('a')).toBe('a-value');
    expect(calls).toEqual(['a']);
    advance(1);
    await get('a');
    expect(calls).toEqual(['a', 'a']);
  });

  it('shares one computation between concurrent callers', async () => {
    const { calls, get } = setup();
    await Promise.all([get('a'), get('a'), get('a')]);
    expect(calls).toEqual(['a']);
  });

  it('forgets the least recently used entry beyond maxEntries', async () => {
    const { cache, calls, get } = setup(2);
    await get('a');
    await get('b');
    await get('a');
    await get('c');
    expect(cache.size()).toBe(2);
    await get('a');
    await get('b');
    expect(calls).toEqual(['a', 'b', 'c', 'b']);
  });

  it('does not remember failures or values the caller does not keep', async () => {
    const { cache, calls, get } = setup();
    await expect(cache.getOrCompute('x', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(cache.size()).toBe(0);
    await get('n', 'network error', () => false);
    await get('n', 'network error', () => false);
    expect(calls).toEqual(['n', 'n']);
    expect(cache.size()).toBe(0);
  });
});
