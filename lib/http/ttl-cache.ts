// Results remembered by their inputs for a while: a bounded LRU whose entries expire. Concurrent requests for one
// key share one computation; failures, and results the caller says not to keep, are forgotten at once.

/** Options of createTtlCache. */
export interface TtlCacheOptions {
  /** Most entries kept; the least recently used goes first. */
  maxEntries: number;
  /** How long an entry stays valid, in milliseconds. */
  ttlMs: number;
  /** The clock (milliseconds), injected so tests need no timers: Date.now in the app. */
  now: () => number;
}

/** A bounded, expiring cache of computed values. */
export interface TtlCache<T> {
  /**
   * The value for `key`: cached and fresh, being computed (shared), or computed now. A value for which `keep`
   * returns false is returned but not remembered (e.g. a result cut short by a network error).
   */
  getOrCompute(key: string, compute: () => Promise<T>, keep?: (value: T) => boolean): Promise<T>;
  /** Entries held now (fresh or not yet evicted). */
  size(): number;
}

interface Entry<T> {
  value: Promise<T>;
  /** When the entry expires; Infinity while it is still being computed. */
  expires: number;
}

/**
 * A cache that keeps at most `maxEntries` values for `ttlMs` each.
 * @example const checks = createTtlCache<CheckReport>({ maxEntries: 100, ttlMs: 5 * 60_000, now: Date.now });
 */
export function createTtlCache<T>({ maxEntries, ttlMs, now }: TtlCacheOptions): TtlCache<T> {
  const entries = new Map<string, Entry<T>>();
  return {
    getOrCompute(key, compute, keep = () => true) {
      const cached = entries.get(key);
      if (cached && cached.expires > now()) {
        // Map keeps insertion order: re-inserting marks the entry as the most recently used.
        entries.delete(key);
        entries.set(key, cached);
        return cached.value;
      }
      entries.delete(key);
      let value: Promise<T>;
      try {
        value = compute();
      } catch (error) {
        value = Promise.reject(error);
      }
      const entry: Entry<T> = { value, expires: Number.POSITIVE_INFINITY };
      entries.set(key, entry);
      const forget = () => {
        if (entries.get(key) === entry) entries.delete(key);
      };
      value.then((result) => {
        if (keep(result)) entry.expires = now() + ttlMs;
        else forget();
      }, forget);
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return value;
    },
    size: () => entries.size,
  };
}
