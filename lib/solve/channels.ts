// Where repodata comes from and which URL the lock keeps. conda-forge is read from prefix.dev (sharded repodata,
// CORS headers; mambajs and Miniforge use it), other names from conda.anaconda.org, `defaults` from Anaconda's
// repository. A mirror (server-wide override, CLI flag, tests) changes only where metadata is fetched: the lock
// keeps the canonical conda.anaconda.org/… URLs, so it means the same packages wherever it was solved.

/** Channel name (as in the design) → base URL that serves its repodata instead. */
export type ChannelUrlOverrides = Readonly<Record<string, string>>;

/** One channel to query: where its metadata is fetched and what the lock calls it. */
export interface ResolvedChannel {
  /** The channel as the design writes it ('conda-forge', 'pkgs/main' for defaults, or a URL). */
  name: string;
  /** Base URL used in the lock (no trailing slash). */
  canonicalUrl: string;
  /** Base URL the solver fetches repodata from (no trailing slash). */
  fetchUrl: string;
}

const ANACONDA_ORG = 'https://conda.anaconda.org';
/** conda-forge's repodata mirror with sharded repodata and CORS headers. */
export const CONDA_FORGE_FETCH_URL = 'https://prefix.dev/conda-forge';
/** What `defaults` means on Linux since conda 4.x (conda/base/constants.py DEFAULT_CHANNELS_UNIX). */
export const DEFAULTS_CHANNELS = ['pkgs/main', 'pkgs/r'] as const;
const ANACONDA_REPO = 'https://repo.anaconda.com';

/** The URL without trailing slashes. */
export const trimSlash = (url: string) => url.replace(/\/+$/, '');
const isUrl = (text: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(text);

function canonicalUrlOf(name: string): string {
  if (isUrl(name)) return trimSlash(name);
  if ((DEFAULTS_CHANNELS as readonly string[]).includes(name)) return `${ANACONDA_REPO}/${name}`;
  return `${ANACONDA_ORG}/${name}`;
}

/**
 * The channels to query, in the design's order: `nodefaults` dropped, `defaults` expanded to pkgs/main and pkgs/r,
 * overrides applied by name.
 * @example resolveChannels(['conda-forge'], {}) // [{ name: 'conda-forge', canonicalUrl: 'https://conda.anaconda.org/conda-forge', fetchUrl: 'https://prefix.dev/conda-forge' }]
 */
export function resolveChannels(channels: readonly string[], overrides: ChannelUrlOverrides = {}): ResolvedChannel[] {
  const names = channels.flatMap((channel) => (channel === 'nodefaults' ? [] : channel === 'defaults' ? [...DEFAULTS_CHANNELS] : [channel]));
  return [...new Set(names)].map((name) => {
    const canonicalUrl = canonicalUrlOf(name);
    const override = Object.hasOwn(overrides, name) ? overrides[name] : undefined;
    const fetchUrl = override ? trimSlash(override) : name === 'conda-forge' ? CONDA_FORGE_FETCH_URL : canonicalUrl;
    return { name, canonicalUrl, fetchUrl };
  });
}

/** Result of parseChannelUrlOverrides. */
export type ChannelOverridesResult = { ok: true; overrides: Record<string, string> } | { ok: false; error: string };

/**
 * Parses `NAME=URL` pairs (comma-separated, as in CONDOCKER_CHANNEL_URLS, or one per --channel-url flag).
 * @example parseChannelUrlOverrides('conda-forge=http://127.0.0.1:8080/conda-forge') // { ok: true, overrides: { 'conda-forge': 'http://127.0.0.1:8080/conda-forge' } }
 */
export function parseChannelUrlOverrides(text: string | readonly string[]): ChannelOverridesResult {
  const pairs = (typeof text === 'string' ? text.split(',') : text.flatMap((item) => item.split(','))).map((pair) => pair.trim()).filter(Boolean);
  const overrides: Record<string, string> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    const name = equals > 0 ? pair.slice(0, equals).trim() : '';
    const url = equals > 0 ? pair.slice(equals + 1).trim() : '';
    if (!name || !/^https?:\/\/[^\s,]+$/.test(url))
      return { ok: false, error: `"${pair}" is not NAME=URL; write it like "conda-forge=https://mirror.example.org/conda-forge".` };
    overrides[name] = trimSlash(url);
  }
  return { ok: true, overrides };
}

/**
 * The canonical channel and package URL of a URL the solver reported, by the channel whose fetch URL it starts with.
 * @example canonicalizePackageUrl('https://prefix.dev/conda-forge/noarch/pip-24.3.1-pyh8b19718_0.conda', resolveChannels(['conda-forge']))
 * // { channel: 'https://conda.anaconda.org/conda-forge', url: 'https://conda.anaconda.org/conda-forge/noarch/pip-24.3.1-pyh8b19718_0.conda' }
 */
export function canonicalizePackageUrl(url: string, channels: readonly ResolvedChannel[]): { channel: string; url: string } | undefined {
  const match = channels
    .filter((channel) => url.startsWith(`${channel.fetchUrl}/`))
    .sort((a, b) => b.fetchUrl.length - a.fetchUrl.length)[0];
  if (!match) return undefined;
  return { channel: match.canonicalUrl, url: match.canonicalUrl + url.slice(match.fetchUrl.length) };
}
