import { describe, expect, it } from 'vitest';
import { DEFAULT_DESIGN, designSchema, type DesignInput } from './schema';

function issuesOf(input: DesignInput): Array<{ path: string; message: string }> {
  const result = designSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('designSchema', () => {
  it('fills every default from an empty object: the data-science design', () => {
    expect(DEFAULT_DESIGN.user).toEqual({ name: 'al-khawarizmi', uid: 1000, gid: 100 });
    expect(DEFAULT_DESIGN.base.image).toBe('ubuntu:24.04');
    expect(DEFAULT_DESIGN.conda.channels).toEqual(['conda-forge']);
    expect(DEFAULT_DESIGN.schemaVersion).toBe(1);
  });

  it.each<[string, DesignInput, string, RegExp]>([
    ['root as user', { user: { name: 'root' } }, 'user.name', /^User name: .*system user/],
    ['upper-case user', { user: { name: 'Alice' } }, 'user.name', /^User name: start with a lower-case letter.*e\.g\. "al-khawarizmi"/],
    ['uid 0', { user: { uid: 0 } }, 'user.uid', /^User ID: must be 1 or more \(0 is root\)/],
    ['uid nobody', { user: { uid: 65534 } }, 'user.uid', /nobody/],
    ['uid not a number', { user: { uid: 'abc' as unknown as number } }, 'user.uid', /^User ID: must be a whole number/],
    ['port out of range', { runtime: { port: 70000 } }, 'runtime.port', /^Port: must be a whole number from 1 to 65535/],
    ['image with spaces', { base: { image: 'ubuntu 24.04' } }, 'base.image', /^Base image: not a valid image reference/],
    ['image upper case', { base: { image: 'Ubuntu:24.04' } }, 'base.image', /^Base image/],
    ['bad conda spec', { conda: { packages: ['numpy>>1'] } }, 'conda.packages.0', /^Conda package: .*numpy/],
    ['yaml key as conda spec', { conda: { packages: ['pip:'] } }, 'conda.packages.0', /^Conda package/],
    ['bad pip line', { pip: { packages: ['numpy>='] } }, 'pip.packages.0', /^Pip package: .*numpy>=1\.26/],
    ['-r in pip packages', { pip: { packages: ['-r other.txt'] } }, 'pip.packages.0', /no other requirements file/],
    ['index option in pip packages', { pip: { packages: ['--index-url https://x.org/simple'] } }, 'pip.packages.0', /Pip index URL/],
    ['local editable', { pip: { packages: ['-e ./src'] } }, 'pip.packages.0', /local folder/],
    ['apt name', { apt: { packages: ['Git'] } }, 'apt.packages.0', /^System package/],
    ['channel with space', { conda: { channels: ['conda forge'] } }, 'conda.channels.0', /^Channel/],
    ['env name reserved', { runtime: { env: [{ name: 'PATH', value: '/x' }] } }, 'runtime.env.0.name', /sets this variable itself/],
    ['env value newline', { runtime: { env: [{ name: 'A', value: 'x\nRUN id' }] } }, 'runtime.env.0.value', /one line/],
    ['path with ..', { paths: { envPrefix: '/opt/../etc' } }, 'paths.envPrefix', /"\.\."/],
    ['$PWD outside the recipe layout', { paths: { envPrefix: '$PWD/env' } }, 'paths.envPrefix', /only to reproduce the 2020 recipe layout.*\/opt\/conda\/envs\/app/],
    ['$PWD in the conda root', { paths: { condaRoot: '$PWD/conda' } }, 'paths.condaRoot', /^Conda install directory: write an absolute path/],
    ['python version', { conda: { pythonVersion: '3' } }, 'conda.pythonVersion', /major\.minor/],
    ['python twice', { conda: { packages: ['python=3.11'] } }, 'conda.packages.0', /python is also pinned/],
    ['package twice', { conda: { packages: ['numpy', 'numpy>=2'] } }, 'conda.packages.1', /listed twice/],
    ['custom command empty', { runtime: { command: 'custom' } }, 'runtime.customCommand', /give at least the program/],
    ['cuda', { gpu: { cudaVersion: '12' } }, 'gpu.cudaVersion', /major\.minor/],
    ['future schema', { schemaVersion: 2 as 1 }, 'schemaVersion', /must be 1/],
  ])('rejects %s with a message naming the field', (_what, input, path, message) => {
    const issue = issuesOf(input).find((i) => i.path === path);
    expect(issue, JSON.stringify(issuesOf(input))).toBeDefined();
    expect(issue!.message).toMatch(message);
  });

  it.each<[string, DesignInput]>([
    ['a digest-pinned registry image', { base: { image: 'ghcr.io/org/img:1.0@sha256:' + 'a'.repeat(64) } }],
    ['a label channel and a URL channel', { conda: { channels: ['conda-forge/label/dev', 'https://conda.anaconda.org/bioconda'] } }],
    ['pip lines of every kind', { pip: { packages: ['requests[socks]>=2.31; python_version >= "3.9"', '-e git+https://github.com/org/repo.git#egg=repo', '--pre'] } }],
    ["the recipe's ENV_PREFIX $PWD/env in the recipe layout", { paths: { envPrefix: '$PWD/env' }, compat: { recipeLayout: true } }],
    ['uid and gid as strings from a form', { user: { uid: '1001' as unknown as number, gid: '1001' as unknown as number } }],
  ])('accepts %s', (_what, input) => {
    expect(issuesOf(input)).toEqual([]);
  });
});
