// A channel's name index, read through a cache (the browser's Cache Storage in the suggestions worker): a cached
// copy younger than a day answers at once; an older one still answers, marked stale so the caller fetches a fresh one
// in the background; `refresh` skips the cache. Pure apart from the injected cache, fetch and clock.

/** How long a cached name index is used before it is fetched again (channels change daily). */
export const NAME_INDEX_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Whether a name index fetched at `fetchedAt` should be fetched again at `now`.
 * @example isStale(0, NAME_INDEX_MAX_AGE_MS + 1) // true
 */
export function isStale(fetchedAt: number, now: number, maxAgeMs = NAME_INDEX_MAX_AGE_MS): boolean {
  return !(now - fetchedAt < maxAgeMs) || fetchedAt > now;
}

/** The part of the Cache Storage API used here (a Cache, or a stand-in in tests). */
export interface IndexCache {
  match(url: string): Promise<Response | undefined>;
  put(url: string, response: Response): Promise<void>;
}

/** An index's bytes, when they were fetched, and whether that is too long ago. */
export interface CachedIndex {
  bytes: Uint8Array;
  fetchedAt: number;
  stale: boolean;
}

/** Options of readCachedIndex. */
export interface ReadIndexOptions {
  cache: IndexCache | null;
  fetchFn: typeof fetch;
  now: () => number;
  /** Fetch even when a fresh copy is cached. */
  refresh?: boolean;
}

/** The response header that records when a cached index was fetched (ms since 1970). */
export const FETCHED_AT_HEADER = 'x-condocker-fetched-at';

/**
 * Reads an index from the cache or the network (then caches it); throws an Error that names the URL.
 * @example await readCachedIndex(url, { cache: await caches.open('names'), fetchFn: fetch, now: Date.now })
 */
export async function readCachedIndex(url: string, { cache, fetchFn, now, refresh = false }: ReadIndexOptions): Promise<CachedIndex> {
  const cached = refresh ? undefined : await cache?.match(url).catch(() => undefined);
  if (cached) {
    const fetchedAt = Number(cached.headers.get(FETCHED_AT_HEADER));
    return { bytes: new Uint8Array(await cached.arrayBuffer()), fetchedAt, stale: isStale(fetchedAt, now()) };
  }
  let response: Response;
  try {
    response = await fetchFn(url, { cache: 'no-store' });
  } catch (error) {
    throw new Error(`cannot reach ${url} (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}${response.status === 404 ? ' (no sharded repodata there)' : ''}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const fetchedAt = now();
  // A cache that refuses (full, private window) only costs the next page a download.
  await cache?.put(url, new Response(bytes, { headers: { [FETCHED_AT_HEADER]: String(fetchedAt), 'content-type': 'application/octet-stream' } })).catch(() => undefined);
  return { bytes, fetchedAt, stale: false };
}
