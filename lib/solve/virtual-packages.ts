// The virtual packages a conda solver sees inside the image, per target platform. conda and rattler detect them
// on the machine that installs; Condocker solves elsewhere, so it states them from the design: the base image's
// glibc, the target architecture and, with GPU on, the CUDA version (what CONDA_OVERRIDE_CUDA sets in the build).
import { findBaseImage } from '@/lib/design/base-images';
import type { Design } from '@/lib/design/schema';
import type { Subdir } from './subdirs';

export { SUBDIR_OF_PLATFORM, type Subdir } from './subdirs';

/** The minimal archspec microarchitecture rattler assigns to a subdir (rattler_virtual_packages Archspec::from_platform). */
export const ARCHSPEC_OF_SUBDIR: Record<Subdir, string> = { 'linux-64': 'x86_64', 'linux-aarch64': 'aarch64' };

/** glibc assumed for an image Condocker does not know: conda-forge's and pixi's baseline (manylinux_2_28). */
export const DEFAULT_GLIBC = '2.28';

/**
 * Kernel version for `__linux`. The build host's kernel is unknown when solving; 4.18 is pixi's default system
 * requirement and older than any kernel Docker supports today, so `__linux >=x` pins below it still solve.
 */
export const LINUX_KERNEL_VERSION = '4.18';

/** One virtual package as conda and rattler write it (GenericVirtualPackage: name, version, build string). */
export interface VirtualPackage {
  name: string;
  version: string;
  build: string;
}

/**
 * The glibc version of a base image: the known image's libc6, else DEFAULT_GLIBC.
 * @example glibcOfImage('ubuntu:22.04') // '2.35'
 */
export function glibcOfImage(image: string): string {
  return findBaseImage(image)?.glibc ?? DEFAULT_GLIBC;
}

/**
 * The virtual packages of the design's image on one platform, in rattler's order and spelling: `__unix 0 0`,
 * `__linux <kernel> 0`, `__glibc <libc6> 0`, `__cuda <version> 0` (GPU only), `__archspec 1 <microarch>`.
 * @example virtualPackagesFor(DEFAULT_DESIGN, 'linux-64').map((p) => `${p.name}=${p.version}=${p.build}`)
 * // ['__unix=0=0', '__linux=4.18=0', '__glibc=2.39=0', '__archspec=1=x86_64']
 */
export function virtualPackagesFor(design: Design, subdir: Subdir): VirtualPackage[] {
  return [
    { name: '__unix', version: '0', build: '0' },
    { name: '__linux', version: LINUX_KERNEL_VERSION, build: '0' },
    { name: '__glibc', version: glibcOfImage(design.base.image), build: '0' },
    ...(design.gpu.enabled ? [{ name: '__cuda', version: design.gpu.cudaVersion, build: '0' }] : []),
    { name: '__archspec', version: '1', build: ARCHSPEC_OF_SUBDIR[subdir] },
  ];
}

/** A locked package in the shape simpleSolve's 4th argument takes (js-rattler SolvedPackage, camelCase). */
export interface RattlerLockedPackage {
  packageName: string;
  version: string;
  build: string;
  buildNumber: number;
  url: string;
  filename: string;
  subdir: string;
  depends: string[];
}

/**
 * Virtual packages as locked packages for simpleSolve: rattler 0.3.5 has no virtual-package argument, and a
 * locked record is the only candidate of a name no channel has. The URL only has to parse; it is never fetched.
 * @example toLockedPackages([{ name: '__unix', version: '0', build: '0' }], 'linux-64')[0].url // 'https://virtual.invalid/linux-64/__unix-0-0.conda'
 */
export function toLockedPackages(packages: readonly VirtualPackage[], subdir: Subdir): RattlerLockedPackage[] {
  return packages.map(({ name, version, build }) => {
    const filename = `${name}-${version}-${build}.conda`;
    return { packageName: name, version, build, buildNumber: 0, url: `https://virtual.invalid/${subdir}/${filename}`, filename, subdir, depends: [] };
  });
}
