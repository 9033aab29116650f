// The page's "Lock": the check's JSON report (from the worker or from the server's /api/check) read back into the
// shape lib/solve's lockFromCheck takes, so both paths lock the same way. The report keeps every field the lock
// needs; the subdir of each package is the folder its canonical URL names.
import type { Design } from '@/lib/design/schema';
import type { CheckReport, CheckResult } from '@/lib/solve/check';
import { lockFromCheck } from '@/lib/solve/lock';
import type { PlatformSolve } from '@/lib/solve/solve';
import type { Subdir } from '@/lib/solve/virtual-packages';

/**
 * A CheckResult rebuilt from its JSON report (virtual packages, channels and pip installs are not in the report and
 * stay empty: the lock does not read them).
 * @example lockFromCheck(design, checkResultFromReport(checkReport(result))) // same lock as from result
 */
export function checkResultFromReport(report: CheckReport): CheckResult {
  const platforms: Partial<Record<Subdir, PlatformSolve>> = {};
  for (const [name, platform] of Object.entries(report.platforms)) {
    const subdir = name as Subdir;
    platforms[subdir] = platform.ok
      ? {
          ok: true,
          subdir,
          packages: platform.packages.map((pkg) => ({ ...pkg, subdir: pkg.url.split('/').at(-2) ?? subdir })),
          downloadBytes: platform.downloadBytes,
          virtualPackages: [],
          notes: platform.notes,
        }
      : { ok: false, subdir, kind: platform.kind as Extract<PlatformSolve, { ok: false }>['kind'], error: platform.error, virtualPackages: [], notes: platform.notes };
  }
  return {
    solve: { channels: [], platforms },
    pip: report.pip.map((line) => ({ ...line, status: line.status as CheckResult['pip'][number]['status'], installs: [] })),
    ok: report.ok,
    ...(report.networkError ? { networkError: report.networkError } : {}),
  };
}

/**
 * The design with the checked packages locked, or why it cannot be locked.
 * @example const locked = lockDesign(design, report); if (locked.ok) form.reset(locked.design)
 */
export function lockDesign(design: Design, report: CheckReport): { ok: true; design: Design } | { ok: false; error: string } {
  const result = lockFromCheck(design, checkResultFromReport(report));
  return result.ok ? { ok: true, design: { ...design, lock: result.lock } } : result;
}
