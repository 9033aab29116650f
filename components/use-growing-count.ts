'use client';
// Long lists that join the page a batch per frame: laying out many rows of new text in one frame is a long task
// when the page has little CPU to spare (on the first check of a page the browser is still optimising the
// solver's wasm on background threads: bench:check-web), a small batch is not.
import { startTransition, useEffect, useState } from 'react';
import { afterNextPaint } from './after-next-paint';

/**
 * How many of `target` items to show: 0 at first, then after each frame `first`, then twice as many as shown so far
 * (at most `most` more per frame), until all are shown. Small first batches put something on screen at once; later
 * ones grow, so a long list does not take a frame per handful of rows. A lower target applies at once, and growth
 * starts again from there when the target rises.
 */
export function useGrowingCount(target: number, first: number, most: number): number {
  const [count, setCount] = useState(0);
  // Adjusted while rendering (React's pattern for state derived from props): a filter that narrows the list must
  // not leave a high count behind, or clearing it would show every row in one frame.
  if (count > target) setCount(target);
  useEffect(() => {
    if (count >= target) return;
    const next = Math.min(target, count === 0 ? first : count + Math.min(count, most));
    return afterNextPaint(() => startTransition(() => setCount(next)));
  }, [count, target, first, most]);
  return Math.min(count, target);
}
