// The limits of POST /api/check and /api/lock, apart from the service so the help can quote them cheaply.

/** Solves running at once: each keeps a core busy and holds repodata in memory (2 cores here). */
export const SOLVE_CONCURRENCY = 2;
/** Requests waiting for a solve slot before the next one gets 503. */
export const SOLVE_MAX_WAITING = 8;
/** Time limit of one request, waiting included. */
export const SOLVE_TIME_LIMIT_MS = 60_000;
/** Seconds a client is told to wait (Retry-After) when the queue is full. */
export const RETRY_AFTER_SECONDS = 10;
/** How long a check result is reused for the same inputs. */
export const CHECK_CACHE_TTL_MS = 5 * 60_000;
/** Most check results remembered (a result with a few hundred packages is ~100 KB). */
export const CHECK_CACHE_ENTRIES = 100;
