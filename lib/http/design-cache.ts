// Output per design, remembered: the generators and the zip are pure (the same design gives the same bytes), so a
// preset or share link downloaded again and again is rendered once. Bounded in entries and key size.
import type { Design } from '@/lib/design/schema';

/** Options of memoizeByDesign. */
export interface DesignCacheOptions {
  /** Most designs remembered; the least recently used is forgotten first. */
  maxEntries: number;
  /** Designs whose JSON is longer than this are rendered every time, so memory stays bounded. */
  maxKeyLength: number;
}

/**
 * `render`, remembering its result for the most recently used designs. Concurrent requests for one design share
 * one rendering; a failed rendering is not remembered.
 * @example const zipOf = memoizeByDesign((design) => buildZip(generateFiles(design)), { maxEntries: 64, maxKeyLength: 16_384 });
 */
export function memoizeByDesign<T>(
  render: (design: Design) => Promise<T>,
  { maxEntries, maxKeyLength }: DesignCacheOptions,
): (design: Design) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (design) => {
    // The schema's output has its keys in schema order, so equal designs give equal JSON.
    const key = JSON.stringify(design);
    if (key.length > maxKeyLength) return render(design);
    const cached = cache.get(key);
    if (cached) {
      // Map keeps insertion order: re-inserting marks the entry as the most recently used.
      cache.delete(key);
      cache.set(key, cached);
      return cached;
    }
    const result = render(design);
    cache.set(key, result);
    result.catch(() => cache.delete(key));
    if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
    return result;
  };
}
