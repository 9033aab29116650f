'use client';
// The server's mirrors (GET /api/mirrors: server-wide channel URLs and PyPI URL; the fixture servers in tests),
// shared by Check and the package suggestions.
import type { CheckMirrors } from './check-protocol';

/** The public channels and PyPI: what the page uses when the server names no mirrors or cannot be asked. */
export const NO_MIRRORS: CheckMirrors = { channelUrls: {}, pypiUrl: null };

/** The server's mirrors; without an answer (older server, offline) the public channels. */
export async function fetchMirrors(signal?: AbortSignal): Promise<CheckMirrors> {
  try {
    const response = await fetch('/api/mirrors', { signal, cache: 'no-store' });
    if (!response.ok) return NO_MIRRORS;
    const body = (await response.json()) as Partial<CheckMirrors>;
    return { channelUrls: body.channelUrls ?? {}, pypiUrl: body.pypiUrl ?? null };
  } catch (error) {
    if (signal?.aborted) throw error;
    return NO_MIRRORS;
  }
}
