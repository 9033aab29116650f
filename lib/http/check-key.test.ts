import { describe, expect, it } from 'vitest';
import { DEFAULT_DESIGN, designSchema, type Design } from '@/lib/design/schema';
import { checkInputsKey } from './check-key';

const NO_MIRRORS = { channelUrls: {}, pypiUrl: null };
const design = (input: Record<string, unknown>): Design => designSchema.parse(input);
const key = (input: Record<string, unknown>, mirrors = NO_MIRRORS) => checkInputsKey(design(input), mirrors);
const DEFAULT_KEY = checkInputsKey(DEFAULT_DESIGN, NO_MIRRORS);

describe('checkInputsKey', () => {
  it.each([
    ['the project', { project: { name: 'other', description: 'another' } }],
    ['the user', { user: { name: 'ada', uid: 1001 } }],
    ['the runtime', { runtime: { command: 'bash' } }],
    ['the post-build script', { postBuild: { script: 'echo hi' } }],
    ['the installer', { conda: { installer: 'micromamba' } }],
    ['the CUDA version with GPU off', { gpu: { cudaVersion: '12.4' } }],
  ])('ignores %s', (_name, input) => {
    expect(key(input)).toBe(DEFAULT_KEY);
  });

  it.each([
    ['the base image (glibc)', { base: { image: 'debian:12-slim' } }],
    ['the platforms', { base: { platforms: ['linux/arm64'] } }],
    ['a conda package', { conda: { packages: ['numpy'] } }],
    ['the python version', { conda: { pythonVersion: '3.11' } }],
    ['the channels', { conda: { channels: ['conda-forge', 'bioconda'] } }],
    ['the channel priority', { conda: { channelPriority: 'flexible' } }],
    ['a pip line', { pip: { packages: ['rich'] } }],
    ['the pip index', { pip: { indexUrl: 'https://pypi.example/simple' } }],
    ['an apt package (a compiler)', { apt: { packages: ['build-essential'] } }],
    ['GPU on', { gpu: { enabled: true } }],
    ['the comments (environment.yml line numbers)', { dockerfile: { comments: false } }],
  ])('changes with %s', (_name, input) => {
    expect(key(input)).not.toBe(DEFAULT_KEY);
  });

  it('changes with the mirrors, not with their order', () => {
    const a = { channelUrls: { 'conda-forge': 'http://a/cf', bioconda: 'http://a/bc' }, pypiUrl: null };
    const b = { channelUrls: { bioconda: 'http://a/bc', 'conda-forge': 'http://a/cf' }, pypiUrl: null };
    expect(checkInputsKey(DEFAULT_DESIGN, a)).toBe(checkInputsKey(DEFAULT_DESIGN, b));
    expect(checkInputsKey(DEFAULT_DESIGN, a)).not.toBe(DEFAULT_KEY);
    expect(checkInputsKey(DEFAULT_DESIGN, { channelUrls: {}, pypiUrl: 'http://p' })).not.toBe(DEFAULT_KEY);
  });
});
