import { describe, expect, it } from 'vitest';
import { designSchema } from './schema';

const MD5 = '0123456789abcdef0123456789abcdef';
const SHA = 'a'.repeat(64);
const pkg = { name: 'numpy', version: '2.1.3', build: 'py312h1_0', channel: 0, subdir: 'linux-64', ext: '.conda', md5: MD5, sha256: SHA, size: 8123456 };
const lock = {
  inputs: { specs: ['python=3.12', 'numpy'], channels: ['conda-forge'], platforms: ['linux-64'], virtualPackages: ['__glibc=2.39=0'], pip: ['rich>=13'] },
  channels: ['https://conda.anaconda.org/conda-forge'],
  platforms: { 'linux-64': [pkg] },
  pip: [{ line: 'rich>=13', version: '13.9.4' }],
};

function issuesOf(value: unknown): Array<{ path: string; message: string }> {
  const result = designSchema.safeParse({ lock: value });
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('the lock in the design schema', () => {
  it('is absent by default and round-trips when present', () => {
    expect('lock' in designSchema.parse({})).toBe(false);
    const design = designSchema.parse({ lock });
    expect(design.lock).toEqual(lock);
    expect(designSchema.parse(JSON.parse(JSON.stringify(design)))).toEqual(design);
  });

  it.each<[string, unknown, string, RegExp]>([
    ['a newline in a name', { ...lock, platforms: { 'linux-64': [{ ...pkg, name: 'numpy\nRUN curl evil' }] } }, 'lock.platforms.linux-64.0.name', /^Lock: package name .*e\.g\. "numpy"/],
    ['a space in a version', { ...lock, platforms: { 'linux-64': [{ ...pkg, version: '2.1 3' }] } }, 'lock.platforms.linux-64.0.version', /^Lock: package version/],
    ['a dash in a build', { ...lock, platforms: { 'linux-64': [{ ...pkg, build: 'py-0' }] } }, 'lock.platforms.linux-64.0.build', /^Lock: build string/],
    ['a "#" in a build', { ...lock, platforms: { 'linux-64': [{ ...pkg, build: 'x#y' }] } }, 'lock.platforms.linux-64.0.build', /^Lock: build string/],
    ['an upper-case md5', { ...lock, platforms: { 'linux-64': [{ ...pkg, md5: MD5.toUpperCase() }] } }, 'lock.platforms.linux-64.0.md5', /^Lock: md5 must be 32 lower-case hex/],
    ['a short sha256', { ...lock, platforms: { 'linux-64': [{ ...pkg, sha256: 'abc' }] } }, 'lock.platforms.linux-64.0.sha256', /^Lock: sha256/],
    ['a channel index out of range', { ...lock, platforms: { 'linux-64': [{ ...pkg, channel: 3 }] } }, 'lock.platforms.linux-64.0.channel', /lists 1/],
    ['an arm64 package under linux-64', { ...lock, platforms: { 'linux-64': [{ ...pkg, subdir: 'linux-aarch64' }] } }, 'lock.platforms.linux-64.0.subdir', /listed under linux-64/],
    ['a zip archive', { ...lock, platforms: { 'linux-64': [{ ...pkg, ext: '.zip' }] } }, 'lock.platforms.linux-64.0.ext', /^Lock: ext/],
    ['a negative size', { ...lock, platforms: { 'linux-64': [{ ...pkg, size: -1 }] } }, 'lock.platforms.linux-64.0.size', /^Lock: size/],
    ['a channel URL with a quote', { ...lock, channels: ['https://x.org/"a'] }, 'lock.channels.0', /^Lock: channel must be an http\(s\) base URL/],
    ['a channel URL with a trailing slash', { ...lock, channels: ['https://x.org/c/'] }, 'lock.channels.0', /trailing slash/],
    ['a channel URL with a fragment', { ...lock, channels: ['https://x.org/c#x'] }, 'lock.channels.0', /^Lock: channel/],
    ['a pip version with a space', { ...lock, pip: [{ line: 'rich>=13', version: '13 ; rm -rf' }] }, 'lock.pip.0.version', /^Lock: pip version must be a PEP 440/],
    ['a pip line with a newline', { ...lock, pip: [{ line: 'rich\nRUN x', version: '13.9.4' }] }, 'lock.pip.0.line', /^Pip package/],
    ['a bad spec in the inputs', { ...lock, inputs: { ...lock.inputs, specs: ['pip:'] } }, 'lock.inputs.specs.0', /^Conda package/],
    ['a bad virtual package', { ...lock, inputs: { ...lock.inputs, virtualPackages: ['__glibc 2.39'] } }, 'lock.inputs.virtualPackages.0', /^Lock: virtual package/],
    ['an unknown platform', { ...lock, inputs: { ...lock.inputs, platforms: ['win-64'] } }, 'lock.inputs.platforms.0', /^Lock: platforms/],
  ])('rejects %s, naming the field', (_what, value, path, message) => {
    const issues = issuesOf(value);
    expect(issues.map((i) => i.path)).toContain(path);
    expect(issues.find((i) => i.path === path)!.message).toMatch(message);
  });
});
