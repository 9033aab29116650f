import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureMirrorEnv, startFixtureServer, unreachableOrigin, type FixtureServer } from './fixture-server';
import { parseChannelUrlOverrides } from '@/lib/solve/channels';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

describe('the fixture server', () => {
  it('serves repodata and the PyPI JSON API on 127.0.0.1 with CORS headers', async () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const repodata = await fetch(`${server.channelUrls['conda-forge']}/linux-aarch64/repodata.json`);
    expect(repodata.headers.get('access-control-allow-origin')).toBe('*');
    const body = await repodata.json();
    expect(body.info).toEqual({ subdir: 'linux-aarch64' });
    expect(Object.keys(body['packages.conda'])).not.toContain('mkl-2024.2.2-ha957f24_16.conda');
    const project = await fetch(`${server.pypiUrl}/pypi/pydantic-core/json`);
    expect((await project.json()).info.name).toBe('pydantic-core');
  });

  it('sends Access-Control-Allow-Origin on 404s and preflights too (rattler probes sharded and compressed repodata first)', async () => {
    for (const path of ['/conda-forge/linux-64/repodata_shards.msgpack.zst', '/conda-forge/noarch/repodata.json.zst', '/pypi/nope/json']) {
      const response = await fetch(server.origin + path);
      expect([response.status, response.headers.get('access-control-allow-origin')]).toEqual([404, '*']);
    }
    const preflight = await fetch(`${server.origin}/conda-forge/noarch/repodata.json`, { method: 'OPTIONS' });
    expect([preflight.status, preflight.headers.get('access-control-allow-origin')]).toEqual([204, '*']);
    expect(server.requests).toContain('/conda-forge/linux-64/repodata_shards.msgpack.zst');
  });

  it('gives an origin where nothing listens', async () => {
    await expect(fetch(await unreachableOrigin())).rejects.toThrow('fetch failed');
  });

  it('names the mirror settings that point at it, channel by channel (what Playwright starts Next with)', () => {
    const env = fixtureMirrorEnv(server.origin);
    expect(parseChannelUrlOverrides(env.CONDOCKER_CHANNEL_URLS)).toEqual({ ok: true, overrides: server.channelUrls });
    expect(env.CONDOCKER_PYPI_URL).toBe(server.pypiUrl);
  });

  it('listens on a given port, and refuses one already taken', async () => {
    const port = Number(new URL(await unreachableOrigin()).port);
    const fixed = await startFixtureServer({ port });
    try {
      expect(fixed.origin).toBe(`http://127.0.0.1:${port}`);
      await expect(startFixtureServer({ port })).rejects.toThrow('EADDRINUSE');
    } finally {
      await fixed.close();
    }
  });
});
