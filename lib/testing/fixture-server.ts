// One local HTTP server on 127.0.0.1 (random port) for the fixture conda channels and the fixture PyPI JSON API,
// for unit tests, the CLI, benchmarks and browser tests. Each subdir is served as repodata.json and as sharded
// repodata (SUBDIR/repodata_shards.msgpack.zst + SUBDIR/shards/HASH.msgpack.zst); rattler's gateway tries the shards
// first, so solves read them. Every response, 404s included, carries `Access-Control-Allow-Origin: *`: without
// shards rattler probes repodata.json.zst and .bz2 before repodata.json, and a browser reports a 404 without that
// header as an opaque "error sending request".
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildExtraChannel, buildFixtureChannel, shardedSubdir, type FixtureChannel } from './fixture-channel';
import { buildFixturePypi, type PypiProject } from './fixture-pypi';

/** A running fixture server. */
export interface FixtureServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** Channel URL by channel name, e.g. { 'conda-forge': 'http://127.0.0.1:PORT/conda-forge' }. */
  channelUrls: Record<string, string>;
  /** Base URL of the PyPI JSON API (`${pypiUrl}/pypi/NAME/json`). */
  pypiUrl: string;
  /** Every request path served so far, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** What the fixture server serves; defaults: conda-forge (the fixture channel), extra-channel, the fixture PyPI. */
export interface FixtureServerOptions {
  channels?: Record<string, FixtureChannel>;
  pypi?: Record<string, PypiProject>;
  /** Port on 127.0.0.1 (default 0: a free one). A fixed port lets another process (Next under Playwright) find it. */
  port?: number;
  /** Serve sharded repodata next to repodata.json (default true); false makes rattler fall back to repodata.json. */
  shards?: boolean;
}

/** Channel names the default fixture server serves, in the order its channelUrls list them. */
export const FIXTURE_CHANNEL_NAMES = ['conda-forge', 'extra-channel'] as const;

/**
 * The server-wide mirror settings that point Condocker at a fixture server on `origin` (every default channel and
 * the PyPI JSON API): what Playwright starts Next with.
 * @example fixtureMirrorEnv('http://127.0.0.1:3199') // { CONDOCKER_CHANNEL_URLS: 'conda-forge=http://127.0.0.1:3199/conda-forge,…', CONDOCKER_PYPI_URL: 'http://127.0.0.1:3199' }
 */
export function fixtureMirrorEnv(origin: string): { CONDOCKER_CHANNEL_URLS: string; CONDOCKER_PYPI_URL: string } {
  return {
    CONDOCKER_CHANNEL_URLS: FIXTURE_CHANNEL_NAMES.map((name) => `${name}=${origin}/${name}`).join(','),
    CONDOCKER_PYPI_URL: origin,
  };
}

const CORS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*', 'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS' };

/**
 * Starts the fixture server on 127.0.0.1 with a random port.
 * @example const server = await startFixtureServer(); … await server.close();
 */
export async function startFixtureServer(options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const channels = options.channels ?? { 'conda-forge': buildFixtureChannel(), 'extra-channel': buildExtraChannel() };
  const pypi = options.pypi ?? buildFixturePypi();
  // Serialised once: rattler fetches repodata on every solve.
  const bodies = new Map<string, string | Uint8Array>();
  for (const [name, channel] of Object.entries(channels))
    for (const [subdir, repodata] of Object.entries(channel)) {
      bodies.set(`/${name}/${subdir}/repodata.json`, JSON.stringify(repodata));
      if (options.shards === false) continue;
      const sharded = shardedSubdir(repodata);
      bodies.set(`/${name}/${subdir}/repodata_shards.msgpack.zst`, sharded.index);
      for (const [hash, bytes] of sharded.shards) bodies.set(`/${name}/${subdir}/shards/${hash}.msgpack.zst`, bytes);
    }
  for (const [name, project] of Object.entries(pypi)) bodies.set(`/pypi/${name}/json`, JSON.stringify(project));

  const requests: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://fixture').pathname);
    requests.push(path);
    if (request.method === 'OPTIONS') {
      response.writeHead(204, CORS).end();
      return;
    }
    const body = bodies.get(path);
    if (body === undefined) {
      response.writeHead(404, { ...CORS, 'Content-Type': 'text/plain' }).end(`not found: ${path}\n`);
      return;
    }
    const type = typeof body === 'string' ? 'application/json' : 'application/octet-stream';
    response.writeHead(200, { ...CORS, 'Content-Type': type, 'Content-Length': typeof body === 'string' ? Buffer.byteLength(body) : body.length });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    channelUrls: Object.fromEntries(Object.keys(channels).map((name) => [name, `${origin}/${name}`])),
    pypiUrl: origin,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * An http://127.0.0.1:PORT origin where nothing listens (a port just freed), for "cannot reach" tests. Unlike a
 * well-known port such as 9, fetch does not refuse it up front as a "bad port".
 * @example await unreachableOrigin() // 'http://127.0.0.1:40123'
 */
export async function unreachableOrigin(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
