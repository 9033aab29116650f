// "Lock": a clean check turned into the design's lock. Pure: the check has done the network part.
import { lockInputsOf, type LockState } from '@/lib/design/lock';
import { LOCK_EXTENSIONS, lockSchema, type Lock, type LockInputs, type LockedCondaPackage } from '@/lib/design/lock-schema';
import { resolveDesign } from '@/lib/design/resolve';
import type { Design } from '@/lib/design/schema';
import type { CheckResult } from './check';
import type { LockedPackage } from './solve';

/**
 * What a lock of this design is solved from now; a lock whose inputs differ is stale.
 * @example lockInputs(DEFAULT_DESIGN).specs // ['python=3.12', 'jupyterlab', 'numpy', 'pandas', 'matplotlib', 'scikit-learn']
 */
export function lockInputs(design: Design): LockInputs {
  return lockInputsOf(design, resolveDesign(design).condaDependencies);
}

/**
 * The design's lock: none, fresh or stale (with what changed).
 * @example lockState(designWithOldLock).kind // 'stale'
 */
export function lockState(design: Design): LockState {
  // resolveDesign classifies the lock already, against the same inputs.
  return resolveDesign(design).lockState;
}

/** Result of lockFromCheck: the lock, or why the check cannot be locked. */
export type LockResult = { ok: true; lock: Lock } | { ok: false; error: string };

/** Splits a canonical package URL into channel, subdir and archive parts, checking it is the record's own file. */
function splitPackageUrl(pkg: LockedPackage): { channel: string; subdir: string; ext: (typeof LOCK_EXTENSIONS)[number] } | undefined {
  for (const ext of LOCK_EXTENSIONS) {
    const file = `/${pkg.subdir}/${pkg.name}-${pkg.version}-${pkg.build}${ext}`;
    if (pkg.url.endsWith(file)) return { channel: pkg.url.slice(0, -file.length), subdir: pkg.subdir, ext };
  }
  return undefined;
}

/**
 * Turns a check of this design into its lock: every platform must have solved and no pip line may have a problem
 * (a network error is no result). Pip lines with a version (plain requirements) are pinned; URL and VCS lines
 * are not.
 * @example const result = lockFromCheck(design, await checkDesign(design, options)); if (result.ok) design = { ...design, lock: result.lock };
 */
export function lockFromCheck(design: Design, check: CheckResult): LockResult {
  if (check.networkError) return { ok: false, error: `Lock: the check did not finish (${check.networkError}); check again, then lock.` };
  const inputs = lockInputs(design);
  const channels: string[] = [];
  const platforms: Lock['platforms'] = {};
  for (const subdir of inputs.platforms) {
    const solved = check.solve.platforms[subdir];
    if (!solved) return { ok: false, error: `Lock: the check has no result for ${subdir}; check again, then lock.` };
    if (!solved.ok) return { ok: false, error: `Lock: ${subdir} did not solve (${solved.error}); fix the design, check, then lock.` };
    const packages: LockedCondaPackage[] = [];
    for (const pkg of solved.packages) {
      const parts = splitPackageUrl(pkg);
      if (!parts) return { ok: false, error: `Lock: cannot lock ${pkg.name} ${pkg.version}: its URL ${pkg.url} is not channel/subdir/name-version-build.conda.` };
      if (!channels.includes(parts.channel)) channels.push(parts.channel);
      packages.push({
        name: pkg.name,
        version: pkg.version,
        build: pkg.build,
        channel: channels.indexOf(parts.channel),
        subdir: parts.subdir as LockedCondaPackage['subdir'],
        ext: parts.ext,
        md5: pkg.md5,
        ...(pkg.sha256 ? { sha256: pkg.sha256 } : {}),
        size: pkg.size,
      });
    }
    platforms[subdir] = packages;
  }
  const problem = check.pip.find((line) => !line.ok && line.status === 'problem');
  if (problem) return { ok: false, error: `Lock: pip line "${problem.line}" has a problem (${problem.problems.join('; ')}); fix it, check, then lock.` };
  const pip = check.pip.flatMap((line) => (line.ok && line.version && line.status === 'ok' && design.pip.packages.includes(line.line) ? [{ line: line.line, version: line.version }] : []));
  // Through the schema: whatever the solver returned must satisfy the same patterns as a lock from a link.
  const parsed = lockSchema.safeParse({ inputs, channels, platforms, pip });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `Lock: the solved result does not fit the lock format at ${issue.path.join('.')}: ${issue.message}` };
  }
  return { ok: true, lock: parsed.data };
}
