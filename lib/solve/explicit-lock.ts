// conda's explicit environment files ("@EXPLICIT", one package URL per line with a checksum after "#"), one per
// platform: conda-linux-64.lock, conda-linux-aarch64.lock. The line syntax is what the installers parse:
// conda/misc.py _get_url_pattern() reads "URL#<32 hex md5>" and, since conda 24.9 (conda/conda#14048),
// "URL#sha256:<64 hex>" (or "URL#<64 hex>"); libmamba PackageInfo::from_url reads the same since mamba 2.1
// (mamba-org/mamba#3866). Older conda cannot parse a sha256 line at all, so sha256 is written only for installer
// versions known to read it, and md5 otherwise.
import type { InstallerId } from '@/lib/design/installers';
import type { LockedPackage } from './solve';

/** The checksum an explicit file carries per line. */
export type ExplicitHash = 'md5' | 'sha256';

/** One line of an explicit file, read back. */
export interface ExplicitEntry {
  url: string;
  md5?: string;
  sha256?: string;
}

/** Result of parseExplicitLock. */
export type ExplicitParseResult = { ok: true; platform?: string; entries: ExplicitEntry[] } | { ok: false; error: string; line: number };

/** The marker line conda requires before the URLs (conda/base/constants.py EXPLICIT_MARKER). */
export const EXPLICIT_MARKER = '@EXPLICIT';

/**
 * The lock file name of a subdir.
 * @example explicitLockFileName('linux-aarch64') // 'conda-linux-aarch64.lock'
 */
export function explicitLockFileName(subdir: string): string {
  return `conda-${subdir}.lock`;
}

/** First version of each installer that reads `#sha256:` lines. */
const SHA256_SINCE: Record<InstallerId, [number, number]> = { miniforge: [24, 9], miniconda: [24, 9], micromamba: [2, 1] };

/**
 * The conda (or micromamba) version an installer version ships: Miniforge "26.7.2-0" → 26.7.2, Miniconda
 * "py312_25.1.1-2" → 25.1.1, micromamba "2.9.0-0" → 2.9.0.
 */
function shippedVersion(version: string): [number, number] | undefined {
  const match = /^(?:py\d+_)?(\d+)\.(\d+)/.exec(version);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/**
 * Does this installer version read `#sha256:` lines? Unknown versions: no (md5 works everywhere).
 * @example explicitHashFor('miniforge', '26.7.2-0') // 'sha256'
 * @example explicitHashFor('miniconda', 'py38_4.8.2') // 'md5'
 */
export function explicitHashFor(installer: InstallerId, version: string): ExplicitHash {
  const shipped = shippedVersion(version);
  const [major, minor] = SHA256_SINCE[installer];
  if (!shipped) return 'md5';
  return shipped[0] > major || (shipped[0] === major && shipped[1] >= minor) ? 'sha256' : 'md5';
}

/**
 * Writes the explicit file of one platform: conda's header, @EXPLICIT, one canonical URL per line in the order
 * given (the solve's install order: micromamba installs an explicit file line by line).
 * @example writeExplicitLock('linux-64', [numpy], 'md5') // '# This file may be used to create an environment using:\n…\n@EXPLICIT\nhttps://conda.anaconda.org/conda-forge/linux-64/numpy-….conda#<md5>\n'
 */
export function writeExplicitLock(subdir: string, packages: ReadonlyArray<Pick<LockedPackage, 'url' | 'md5' | 'sha256'>>, hash: ExplicitHash): string {
  const lines = packages.map((pkg) => {
    const value = hash === 'sha256' ? pkg.sha256 : pkg.md5;
    if (!value) return pkg.url;
    return `${pkg.url}#${hash === 'sha256' ? `sha256:${value}` : value}`;
  });
  return [
    '# This file may be used to create an environment using:',
    '# $ conda create --name <env> --file <this file>',
    `# platform: ${subdir}`,
    '# created-by: Condocker',
    EXPLICIT_MARKER,
    ...lines,
    '',
  ].join('\n');
}

/** conda's URL pattern (conda/misc.py), for .conda and .tar.bz2 archives. */
const URL_LINE = /^(?<url>\S+\/[^/\\#]+(?:\.conda|\.tar\.bz2))(?:#(?:(?<md5>[0-9a-f]{32})|(?:sha256:)?(?<sha256>[0-9a-f]{64})))?$/;

/**
 * Reads an explicit file back the way conda does: comments and blank lines skipped, @EXPLICIT required before
 * the first URL, each URL with an optional md5 or sha256.
 * @example parseExplicitLock('@EXPLICIT\nhttps://x.org/c/noarch/a-1-0.conda#' + 'f'.repeat(32)) // { ok: true, entries: [{ url: 'https://x.org/c/noarch/a-1-0.conda', md5: 'fff…' }] }
 */
export function parseExplicitLock(text: string): ExplicitParseResult {
  let platform: string | undefined;
  let explicit = false;
  const entries: ExplicitEntry[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    const number = index + 1;
    if (line === '') continue;
    if (line.startsWith('#')) {
      platform ??= /^# platform: (\S+)$/.exec(line)?.[1];
      continue;
    }
    if (line === EXPLICIT_MARKER) {
      explicit = true;
      continue;
    }
    if (!explicit) return { ok: false, error: `line ${number}: "${EXPLICIT_MARKER}" must come before the first package URL`, line: number };
    const match = URL_LINE.exec(line);
    if (!match?.groups) return { ok: false, error: `line ${number}: not a package URL with an optional #md5 or #sha256: checksum: "${line}"`, line: number };
    const { url, md5, sha256 } = match.groups;
    entries.push({ url, ...(md5 ? { md5 } : {}), ...(sha256 ? { sha256 } : {}) });
  }
  if (!explicit) return { ok: false, error: `no "${EXPLICIT_MARKER}" line: not an explicit environment file`, line: 1 };
  return { ok: true, ...(platform ? { platform } : {}), entries };
}
