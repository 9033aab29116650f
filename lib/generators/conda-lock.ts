import { explicitPackagesOf } from '@/lib/design/lock';
import type { LockPlatform } from '@/lib/design/lock-schema';
import type { ResolvedDesign } from '@/lib/design/resolve';
import { SUBDIR_OF_PLATFORM } from '@/lib/solve/virtual-packages';
import { explicitHashFor, explicitLockFileName, writeExplicitLock, type ExplicitHash } from '@/lib/solve/explicit-lock';
import { textFile, type GeneratedFile } from './types';

/**
 * The checksum the lock files carry: sha256 when the installer version reads `#sha256:` lines and every package has
 * one, md5 (which every conda, mamba and micromamba reads) otherwise.
 * @example lockHashOf(resolveDesign(lockedDesign)) // 'sha256' with Miniforge 26.7.2-0
 */
export function lockHashOf(r: ResolvedDesign): ExplicitHash {
  if (!r.lock || explicitHashFor(r.installer.id, r.installerVersion) === 'md5') return 'md5';
  const all = Object.values(r.lock.platforms).flat();
  return all.every((pkg) => pkg?.sha256) ? 'sha256' : 'md5';
}

/**
 * The conda subdirs the image is built for whose lock file is generated: the design's platforms, when it has a fresh lock.
 * @example lockedSubdirs(resolveDesign(lockedDesign)) // ['linux-64', 'linux-aarch64']
 */
export function lockedSubdirs(r: ResolvedDesign): LockPlatform[] {
  if (!r.lock) return [];
  return r.design.base.platforms.map((platform) => SUBDIR_OF_PLATFORM[platform]);
}

function lockFileGenerator(subdir: LockPlatform) {
  return (r: ResolvedDesign): GeneratedFile | null => {
    if (!r.lock || !lockedSubdirs(r).includes(subdir)) return null;
    return textFile(explicitLockFileName(subdir), writeExplicitLock(subdir, explicitPackagesOf(r.lock, subdir), lockHashOf(r)), 'plaintext');
  };
}

/** Generates conda-linux-64.lock (conda's @EXPLICIT format) from a fresh lock, or nothing. */
export const generateCondaLockLinux64 = lockFileGenerator('linux-64');
/** Generates conda-linux-aarch64.lock (conda's @EXPLICIT format) from a fresh lock, or nothing. */
export const generateCondaLockLinuxAarch64 = lockFileGenerator('linux-aarch64');

/** The file that holds the lock exactly as the design does, for Import. */
export const LOCK_JSON_PATH = 'condocker-lock.json';

/**
 * The lock as JSON, one package per line so that a re-lock reads as a diff of the packages that changed.
 * @example formatLockJson(lock).split('\n')[0] // '{'
 */
export function formatLockJson(lock: NonNullable<ResolvedDesign['lock']>): string {
  const { platforms, ...rest } = lock;
  const head = JSON.stringify(rest, null, 2).replace(/\n\}$/, '');
  const lists = Object.entries(platforms).map(
    ([subdir, packages]) => `    ${JSON.stringify(subdir)}: [\n${(packages ?? []).map((pkg) => `      ${JSON.stringify(pkg)}`).join(',\n')}\n    ]`,
  );
  return `${head},\n  "platforms": {\n${lists.join(',\n')}\n  }\n}\n`;
}

/**
 * Generates condocker-lock.json from a fresh lock: both checksums and the sizes, which the @EXPLICIT files cannot
 * all carry, so that importing the project (zip or files) restores the lock exactly.
 */
export function generateLockJson(r: ResolvedDesign): GeneratedFile | null {
  return r.lock ? textFile(LOCK_JSON_PATH, formatLockJson(r.lock), 'json') : null;
}
