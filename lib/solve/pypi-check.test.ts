import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { designSchema, type DesignInput } from '@/lib/design/schema';
import { startFixtureServer, type FixtureServer } from '@/lib/testing/fixture-server';
import { PipIndexError, checkPipLines, designPython, pypiBaseUrl, pypiJsonBase, type PipLineCheck } from './pypi-check';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

async function check(lines: string[], input: DesignInput = {}): Promise<PipLineCheck[]> {
  const design = designSchema.parse({ ...input, pip: { packages: lines } });
  return checkPipLines(design, { fetch, pypiUrl: server.pypiUrl });
}
const one = async (line: string, input?: DesignInput) => (await check([line], input))[0];

describe('checkPipLines against the fixture index', () => {
  it('finds the newest matching version that is not yanked, with the wheel per platform', async () => {
    const result = await one('requests>=2.31');
    expect(result).toMatchObject({ line: 'requests>=2.31', field: 'pip.packages.0', status: 'ok', ok: true, version: '2.32.3', versions: ['2.32.3', '2.31.0'], problems: [] });
    expect(result.installs).toEqual([
      { subdir: 'linux-64', version: '2.32.3', wheel: 'requests-2.32.3-py3-none-any.whl' },
      { subdir: 'linux-aarch64', version: '2.32.3', wheel: 'requests-2.32.3-py3-none-any.whl' },
    ]);
  });

  it('reports a yanked release that is pinned exactly', async () => {
    const result = await one('requests==2.32.0');
    expect(result).toMatchObject({ ok: false, version: '2.32.0' });
    expect(result.problems).toEqual(['requests 2.32.0 was yanked: Yanked due to conflicts with CVE-2024-35195 mitigation; pip installs it only because it is pinned']);
  });

  it('reports a project that does not exist and a version that does not exist', async () => {
    expect((await one('reqeusts')).problems).toEqual([`no project "reqeusts" on ${server.pypiUrl}; check the spelling`]);
    expect((await one('rich>=99')).problems).toEqual(['no version of rich matches ">=99" (newest: 13.9.4)']);
  });

  it('picks per-platform wheels: cpXY manylinux, abi3', async () => {
    const [pydantic, crypto] = await check(['pydantic-core', 'cryptography']);
    expect(pydantic.installs.map((i) => i.wheel)).toEqual([
      'pydantic_core-2.27.1-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
      'pydantic_core-2.27.1-cp312-cp312-manylinux_2_17_aarch64.manylinux2014_aarch64.whl',
    ]);
    expect(crypto.installs.map((i) => i.wheel)).toEqual(['cryptography-44.0.0-cp39-abi3-manylinux_2_28_x86_64.whl', 'cryptography-44.0.0-cp39-abi3-manylinux_2_28_aarch64.whl']);
  });

  it('says when pip builds from the sdist on one platform, and whether the design installs a compiler', async () => {
    const bare = await one('orjson');
    expect(bare.ok).toBe(true);
    expect(bare.installs).toEqual([
      { subdir: 'linux-64', version: '3.10.12', wheel: 'orjson-3.10.12-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl' },
      { subdir: 'linux-aarch64', version: '3.10.12', sdist: 'orjson-3.10.12.tar.gz' },
    ]);
    expect(bare.warnings).toEqual([
      'no wheel of orjson 3.10.12 for CPython 3.12 on linux-aarch64 (glibc 2.39): pip builds orjson-3.10.12.tar.gz, which needs a compiler if it has C extensions, and the design installs none (add build-essential to the system packages)',
    ]);
    const withCompiler = await one('orjson', { apt: { packages: ['build-essential'] } });
    expect(withCompiler.warnings[0]).toMatch(/pip builds orjson-3\.10\.12\.tar\.gz, with the build-essential the design installs$/);
    expect((await one('docopt')).installs.map((i) => i.sdist)).toEqual(['docopt-0.6.2.tar.gz', 'docopt-0.6.2.tar.gz']);
  });

  it('compares manylinux_2_Y with the image glibc', async () => {
    const noble = await one('newglibc-wheel', { base: { image: 'ubuntu:24.04', platforms: ['linux/amd64'] } });
    expect(noble.installs).toEqual([{ subdir: 'linux-64', version: '1.0.0', sdist: 'newglibc_wheel-1.0.0.tar.gz' }]);
    const resolute = await one('newglibc-wheel', { base: { image: 'ubuntu:26.04', platforms: ['linux/amd64'] } });
    expect(resolute.installs).toEqual([{ subdir: 'linux-64', version: '1.0.0', wheel: 'newglibc_wheel-1.0.0-cp312-cp312-manylinux_2_40_x86_64.whl' }]);
  });

  it('checks requires_python against the design Python', async () => {
    const older = await one('future-lib');
    expect(older).toMatchObject({ ok: true, version: '0.1.0', versions: ['1.0.0', '0.1.0'] });
    expect(older.notes).toContain('future-lib 1.0.0 does not fit CPython 3.12; pip picks 0.1.0');
    const newest = await one('future-lib>=1');
    expect(newest.problems).toEqual(['future-lib 1.0.0 needs Python >=3.14; the design has 3.12, and no older matching version fits']);
  });

  it('evaluates markers per platform', async () => {
    const skipped = await one('tomli; python_version < "3.11"');
    expect(skipped).toMatchObject({ status: 'skipped', ok: true });
    expect(skipped.notes).toEqual(['the marker "python_version < "3.11"" is false for CPython 3.12 on linux-64 and linux-aarch64: pip skips this line']);
    const armOnly = await one('tomli; platform_machine == "aarch64"');
    expect(armOnly.installs).toEqual([
      { subdir: 'linux-64', skipped: true },
      { subdir: 'linux-aarch64', version: '2.2.1', wheel: 'tomli-2.2.1-py3-none-any.whl' },
    ]);
    const old = await one('tomli; python_version < "3.11"', { conda: { pythonVersion: '3.10' } });
    expect(old.status).toBe('ok');
  });

  it('takes a pre-release when nothing else matches', async () => {
    expect(await one('prerelease-only')).toMatchObject({ ok: true, version: '1.0.0b1' });
  });

  it('does not check URLs, VCS checkouts, paths and options, and says why', async () => {
    const results = await check(['git+https://github.com/org/repo.git@v1#egg=repo', 'pkg @ https://example.org/pkg-1.0.tar.gz', '--pre']);
    expect(results.map((r) => [r.status, r.ok, r.notes[0]])).toEqual([
      ['not-checked', true, 'a direct URL or VCS checkout: pip fetches it at build time and the index is not asked'],
      ['not-checked', true, 'a direct URL or VCS checkout: pip fetches it at build time and the index is not asked'],
      ['not-checked', true, 'a pip option, not a package'],
    ]);
    expect(server.requests.filter((path) => path.includes('repo') || path.includes('/pkg/'))).toEqual([]);
  });

  it('throws a PipIndexError naming the URL when the index cannot be reached', async () => {
    const design = designSchema.parse({ pip: { packages: ['rich'] } });
    const error = await checkPipLines(design, { fetch, pypiUrl: 'http://127.0.0.1:9' }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(PipIndexError);
    expect((error as PipIndexError).message).toMatch(/^cannot fetch http:\/\/127\.0\.0\.1:9\/pypi\/rich\/json: /);
  });
});

describe('designPython and pypiBaseUrl', () => {
  it.each([
    [{ conda: { pythonVersion: '3.13' } }, '3.13'],
    [{ conda: { pythonVersion: '', packages: ['python=3.8', 'numpy'] } }, '3.8'],
    [{ conda: { pythonVersion: '', packages: ['python>=3.10'] } }, undefined],
    [{ conda: { pythonVersion: '', packages: ['numpy'] } }, undefined],
  ] as const)('%j → %s', (input, python) => expect(designPython(designSchema.parse(input))).toBe(python));

  it('uses the design index without /simple unless overridden', () => {
    expect(pypiBaseUrl(designSchema.parse({}))).toBe('https://pypi.org');
    expect(pypiBaseUrl(designSchema.parse({ pip: { indexUrl: 'https://pypi.example.org/simple/' } }))).toBe('https://pypi.example.org');
    expect(pypiBaseUrl(designSchema.parse({}), 'http://127.0.0.1:1/')).toBe('http://127.0.0.1:1');
  });

  it.each([
    ['', 'https://pypi.org'],
    ['https://pypi.example.org/simple', 'https://pypi.example.org'],
    ['https://pypi.example.org/simple/', 'https://pypi.example.org'],
    ['https://mirror.example/pypi/', 'https://mirror.example/pypi'],
  ])('the JSON API base of index %j is %s', (indexUrl, base) => expect(pypiJsonBase(indexUrl)).toBe(base));
});
