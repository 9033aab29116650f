// The lock's pure helpers that the generators need (no solver here): its inputs for a design, whether it is stale,
// and the package URLs it derives. Making a lock from a check lives in lib/solve/lock.ts.
import { SUBDIR_OF_PLATFORM, virtualPackagesFor } from '@/lib/solve/virtual-packages';
import { LOCK_PLATFORMS, type Lock, type LockInputs, type LockPlatform, type LockedCondaPackage } from './lock-schema';
import type { Design } from './schema';

/**
 * What a lock of this design would be solved from: its conda specs (environment.yml order), channels, platforms,
 * the image's virtual packages (glibc of the base image, CUDA when GPU is on; __archspec follows the platform) and
 * its pip lines.
 * @example lockInputsOf(DEFAULT_DESIGN, ['python=3.12', 'jupyterlab']).virtualPackages // ['__unix=0=0', '__linux=4.18=0', '__glibc=2.39=0']
 */
export function lockInputsOf(design: Design, condaSpecs: readonly string[]): LockInputs {
  const platforms = design.base.platforms.map((platform) => SUBDIR_OF_PLATFORM[platform]);
  const virtualPackages = virtualPackagesFor(design, platforms[0] ?? 'linux-64')
    .filter((pkg) => pkg.name !== '__archspec')
    .map((pkg) => `${pkg.name}=${pkg.version}=${pkg.build}`);
  return { specs: [...condaSpecs], channels: [...design.conda.channels], platforms, virtualPackages, pip: [...design.pip.packages] };
}

/**
 * Do two lock inputs name the same environment? (Order matters: specs and channels in order are what was solved.)
 * @example sameLockInputs(a, structuredClone(a)) // true
 */
export function sameLockInputs(a: LockInputs, b: LockInputs): boolean {
  return JSON.stringify(normalInputs(a)) === JSON.stringify(normalInputs(b));
}

function normalInputs(inputs: LockInputs): LockInputs {
  return {
    specs: inputs.specs,
    channels: inputs.channels,
    platforms: inputs.platforms,
    virtualPackages: inputs.virtualPackages,
    pip: inputs.pip,
  };
}

/**
 * What differs between the lock's inputs and the design's, in words (empty: the lock is fresh).
 * @example lockDifferences(locked, current) // ['conda specs: "numpy" is new', …]
 */
export function lockDifferences(locked: LockInputs, current: LockInputs): string[] {
  const differences: string[] = [];
  const list = (label: string, before: readonly string[], after: readonly string[]) => {
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    const added = after.filter((item) => !before.includes(item));
    const removed = before.filter((item) => !after.includes(item));
    const parts = [...added.map((item) => `"${item}" added`), ...removed.map((item) => `"${item}" removed`)];
    differences.push(`${label}: ${parts.length ? parts.slice(0, 3).join(', ') + (parts.length > 3 ? ', …' : '') : 'order changed'}`);
  };
  list('conda packages', locked.specs, current.specs);
  list('channels', locked.channels, current.channels);
  list('platforms', locked.platforms, current.platforms);
  list('base image / GPU (virtual packages)', locked.virtualPackages, current.virtualPackages);
  list('pip packages', locked.pip, current.pip);
  return differences;
}

/** The lock's state for a design: none, fresh (used by the generators) or stale (ignored by them, flagged by lint). */
export type LockState = { kind: 'none' } | { kind: 'fresh'; lock: Lock } | { kind: 'stale'; lock: Lock; differences: string[] };

/**
 * Classifies the design's lock against inputs computed from the design now.
 * @example lockStateOf(design, lockInputsOf(design, specs)).kind // 'fresh'
 */
export function lockStateOf(design: Design, current: LockInputs): LockState {
  const { lock } = design;
  if (!lock) return { kind: 'none' };
  const differences = lockDifferences(lock.inputs, current);
  // A lock missing a platform the design builds cannot install there: stale as well.
  for (const subdir of current.platforms)
    if (!lock.platforms[subdir]) differences.push(`platforms: no packages locked for ${subdir}`);
  return differences.length === 0 ? { kind: 'fresh', lock } : { kind: 'stale', lock, differences: [...new Set(differences)] };
}

/**
 * The archive name of a locked package.
 * @example lockedFileName({ name: 'numpy', version: '2.1.3', build: 'py312h1_0', ext: '.conda' }) // 'numpy-2.1.3-py312h1_0.conda'
 */
export function lockedFileName(pkg: Pick<LockedCondaPackage, 'name' | 'version' | 'build' | 'ext'>): string {
  return `${pkg.name}-${pkg.version}-${pkg.build}${pkg.ext}`;
}

/**
 * The download URL of a locked package: channel URL, subdir, archive name.
 * @example lockedPackageUrl(lock, lock.platforms['linux-64']![0]) // 'https://conda.anaconda.org/conda-forge/linux-64/…'
 */
export function lockedPackageUrl(lock: Pick<Lock, 'channels'>, pkg: LockedCondaPackage): string {
  return `${lock.channels[pkg.channel]}/${pkg.subdir}/${lockedFileName(pkg)}`;
}

/**
 * The locked packages of one platform as the explicit-file writer takes them (URL, md5, sha256).
 * @example explicitPackagesOf(lock, 'linux-64')[0].url
 */
export function explicitPackagesOf(lock: Lock, subdir: LockPlatform): Array<{ name: string; url: string; md5: string; sha256: string }> {
  return (lock.platforms[subdir] ?? []).map((pkg) => ({ name: pkg.name, url: lockedPackageUrl(lock, pkg), md5: pkg.md5, sha256: pkg.sha256 ?? '' }));
}

/**
 * The checked pip version of a design line, if the lock has one.
 * @example lockedPipVersion(lock, 'rich>=13') // '13.9.4'
 */
export function lockedPipVersion(lock: Lock, line: string): string | undefined {
  return lock.pip.find((entry) => entry.line === line)?.version;
}

export { LOCK_PLATFORMS };
