// Where suggestions come from: a conda channel's sharded repodata (the name index of a subdir, then one package's
// shards per subdir for its versions) and a PyPI JSON API (`/pypi/NAME/json`, as lib/solve/pypi-check reads it).
// Pure apart from the injected fetch; every failure names the URL it came from.
import { trimSlash } from '@/lib/solve/channels';
import { fetchPypiProject, PipIndexError, PYPI_URL, pypiJsonBase, pypiProjectUrl } from '@/lib/solve/pypi-check';
import { compareCondaVersions } from './conda-version';
import { ShardFormatError, decodePackageShard, decodeShardIndex, versionsOf, type ShardIndex } from './shard-index';

/** A source that could not be read: network, HTTP status or format; the message names the URL. */
export class SuggestSourceError extends Error {
  override name = 'SuggestSourceError';
  constructor(
    readonly url: string,
    reason: string,
  ) {
    super(`cannot read ${url}: ${reason}`);
  }
}

/** The name index of one subdir, with its compressed size in bytes. */
export interface NameIndexResult {
  index: ShardIndex;
  bytes: number;
}

/** A package's versions per subdir (newest first; empty where the subdir lacks it) and the newest overall. */
export interface PackageVersions {
  name: string;
  subdirs: Record<string, string[]>;
  latest?: string;
}

/** What a PyPI JSON API says about a project. */
export type PypiLookup = { kind: 'found'; name: string; latest: string; summary: string } | { kind: 'missing' } | { kind: 'error'; message: string };

export { PYPI_URL };
const SHARD_INDEX_FILE = 'repodata_shards.msgpack.zst';

async function fetchBytes(url: string, fetchFn: typeof fetch): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetchFn(url);
  } catch (error) {
    throw new SuggestSourceError(url, error instanceof Error ? error.message : String(error));
  }
  if (response.status === 404) throw new SuggestSourceError(url, 'HTTP 404 (the channel has no sharded repodata there, or no such subdir)');
  if (!response.ok) throw new SuggestSourceError(url, `HTTP ${response.status}`);
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw new SuggestSourceError(url, `the download broke off: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function decodeAt<T>(url: string, decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof ShardFormatError) throw new SuggestSourceError(url, error.message);
    throw error;
  }
}

/**
 * Fetches and decodes `<channel>/<subdir>/repodata_shards.msgpack.zst`; throws SuggestSourceError naming the URL.
 * @example (await fetchNameIndex('https://prefix.dev/conda-forge', 'noarch', fetch)).index.names.length // ~30,000
 */
export async function fetchNameIndex(channelFetchUrl: string, subdir: string, fetchFn: typeof fetch): Promise<NameIndexResult> {
  const url = `${trimSlash(channelFetchUrl)}/${subdir}/${SHARD_INDEX_FILE}`;
  const bytes = await fetchBytes(url, fetchFn);
  return { index: decodeAt(url, () => decodeShardIndex(bytes)), bytes: bytes.length };
}

/** The URL of a package's shard, resolved like rattler: shards_base_url relative to `<channel>/<subdir>/`. */
function shardUrl(channelFetchUrl: string, subdir: string, index: ShardIndex, hash: string): string {
  const base = new URL(index.shardsBaseUrl, `${trimSlash(channelFetchUrl)}/${subdir}/`).href;
  return `${base.endsWith('/') ? base : `${base}/`}${hash}.msgpack.zst`;
}

/**
 * A package's versions in each subdir, newest first by conda's order; indexes not given are fetched.
 * @example await fetchPackageVersions(url, ['linux-64', 'noarch'], {}, 'numpy', fetch) // { name: 'numpy', subdirs: { 'linux-64': ['2.1.3', '1.26.4'], noarch: [] }, latest: '2.1.3' }
 */
export async function fetchPackageVersions(
  channelFetchUrl: string,
  subdirs: readonly string[],
  indexes: Readonly<Partial<Record<string, ShardIndex>>>,
  name: string,
  fetchFn: typeof fetch,
): Promise<PackageVersions> {
  const perSubdir = await Promise.all(
    subdirs.map(async (subdir): Promise<[string, string[]]> => {
      const index = indexes[subdir] ?? (await fetchNameIndex(channelFetchUrl, subdir, fetchFn)).index;
      const hash = index.shardHash(name);
      if (hash === undefined) return [subdir, []];
      const url = shardUrl(channelFetchUrl, subdir, index, hash);
      const bytes = await fetchBytes(url, fetchFn);
      return [subdir, versionsOf(decodeAt(url, () => decodePackageShard(bytes)))];
    }),
  );
  const all = perSubdir.flatMap(([, versions]) => versions).sort((a, b) => compareCondaVersions(b, a));
  return { name, subdirs: Object.fromEntries(perSubdir), ...(all.length > 0 ? { latest: all[0] } : {}) };
}

/**
 * Looks a project up on a PyPI JSON API (`indexUrl` like https://pypi.org; a trailing /simple is dropped).
 * @example await lookupPypiProject('Requests', fetch) // { kind: 'found', name: 'requests', latest: '2.32.3', summary: 'Python HTTP for Humans.' }
 */
export async function lookupPypiProject(name: string, fetchFn: typeof fetch, indexUrl: string = PYPI_URL): Promise<PypiLookup> {
  const base = pypiJsonBase(indexUrl);
  const url = pypiProjectUrl(base, name.trim());
  let body: unknown;
  try {
    body = await fetchPypiProject(fetchFn, base, name.trim());
  } catch (error) {
    if (error instanceof PipIndexError) return { kind: 'error', message: error.message };
    throw error;
  }
  if (body === undefined) return { kind: 'missing' };
  const info = (body as { info?: { name?: unknown; version?: unknown; summary?: unknown } } | null)?.info;
  if (typeof info?.name !== 'string' || typeof info.version !== 'string')
    return { kind: 'error', message: `cannot read ${url}: no info.name and info.version (is it a PyPI JSON API?)` };
  return { kind: 'found', name: info.name, latest: info.version, summary: typeof info.summary === 'string' ? info.summary : '' };
}
