import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, unreachableOrigin, type FixtureServer } from '@/lib/testing/fixture-server';
import { SuggestSourceError, fetchNameIndex, fetchPackageVersions, lookupPypiProject } from './sources';

let server: FixtureServer;
let conda: string;
beforeAll(async () => {
  server = await startFixtureServer();
  conda = server.channelUrls['conda-forge'];
});
afterAll(() => server.close());

const answer = (status: number, body: BodyInit) => (async () => new Response(body, { status })) as unknown as typeof fetch;

describe('fetchNameIndex', () => {
  it("reads every name of a subdir from the channel's sharded index", async () => {
    const { index, bytes } = await fetchNameIndex(`${conda}/`, 'noarch', fetch);
    expect(index.subdir).toBe('noarch');
    expect(index.names).toEqual(expect.arrayContaining(['pip', 'sklearn-pandas', 'pytorch-lightning']));
    expect(index.names).not.toContain('numpy');
    expect(bytes).toBeGreaterThan(100);
  });

  it.each([
    ['a missing subdir', async () => `${conda}`, 'osx-64', 'HTTP 404'],
    ['an unreachable host', unreachableOrigin, 'noarch', 'fetch failed'],
  ])('names the URL for %s', async (_label, origin, subdir, reason) => {
    const base = await origin();
    const error = await fetchNameIndex(base, subdir, fetch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SuggestSourceError);
    expect((error as Error).message).toContain(`cannot read ${base}/${subdir}/repodata_shards.msgpack.zst: `);
    expect((error as Error).message).toContain(reason);
  });

  it('names the URL for a server error and for bytes that are not an index', async () => {
    await expect(fetchNameIndex('http://mirror.invalid/cf', 'linux-64', answer(503, 'busy'))).rejects.toThrow('cannot read http://mirror.invalid/cf/linux-64/repodata_shards.msgpack.zst: HTTP 503');
    await expect(fetchNameIndex('http://mirror.invalid/cf', 'linux-64', answer(200, '<html>'))).rejects.toThrow(
      'cannot read http://mirror.invalid/cf/linux-64/repodata_shards.msgpack.zst: the shard index is not zstd data',
    );
  });
});

describe('fetchPackageVersions', () => {
  it('lists versions per subdir newest first, with the newest overall', async () => {
    const noarch = (await fetchNameIndex(conda, 'noarch', fetch)).index;
    const versions = await fetchPackageVersions(conda, ['linux-64', 'linux-aarch64', 'noarch'], { noarch }, 'numpy', fetch);
    expect(versions).toEqual({ name: 'numpy', subdirs: { 'linux-64': ['2.1.3', '1.26.4'], 'linux-aarch64': ['2.1.3', '1.26.4'], noarch: [] }, latest: '2.1.3' });
    expect(await fetchPackageVersions(conda, ['linux-64', 'noarch'], {}, 'pytorch-lightning', fetch)).toEqual({
      name: 'pytorch-lightning',
      subdirs: { 'linux-64': [], noarch: ['2.4.0', '2.3.3'] },
      latest: '2.4.0',
    });
    expect(await fetchPackageVersions(conda, ['linux-aarch64'], {}, 'mkl', fetch)).toEqual({ name: 'mkl', subdirs: { 'linux-aarch64': [] } });
  });

  it('names the shard URL when a shard is broken', async () => {
    const { index } = await fetchNameIndex(conda, 'noarch', fetch);
    const hash = index.shardHash('pip')!;
    const broken = (async (url: string) => (url.endsWith('.msgpack.zst') && url.includes('/shards/') ? new Response(new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 1])) : fetch(url))) as typeof fetch;
    await expect(fetchPackageVersions(conda, ['noarch'], { noarch: index }, 'pip', broken)).rejects.toThrow(`cannot read ${conda}/noarch/shards/${hash}.msgpack.zst: the package shard is truncated or corrupt`);
  });
});

describe('lookupPypiProject', () => {
  it('finds a project by any spelling, with its latest version and summary', async () => {
    expect(await lookupPypiProject('Pydantic_Core', fetch, server.pypiUrl)).toMatchObject({ kind: 'found', name: 'pydantic-core', summary: 'Core functionality for Pydantic' });
    expect(await lookupPypiProject('rich', fetch, `${server.pypiUrl}/simple/`)).toEqual({ kind: 'found', name: 'rich', latest: '13.9.4', summary: 'Render rich text in the terminal' });
  });

  it('says missing for a 404 and names the URL for anything else', async () => {
    expect(await lookupPypiProject('no-such-project', fetch, server.pypiUrl)).toEqual({ kind: 'missing' });
    const down = await unreachableOrigin();
    expect(await lookupPypiProject('rich', fetch, down)).toEqual({ kind: 'error', message: `cannot fetch ${down}/pypi/rich/json: fetch failed` });
    expect(await lookupPypiProject('rich', answer(500, ''), 'https://pypi.example.org')).toEqual({ kind: 'error', message: 'cannot fetch https://pypi.example.org/pypi/rich/json: HTTP 500' });
    expect(await lookupPypiProject('rich', answer(200, '{"x":1}'), 'https://pypi.example.org')).toMatchObject({ kind: 'error', message: expect.stringContaining('no info.name and info.version') });
  });
});
