import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPreset } from '@/lib/design/presets';
import { designSchema, type DesignInput } from '@/lib/design/schema';
import { startFixtureServer, unreachableOrigin, type FixtureServer } from '@/lib/testing/fixture-server';
import { loadNodeRattler } from './rattler-node';
import { condaSpecsOf, solveDesign, type PlatformSolve } from './solve';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

const solve = (input: DesignInput) => solveDesign(designSchema.parse(input), { loadRattler: loadNodeRattler, channelUrls: server.channelUrls, fetch });
const failed = (result: PlatformSolve | undefined) => (result && !result.ok ? result : expect.fail(`expected a failed solve, got ${JSON.stringify(result)}`));
const solved = (result: PlatformSolve | undefined) => (result?.ok ? result : expect.fail(`expected a solve, got ${JSON.stringify(result)}`));

describe('condaSpecsOf', () => {
  it('links each spec to its form field and environment.yml line', () => {
    const design = designSchema.parse({ conda: { packages: ['numpy', 'pandas'] }, pip: { packages: ['rich'] } });
    expect(condaSpecsOf(design)).toEqual([
      { name: 'python', spec: 'python=3.12', field: 'conda.pythonVersion', line: 7 },
      { name: 'numpy', spec: 'numpy', field: 'conda.packages.0', line: 8 },
      { name: 'pandas', spec: 'pandas', field: 'conda.packages.1', line: 9 },
      { name: 'pip', spec: 'pip', line: 10 },
    ]);
  });
});

describe('solveDesign against the fixture channel', () => {
  it('solves the data-science preset on both platforms with canonical URLs and no virtual packages', async () => {
    const { platforms, channels } = await solveDesign(findPreset('data-science')!.design, { loadRattler: loadNodeRattler, channelUrls: server.channelUrls });
    expect(channels).toEqual([{ name: 'conda-forge', canonicalUrl: 'https://conda.anaconda.org/conda-forge', fetchUrl: server.channelUrls['conda-forge'] }]);
    expect(Object.keys(platforms)).toEqual(['linux-64', 'linux-aarch64']);
    for (const subdir of ['linux-64', 'linux-aarch64'] as const) {
      const result = solved(platforms[subdir]);
      const names = result.packages.map((pkg) => pkg.name);
      // Install order: each package after what it depends on.
      for (const [before, after] of [['python', 'numpy'], ['libgcc', 'python'], ['numpy', 'pandas'], ['python', 'pip']])
        expect(names.indexOf(before), `${before} before ${after}`).toBeLessThan(names.indexOf(after));
      expect(names).toEqual(expect.arrayContaining(['python', 'numpy', 'pandas', 'jupyterlab', 'scikit-learn', 'matplotlib', 'ipykernel']));
      expect(names.filter((name) => name.startsWith('__'))).toEqual([]);
      const python = result.packages.find((pkg) => pkg.name === 'python')!;
      expect(python).toMatchObject({ version: '3.12.7', build: 'h9a8786e_0_cpython', channel: 'https://conda.anaconda.org/conda-forge', subdir });
      expect(python.url).toBe(`https://conda.anaconda.org/conda-forge/${subdir}/python-3.12.7-h9a8786e_0_cpython.conda`);
      for (const pkg of result.packages) {
        expect(pkg.md5).toMatch(/^[0-9a-f]{32}$/);
        expect(pkg.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(typeof pkg.size).toBe('number');
        expect([subdir, 'noarch']).toContain(pkg.subdir);
      }
      expect(result.downloadBytes).toBe(result.packages.reduce((sum, pkg) => sum + pkg.size, 0));
      expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    }
  });

  it('explains a conflict and links the spec to blame to its field and line', async () => {
    const { platforms } = await solve({ base: { platforms: ['linux/amd64'] }, conda: { packages: ['numpy>=2', 'legacy-stats'] } });
    const result = failed(platforms['linux-64']);
    expect(result).toMatchObject({ kind: 'unsolvable', spec: 'legacy-stats', field: 'conda.packages.1', line: 9 });
    expect(result.error).toMatch(/^Cannot solve the request because of: legacy-stats \* cannot be installed/);
    expect(result.error).toContain('numpy >=1.21,<2');
  });

  it('says "no candidates" for a package missing on aarch64 only', async () => {
    const { platforms } = await solve({ conda: { packages: ['mkl'] } });
    expect(solved(platforms['linux-64']).packages.map((pkg) => pkg.name)).toContain('mkl');
    const arm = failed(platforms['linux-aarch64']);
    expect(arm).toMatchObject({ kind: 'no-candidates', field: 'conda.packages.0', spec: 'mkl' });
    expect(arm.error).toBe('Cannot solve the request because of: No candidates were found for mkl *. No channel has it for linux-aarch64.');
  });

  it('fails a package that needs a newer glibc than the image has, and solves it on a newer image', async () => {
    const old = await solve({ base: { image: 'ubuntu:24.04', platforms: ['linux/amd64'] }, conda: { packages: ['newlibc-app'] } });
    const result = failed(old.platforms['linux-64']);
    expect(result.error).toContain('__glibc >=2.40,<3.0.a0, for which no candidates were found');
    expect(result.field).toBe('conda.packages.0');
    expect(result.virtualPackages).toContainEqual({ name: '__glibc', version: '2.39', build: '0' });
    const fresh = await solve({ base: { image: 'ubuntu:26.04', platforms: ['linux/amd64'] }, conda: { packages: ['newlibc-app'] } });
    expect(solved(fresh.platforms['linux-64']).packages.map((pkg) => pkg.name)).toContain('newlibc-app');
  });

  it('solves CUDA builds only with GPU on (__cuda)', async () => {
    const gpu = findPreset('pytorch-gpu')!.design;
    const { platforms } = await solveDesign(gpu, { loadRattler: loadNodeRattler, channelUrls: server.channelUrls });
    const pytorch = solved(platforms['linux-64']).packages.find((pkg) => pkg.name === 'pytorch');
    expect(pytorch?.build).toMatch(/^cuda126_generic_py312_/);
    const cpuOnly = await solve({ base: { platforms: ['linux/amd64'] }, conda: { packages: ['numpy', 'pytorch=*=cuda*'] } });
    const result = failed(cpuOnly.platforms['linux-64']);
    expect(result.error).toContain('__cuda *, for which no candidates were found');
    expect(result.field).toBe('conda.packages.1');
  });

  it('says that flexible channel priority is solved strictly', async () => {
    const { platforms } = await solve({ base: { platforms: ['linux/amd64'] }, conda: { channelPriority: 'flexible', packages: ['numpy'] } });
    expect(solved(platforms['linux-64']).notes).toEqual(['channel priority "flexible": solved with strict priority (the only one rattler 0.3.5 offers)']);
  });

  it('follows channel order with strict priority and keeps each channel canonical', async () => {
    const { platforms } = await solve({ base: { platforms: ['linux/amd64'] }, conda: { channels: ['extra-channel', 'conda-forge'], packages: ['numpy'] } });
    const numpy = solved(platforms['linux-64']).packages.find((pkg) => pkg.name === 'numpy');
    expect(numpy).toMatchObject({ version: '9.9.9', channel: 'https://conda.anaconda.org/extra-channel' });
  });

  it('checks a channel prefix after the solve (rattler 0.3.5 cannot read it)', async () => {
    const pinned = { base: { platforms: ['linux/amd64' as const] }, conda: { packages: ['extra-channel::numpy'] } };
    const wrong = failed((await solve({ ...pinned, conda: { ...pinned.conda, channels: ['conda-forge', 'extra-channel'] } })).platforms['linux-64']);
    expect(wrong.error).toBe(
      'numpy comes from https://conda.anaconda.org/conda-forge, but "extra-channel::numpy" asks for https://conda.anaconda.org/extra-channel; list that channel first or drop the prefix.',
    );
    const right = solved((await solve({ ...pinned, conda: { ...pinned.conda, channels: ['extra-channel', 'conda-forge'] } })).platforms['linux-64']);
    expect(right.notes).toEqual(['extra-channel::numpy: the channel "extra-channel" is checked after the solve']);
  });

  it('names the channel URL it cannot reach', async () => {
    const origin = await unreachableOrigin();
    const result = failed(
      (
        await solveDesign(designSchema.parse({ base: { platforms: ['linux/amd64'] } }), {
          loadRattler: loadNodeRattler,
          channelUrls: { 'conda-forge': `${origin}/conda-forge` },
          fetch,
        })
      ).platforms['linux-64'],
    );
    expect(result.kind).toBe('network');
    expect(result.error).toBe(`cannot reach ${origin}/conda-forge/linux-64/repodata.json: fetch failed: ECONNREFUSED (the solver said: error sending request)`);
  });
});
