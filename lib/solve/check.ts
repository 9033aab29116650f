// "Check": the conda solve per platform and the pip lines against the index, as one result for the CLI, the
// server and (later) the page's worker. Network failures are kept apart from findings: they say nothing about
// the design.
import type { Design } from '@/lib/design/schema';
import { PipIndexError, checkPipLines, type PipLineCheck } from './pypi-check';
import { solveDesign, type DesignSolve, type PlatformSolve, type SolveOptions } from './solve';
import type { Subdir } from './virtual-packages';

/** Everything "Check" found. */
export interface CheckResult {
  solve: DesignSolve;
  pip: PipLineCheck[];
  /** Every platform solved and every pip line checks out. */
  ok: boolean;
  /** A channel or the index could not be reached: the result is incomplete (named URL in the message). */
  networkError?: string;
}

/** Where the check gets rattler, channels, the index and fetch. */
export interface CheckOptions extends SolveOptions {
  fetch: typeof fetch;
  /** Base URL of a PyPI JSON API (default: the design's index without /simple, else https://pypi.org). */
  pypiUrl?: string;
}

/**
 * Solves the design per platform, then checks its pip lines with the solved Python.
 * @example const result = await checkDesign(design, { loadRattler: loadNodeRattler, fetch }); result.ok
 */
export async function checkDesign(design: Design, options: CheckOptions): Promise<CheckResult> {
  const solve = await solveDesign(design, options);
  const results = Object.values(solve.platforms) as PlatformSolve[];
  const networkFailure = results.find((result) => !result.ok && result.kind === 'network');
  const pythonFullVersion: Partial<Record<Subdir, string>> = {};
  for (const result of results) {
    const python = result.ok ? result.packages.find((pkg) => pkg.name === 'python') : undefined;
    if (python) pythonFullVersion[result.subdir] = python.version;
  }
  let pip: PipLineCheck[] = [];
  let networkError = networkFailure && !networkFailure.ok ? networkFailure.error : undefined;
  try {
    pip = await checkPipLines(design, { fetch: options.fetch, pypiUrl: options.pypiUrl, pythonFullVersion });
  } catch (error) {
    if (!(error instanceof PipIndexError)) throw error;
    networkError ??= error.message;
  }
  const ok = networkError === undefined && results.every((result) => result.ok) && pip.every((line) => line.ok);
  return { solve, pip, ok, ...(networkError === undefined ? {} : { networkError }) };
}

/** The JSON the CLI prints and the HTTP door will answer with (sizes are numbers, no wasm objects). */
export interface CheckReport {
  ok: boolean;
  networkError?: string;
  platforms: Record<
    string,
    | { ok: true; packages: Array<{ name: string; version: string; build: string; channel: string; url: string; md5: string; sha256: string; size: number }>; downloadBytes: number; notes: string[] }
    | { ok: false; kind: string; error: string; field?: string; spec?: string; line?: number; notes: string[] }
  >;
  pip: Array<{ line: string; field: string; ok: boolean; status: string; version?: string; problems: string[]; warnings: string[]; notes: string[] }>;
}

/**
 * The check as plain JSON: per platform packages or the error with its field, and the pip lines.
 * @example JSON.stringify(checkReport(await checkDesign(design, options)))
 */
export function checkReport(result: CheckResult): CheckReport {
  const platforms: CheckReport['platforms'] = {};
  for (const [subdir, solved] of Object.entries(result.solve.platforms) as Array<[Subdir, PlatformSolve]>) {
    platforms[subdir] = solved.ok
      ? {
          ok: true,
          packages: solved.packages.map(({ name, version, build, channel, url, md5, sha256, size }) => ({ name, version, build, channel, url, md5, sha256, size })),
          downloadBytes: solved.downloadBytes,
          notes: solved.notes,
        }
      : {
          ok: false,
          kind: solved.kind,
          error: solved.error,
          ...(solved.field ? { field: solved.field } : {}),
          ...(solved.spec ? { spec: solved.spec } : {}),
          ...(solved.line ? { line: solved.line } : {}),
          notes: solved.notes,
        };
  }
  return {
    ok: result.ok,
    ...(result.networkError ? { networkError: result.networkError } : {}),
    platforms,
    pip: result.pip.map(({ line, field, ok, status, version, problems, warnings, notes }) => ({
      line,
      field,
      ok,
      status,
      ...(version ? { version } : {}),
      problems,
      warnings,
      notes,
    })),
  };
}
