import { describe, expect, it } from 'vitest';
import { BASE_IMAGES } from '@/lib/design/base-images';
import { designSchema } from '@/lib/design/schema';
import { toLockedPackages, virtualPackagesFor, type Subdir } from './virtual-packages';

const spelled = (image: string, subdir: Subdir, gpu = false) =>
  virtualPackagesFor(designSchema.parse({ base: { image }, gpu: { enabled: gpu, cudaVersion: '12.6' } }), subdir).map(
    (p) => `${p.name}=${p.version}=${p.build}`,
  );

describe('virtualPackagesFor', () => {
  it.each([
    ['ubuntu:22.04', '2.35'],
    ['ubuntu:24.04', '2.39'],
    ['ubuntu:26.04', '2.43'],
    ['debian:12-slim', '2.36'],
    ['debian:13-slim', '2.41'],
    ['nvidia/cuda:12.6.3-runtime-ubuntu24.04', '2.39'],
    ['nvidia/cuda:12.8.1-runtime-ubuntu24.04', '2.39'],
    ['docker.io/library/ubuntu:22.04@sha256:' + 'a'.repeat(64), '2.35'],
    ['ghcr.io/acme/base:1.0', '2.28'],
  ])('%s has __glibc %s on both platforms', (image, glibc) => {
    expect(spelled(image, 'linux-64')).toEqual(['__unix=0=0', '__linux=4.18=0', `__glibc=${glibc}=0`, '__archspec=1=x86_64']);
    expect(spelled(image, 'linux-aarch64')).toEqual(['__unix=0=0', '__linux=4.18=0', `__glibc=${glibc}=0`, '__archspec=1=aarch64']);
  });

  it('adds __cuda at the design CUDA version when GPU is on', () => {
    expect(spelled('ubuntu:24.04', 'linux-64', true)).toEqual([
      '__unix=0=0',
      '__linux=4.18=0',
      '__glibc=2.39=0',
      '__cuda=12.6=0',
      '__archspec=1=x86_64',
    ]);
  });

  it('knows the glibc of every base image it offers', () => {
    for (const image of BASE_IMAGES) expect(image.glibc, image.image).toMatch(/^2\.\d+$/);
  });
});

describe('toLockedPackages', () => {
  it('gives rattler records with a parseable URL and the subdir', () => {
    expect(toLockedPackages([{ name: '__glibc', version: '2.39', build: '0' }], 'linux-aarch64')).toEqual([
      {
        packageName: '__glibc',
        version: '2.39',
        build: '0',
        buildNumber: 0,
        url: 'https://virtual.invalid/linux-aarch64/__glibc-2.39-0.conda',
        filename: '__glibc-2.39-0.conda',
        subdir: 'linux-aarch64',
        depends: [],
      },
    ]);
  });
});
