// The server-wide mirrors, read from the environment: where the server's /api/check fetches repodata and PyPI
// metadata, and (through GET /api/mirrors) where the page's own check in the browser fetches them too, so both
// ask the same hosts. Unset: the public defaults (prefix.dev for conda-forge, conda.anaconda.org, pypi.org).
import { parseChannelUrlOverrides } from '@/lib/solve/channels';

/** The mirrors as GET /api/mirrors answers them. */
export interface ServerMirrors {
  /** Channel name → base URL serving its repodata; empty: the public defaults. */
  channelUrls: Record<string, string>;
  /** Base URL of a PyPI JSON API (URL/pypi/NAME/json); null: the design's index URL, else pypi.org. */
  pypiUrl: string | null;
}

/** The environment read here (process.env): CONDOCKER_CHANNEL_URLS and CONDOCKER_PYPI_URL. */
export type MirrorEnv = Readonly<Record<string, string | undefined>>;

/**
 * The mirrors an environment names, or what is wrong with a variable (a server misconfiguration, named).
 * @example readServerMirrors({ CONDOCKER_PYPI_URL: 'http://127.0.0.1:3199' }) // { ok: true, mirrors: { channelUrls: {}, pypiUrl: 'http://127.0.0.1:3199' } }
 */
export function readServerMirrors(env: MirrorEnv): { ok: true; mirrors: ServerMirrors } | { ok: false; error: string } {
  const channels = parseChannelUrlOverrides(env.CONDOCKER_CHANNEL_URLS ?? '');
  if (!channels.ok) return { ok: false, error: `CONDOCKER_CHANNEL_URLS: ${channels.error}` };
  const pypi = (env.CONDOCKER_PYPI_URL ?? '').trim();
  if (pypi !== '' && !/^https?:\/\/[^\s,]+$/.test(pypi))
    return { ok: false, error: `CONDOCKER_PYPI_URL: "${pypi}" is not an http(s) URL; write it like "https://pypi.example.org".` };
  return { ok: true, mirrors: { channelUrls: channels.overrides, pypiUrl: pypi === '' ? null : pypi.replace(/\/+$/, '') } };
}
