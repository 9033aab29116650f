// Order statistics for the benchmarks' samples: one definition for every bench.

/** The nearest-rank percentile (`fraction` from 0 to 1): the smallest sample at or above that share of them. */
export function percentile(samples: readonly number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

/** The middle sample (the lower of the two middle ones for an even count). */
export const median = (samples: readonly number[]): number => percentile(samples, 0.5);
