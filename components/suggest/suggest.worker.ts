// Package suggestions in a Web Worker: the name indexes (sharded repodata, ~0.7 MB each, 0.3 s to decode and as
// long again to prepare for search on this machine) are fetched, cached, decoded and searched here so that typing
// never waits on the main thread. The indexes are kept in the Cache Storage with the time they were fetched, used
// while fresh, and fetched again once stale (the stale ones answer meanwhile).
import { renamedOnCondaForge, preferredCondaName } from '@/lib/mapping/pypi-conda';
import { resolveChannels } from '@/lib/solve/channels';
import { createNameSearch, type NameSearch } from '@/lib/suggest/name-search';
import { decodeShardIndex, type ShardIndex } from '@/lib/suggest/shard-index';
import { fetchPackageVersions, lookupPypiProject, PYPI_URL } from '@/lib/suggest/sources';
import { readCachedIndex } from '@/lib/suggest/index-cache';
import { pipProjectOf } from '@/lib/suggest/pip-project';
import type { IndexStatus, NameSource, SuggestMessage, SuggestRequest } from './suggest-protocol';

interface WorkerScope {
  postMessage(message: SuggestMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<SuggestRequest>) => void): void;
  fetch: typeof fetch;
  caches?: CacheStorage;
}
const scope = globalThis as unknown as WorkerScope;
const CACHE_NAME = 'condocker-name-indexes-v1';
const INDEX_FILE = 'repodata_shards.msgpack.zst';

interface LoadedIndex {
  channel: string;
  fetchUrl: string;
  subdir: string;
  index: ShardIndex;
  bytes: number;
  fetchedAt: number;
}

let sourceKey = '';
let indexes: LoadedIndex[] = [];
let search: NameSearch | null = null;
let pypiUrl: string = PYPI_URL;
/** The load in progress, so that a look-up can wait for the names it compares with. */
let loading: Promise<void> = Promise.resolve();

// The worker's own fetch, called through the scope (a bare reference would lose its `this`).
const workerFetch: typeof fetch = (input, init) => scope.fetch(input, init);
const post = (message: SuggestMessage) => scope.postMessage(message);
const status = (value: IndexStatus) => post({ type: 'status', status: value });
const keyOf = (value: NameSource) => JSON.stringify([value.channels, value.subdirs, value.mirrors.channelUrls]);

async function openCache(): Promise<Cache | null> {
  try {
    return (await scope.caches?.open(CACHE_NAME)) ?? null;
  } catch {
    return null; // No Cache Storage (a private window, an insecure origin): fetch each time.
  }
}

/** Fetches (or reads from the cache) every channel × subdir index; builds the search over all their names. */
async function load(next: NameSource, refresh: boolean, background = false): Promise<void> {
  const key = keyOf(next);
  sourceKey = key;
  pypiUrl = next.mirrors.pypiUrl ?? PYPI_URL;
  // A background refresh of stale indexes keeps answering from them until the fresh ones are in.
  if (!background) status({ state: 'loading', key });
  const cache = await openCache();
  const channels = resolveChannels(next.channels, next.mirrors.channelUrls);
  const problems: string[] = [];
  const loaded: LoadedIndex[] = [];
  let anyStale = false;
  await Promise.all(
    channels.flatMap((channel) =>
      next.subdirs.map(async (subdir) => {
        const url = `${channel.fetchUrl}/${subdir}/${INDEX_FILE}`;
        try {
          const read = await readCachedIndex(url, { cache, fetchFn: workerFetch, now: Date.now, refresh });
          anyStale ||= read.stale;
          loaded.push({ channel: channel.name, fetchUrl: channel.fetchUrl, subdir, index: decodeShardIndex(read.bytes), bytes: read.bytes.length, fetchedAt: read.fetchedAt });
        } catch (error) {
          problems.push(`${channel.name}/${subdir}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }),
    ),
  );
  if (sourceKey !== key) return; // A newer load started meanwhile.
  if (loaded.length === 0) {
    if (background) return; // Offline now: the stale names stay in use.
    indexes = [];
    search = null;
    status({ state: 'error', key, message: problems.join('; ') || 'the design has no channel to search' });
    return;
  }
  indexes = loaded;
  search = createNameSearch(loaded.flatMap((item) => item.index.names), { aliases: renamedOnCondaForge() });
  status({
    state: 'ready',
    key,
    names: new Set(loaded.flatMap((item) => item.index.names)).size,
    bytes: loaded.reduce((sum, item) => sum + item.bytes, 0),
    fetchedAt: Math.min(...loaded.map((item) => item.fetchedAt)),
    problems: problems.sort(),
    refreshing: anyStale,
  });
  if (anyStale) void load(next, true, true).catch(() => undefined);
}

/** The versions of a package in every subdir of the first channel that has it. */
async function versionsOf(name: string) {
  const owner = indexes.find((item) => item.index.shardHash(name) !== undefined);
  if (!owner) return null;
  const fromChannel = indexes.filter((item) => item.channel === owner.channel);
  const known = Object.fromEntries(fromChannel.map((item) => [item.subdir, item.index]));
  return fetchPackageVersions(owner.fetchUrl, fromChannel.map((item) => item.subdir), known, name, workerFetch);
}

scope.addEventListener('message', (event) => {
  const request = event.data;
  if (request.type === 'load') {
    if (!request.refresh && keyOf(request.source) === sourceKey && search) return;
    loading = load(request.source, request.refresh).catch((error: unknown) => status({ state: 'error', key: keyOf(request.source), message: error instanceof Error ? error.message : String(error) }));
  } else if (request.type === 'search') {
    const started = performance.now();
    const matches = search?.search(request.query, request.limit) ?? [];
    post({ type: 'matches', id: request.id, query: request.query, matches, ms: performance.now() - started });
  } else if (request.type === 'versions') {
    versionsOf(request.name).then(
      (versions) => post({ type: 'versions', id: request.id, versions }),
      (error: unknown) => post({ type: 'versions', id: request.id, versions: null, error: error instanceof Error ? error.message : String(error) }),
    );
  } else {
    const project = pipProjectOf(request.line);
    if (!project) {
      post({ type: 'pypi', id: request.id });
      return;
    }
    const asked = lookupPypiProject(project, workerFetch, request.indexUrl ?? pypiUrl);
    void Promise.all([asked, loading]).then(([lookup]) => {
      // "Not on PyPI": a close conda-forge name helps, from the mapping or the nearest name in the channels.
      const condaName = lookup.kind === 'missing' ? (preferredCondaName(project) ?? search?.search(project, 1)[0]?.name) : undefined;
      post({ type: 'pypi', id: request.id, project, lookup, ...(condaName ? { condaName } : {}) });
    });
  }
});
