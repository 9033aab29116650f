import { describe, expect, it } from 'vitest';
import { FETCHED_AT_HEADER, isStale, NAME_INDEX_MAX_AGE_MS, readCachedIndex, type IndexCache } from './index-cache';

const URL_ = 'http://127.0.0.1:9/conda-forge/linux-64/repodata_shards.msgpack.zst';

/** An in-memory Cache with the same match/put behaviour as the Cache Storage API for these calls. */
function memoryCache(): IndexCache & { entries: Map<string, { bytes: Uint8Array; headers: Headers }> } {
  const entries = new Map<string, { bytes: Uint8Array; headers: Headers }>();
  return {
    entries,
    async match(url) {
      const entry = entries.get(url);
      return entry ? new Response(entry.bytes.slice(), { headers: entry.headers }) : undefined;
    },
    async put(url, response) {
      entries.set(url, { bytes: new Uint8Array(await response.arrayBuffer()), headers: response.headers });
    },
  };
}

function countingFetch(answer: () => Response) {
  const calls: string[] = [];
  const fetchFn = (async (input: RequestInfo | URL) => {
    calls.push(String(input));
    return answer();
  }) as typeof fetch;
  return { calls, fetchFn };
}

describe('readCachedIndex', () => {
  it('fetches and caches on first use, with the time it was fetched', async () => {
    const cache = memoryCache();
    const { calls, fetchFn } = countingFetch(() => new Response(new Uint8Array([1, 2, 3])));
    const read = await readCachedIndex(URL_, { cache, fetchFn, now: () => 1_000 });
    expect(read).toEqual({ bytes: new Uint8Array([1, 2, 3]), fetchedAt: 1_000, stale: false });
    expect(calls).toEqual([URL_]);
    expect(cache.entries.get(URL_)?.headers.get(FETCHED_AT_HEADER)).toBe('1000');
  });

  it('answers from the cache while fresh, and marks it stale after a day without fetching', async () => {
    const cache = memoryCache();
    const { calls, fetchFn } = countingFetch(() => new Response(new Uint8Array([7])));
    await readCachedIndex(URL_, { cache, fetchFn, now: () => 1_000 });
    const fresh = await readCachedIndex(URL_, { cache, fetchFn, now: () => 1_000 + NAME_INDEX_MAX_AGE_MS - 1 });
    const stale = await readCachedIndex(URL_, { cache, fetchFn, now: () => 1_000 + NAME_INDEX_MAX_AGE_MS });
    expect([fresh.stale, stale.stale]).toEqual([false, true]);
    expect(stale.bytes).toEqual(new Uint8Array([7]));
    expect(calls).toHaveLength(1);
  });

  it('refresh fetches again and replaces the cached copy', async () => {
    const cache = memoryCache();
    let version = 1;
    const { calls, fetchFn } = countingFetch(() => new Response(new Uint8Array([version])));
    await readCachedIndex(URL_, { cache, fetchFn, now: () => 1_000 });
    version = 2;
    const refreshed = await readCachedIndex(URL_, { cache, fetchFn, now: () => 5_000, refresh: true });
    expect(refreshed).toEqual({ bytes: new Uint8Array([2]), fetchedAt: 5_000, stale: false });
    expect((await readCachedIndex(URL_, { cache, fetchFn, now: () => 6_000 })).bytes).toEqual(new Uint8Array([2]));
    expect(calls).toHaveLength(2);
  });

  it('works without a cache, and when the cache refuses to store', async () => {
    const { calls, fetchFn } = countingFetch(() => new Response(new Uint8Array([4])));
    expect((await readCachedIndex(URL_, { cache: null, fetchFn, now: () => 1 })).bytes).toEqual(new Uint8Array([4]));
    const refusing: IndexCache = { match: async () => undefined, put: async () => Promise.reject(new Error('QuotaExceededError')) };
    expect((await readCachedIndex(URL_, { cache: refusing, fetchFn, now: () => 1 })).bytes).toEqual(new Uint8Array([4]));
    expect(calls).toHaveLength(2);
  });

  it.each([
    [() => new Response('missing', { status: 404 }), `${URL_} answered HTTP 404 (no sharded repodata there)`],
    [() => new Response('down', { status: 503 }), `${URL_} answered HTTP 503`],
    [
      () => {
        throw new TypeError('Failed to fetch');
      },
      `cannot reach ${URL_} (Failed to fetch)`,
    ],
  ])('a failure names the URL: %#', async (answer, message) => {
    const cache = memoryCache();
    const { fetchFn } = countingFetch(answer);
    await expect(readCachedIndex(URL_, { cache, fetchFn, now: () => 1 })).rejects.toThrow(message);
    expect(cache.entries.size).toBe(0);
  });
});

describe('isStale', () => {
  it('is stale after a day, or when the clock went back', () => {
    expect(isStale(1000, 1000 + NAME_INDEX_MAX_AGE_MS - 1)).toBe(false);
    expect(isStale(1000, 1000 + NAME_INDEX_MAX_AGE_MS)).toBe(true);
    expect(isStale(5000, 1000)).toBe(true);
    expect(isStale(Number.NaN, 1000)).toBe(true);
  });
});
