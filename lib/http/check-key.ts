// What a check's result depends on, as one cache key: the design fields the solve and the pip checks read, and the
// mirrors they fetch from. Fields that only change other files (user, runtime, post-build, companions) and a lock
// already in the design are left out, so a design that differs only there shares the cached result.
import type { Design } from '@/lib/design/schema';
import type { ServerMirrors } from './server-mirrors';

/**
 * The cache key of a check of `design` against `mirrors`.
 * @example checkInputsKey(DEFAULT_DESIGN, { channelUrls: {}, pypiUrl: null }) // '{"platforms":["linux/amd64"],…}'
 */
export function checkInputsKey(design: Design, mirrors: ServerMirrors): string {
  const { base, conda, pip, apt, gpu, dockerfile } = design;
  return JSON.stringify({
    // __glibc comes from the base image; one solve per platform.
    image: base.image,
    platforms: base.platforms,
    channels: conda.channels,
    pythonVersion: conda.pythonVersion,
    packages: conda.packages,
    channelPriority: conda.channelPriority,
    // The index the pip lines are checked against, and the lines themselves.
    pip: { packages: pip.packages, indexUrl: pip.indexUrl, extraIndexUrls: pip.extraIndexUrls },
    // "sdist only: needs a compiler" says whether the design installs one (apt or conda).
    apt: apt.packages,
    // __cuda when GPU is on.
    cuda: gpu.enabled ? gpu.cudaVersion : null,
    // environment.yml's header comment shifts the line numbers an unsolvable result points at.
    comments: dockerfile.comments,
    mirrors: { channelUrls: Object.entries(mirrors.channelUrls).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), pypiUrl: mirrors.pypiUrl },
  });
}
