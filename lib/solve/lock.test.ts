import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockedPackageUrl } from '@/lib/design/lock';
import { designSchema, type Design, type DesignInput } from '@/lib/design/schema';
import { startFixtureServer, type FixtureServer } from '@/lib/testing/fixture-server';
import { checkDesign } from './check';
import { lockFromCheck, lockInputs, lockState } from './lock';
import { loadNodeRattler } from './rattler-node';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

async function lock(input: DesignInput): Promise<{ design: Design; result: ReturnType<typeof lockFromCheck> }> {
  const design = designSchema.parse(input);
  const check = await checkDesign(design, { loadRattler: loadNodeRattler, channelUrls: server.channelUrls, fetch, pypiUrl: server.pypiUrl });
  return { design, result: lockFromCheck(design, check) };
}

describe('lockFromCheck', () => {
  it('locks every platform with canonical URLs, hashes and sizes, and the checked pip versions', async () => {
    const { design, result } = await lock({ pip: { packages: ['rich>=13'] } });
    if (!result.ok) throw new Error(result.error);
    const { lock: locked } = result;
    expect(locked.channels).toEqual(['https://conda.anaconda.org/conda-forge']);
    expect(Object.keys(locked.platforms)).toEqual(['linux-64', 'linux-aarch64']);
    const numpy = locked.platforms['linux-64']!.find((pkg) => pkg.name === 'numpy')!;
    expect(lockedPackageUrl(locked, numpy)).toMatch(/^https:\/\/conda\.anaconda\.org\/conda-forge\/linux-64\/numpy-[\d.]+-\w+\.conda$/);
    expect(numpy.md5).toMatch(/^[0-9a-f]{32}$/);
    expect(numpy.size).toBeGreaterThan(0);
    expect(locked.pip).toEqual([{ line: 'rich>=13', version: '13.9.4' }]);
    expect(locked.inputs).toEqual(lockInputs(design));
    // The design with its lock: fresh, and the schema round-trips it byte for byte.
    const withLock = designSchema.parse({ ...design, lock: locked });
    expect(lockState(withLock).kind).toBe('fresh');
    expect(designSchema.parse(JSON.parse(JSON.stringify(withLock)))).toEqual(withLock);
    expect(JSON.stringify(designSchema.parse(JSON.parse(JSON.stringify(withLock))))).toBe(JSON.stringify(withLock));
  });

  it('refuses a check that did not solve', async () => {
    const { result } = await lock({ conda: { packages: ['mkl'] } });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^Lock: linux-aarch64 did not solve/) });
  });
});

describe('lockState', () => {
  it.each<[string, DesignInput, RegExp]>([
    ['a new conda package', { conda: { packages: ['numpy', 'pandas'] } }, /^conda packages: "pandas" added$/],
    ['another base image (glibc)', { base: { image: 'ubuntu:22.04' } }, /^base image \/ GPU \(virtual packages\): "__glibc=2.35=0" added, "__glibc=2.39=0" removed$/],
    ['GPU on', { gpu: { enabled: true } }, /__cuda=12.6=0/],
    ['another channel', { conda: { channels: ['conda-forge', 'bioconda'] } }, /^channels: "bioconda" added$/],
    ['a new pip line', { pip: { packages: ['rich'] } }, /^pip packages: "rich" added$/],
    ['one platform more', { base: { platforms: ['linux/amd64', 'linux/arm64'] } }, /^platforms: "linux-aarch64" added$/],
  ])('is stale after %s', (_what, change, difference) => {
    const base = designSchema.parse({ base: { platforms: ['linux/amd64'] }, conda: { packages: ['numpy'] } });
    const lockOf = { inputs: lockInputs(base), channels: ['https://conda.anaconda.org/conda-forge'], platforms: { 'linux-64': [] }, pip: [] };
    expect(lockState(designSchema.parse({ ...base, lock: lockOf })).kind).toBe('fresh');
    const changed = designSchema.parse({ ...base, ...change, base: { ...base.base, ...change.base }, conda: { ...base.conda, ...change.conda }, lock: lockOf });
    const state = lockState(changed);
    expect(state.kind).toBe('stale');
    if (state.kind === 'stale') expect(state.differences.some((text) => difference.test(text)), state.differences.join('\n')).toBe(true);
  });
});
