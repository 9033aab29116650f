import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureMirrorEnv, startFixtureServer, unreachableOrigin, type FixtureServer } from './fixture-server';
import { parseChannelUrlOverrides } from '@/lib/solve/channels';
import { designSchema } from '@/lib/design/schema';
import { loadNodeRattler } from '@/lib/solve/rattler-node';
import { solveDesign } from '@/lib/solve/solve';
import { decodePackageShard, decodeShardIndex } from '@/lib/suggest/shard-index';
import { FIXTURE_SUBDIRS, buildFixtureChannel } from './fixture-channel';

const bytesOf = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer());

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

  it.each(FIXTURE_SUBDIRS)('serves %s as sharded repodata with the same records as repodata.json', async (subdir) => {
    const base = `${server.channelUrls['conda-forge']}/${subdir}`;
    const response = await fetch(`${base}/repodata_shards.msgpack.zst`);
    expect([response.status, response.headers.get('access-control-allow-origin')]).toEqual([200, '*']);
    const index = decodeShardIndex(new Uint8Array(await response.arrayBuffer()));
    const repodata = buildFixtureChannel()[subdir];
    const records = Object.entries(repodata['packages.conda']);
    expect(index).toMatchObject({ subdir, baseUrl: './', shardsBaseUrl: './shards/' });
    expect(index.names).toEqual([...new Set(records.map(([, record]) => record.name))].sort());
    for (const name of index.names) {
      const bytes = await bytesOf(`${base}/shards/${index.shardHash(name)}.msgpack.zst`);
      // Content-addressed, as rattler and conda expect: the key is the sha256 of the compressed shard.
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(index.shardHash(name));
      const shard = decodePackageShard(bytes);
      const expected = records.filter(([, record]) => record.name === name).map(([file, record]) => ({ ...record, filename: file }));
      expect(shard.records.sort((a, b) => a.filename.localeCompare(b.filename))).toEqual(expected.sort((a, b) => a.filename.localeCompare(b.filename)));
    }
  });

  it("is read by rattler's gateway through the shards: no repodata.json is fetched", async () => {
    const own = await startFixtureServer();
    try {
      const design = designSchema.parse({ conda: { packages: ['pandas'] }, base: { platforms: ['linux/arm64'] } });
      const { platforms } = await solveDesign(design, { loadRattler: loadNodeRattler, channelUrls: own.channelUrls, fetch });
      expect(platforms['linux-aarch64']?.ok).toBe(true);
      expect(own.requests).toContain('/conda-forge/linux-aarch64/repodata_shards.msgpack.zst');
      expect(own.requests.filter((path) => path.includes('/shards/')).length).toBeGreaterThan(5);
      expect(own.requests.filter((path) => path.includes('repodata.json'))).toEqual([]);
    } finally {
      await own.close();
    }
  });

  it('serves no shards when asked not to (rattler then reads repodata.json)', async () => {
    const plain = await startFixtureServer({ shards: false });
    try {
      expect((await fetch(`${plain.channelUrls['conda-forge']}/noarch/repodata_shards.msgpack.zst`)).status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('sends Access-Control-Allow-Origin on 404s and preflights too (rattler probes sharded and compressed repodata first)', async () => {
    for (const path of ['/conda-forge/osx-64/repodata_shards.msgpack.zst', '/conda-forge/noarch/shards/00.msgpack.zst', '/conda-forge/noarch/repodata.json.zst', '/pypi/nope/json']) {
      const response = await fetch(server.origin + path);
      expect([response.status, response.headers.get('access-control-allow-origin')]).toEqual([404, '*']);
    }
    const preflight = await fetch(`${server.origin}/conda-forge/noarch/repodata.json`, { method: 'OPTIONS' });
    expect([preflight.status, preflight.headers.get('access-control-allow-origin')]).toEqual([204, '*']);
    expect(server.requests).toContain('/conda-forge/osx-64/repodata_shards.msgpack.zst');
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
