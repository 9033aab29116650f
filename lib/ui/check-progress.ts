// What the page shows while and after "Check" runs: the steps and their state (from the worker's progress
// messages), sizes in words, the package table's filter and the fallback decision. Pure, so it is tested here and
// the components only render it.
import type { CheckReport } from '@/lib/solve/check';

/** A progress message from the check worker. */
export type CheckProgress =
  | { stage: 'solver'; state: 'start' | 'done'; ms?: number }
  | { stage: 'repodata'; subdir: string; files: number; bytes: number; pending: number }
  | { stage: 'solve'; subdir: string; state: 'start' | 'done'; ms?: number; ok?: boolean }
  | { stage: 'pypi'; state: 'start' | 'done'; lines: number; ms?: number };

/** One line of the progress list. */
export interface CheckStep {
  /** 'solver', 'platform:linux-64', 'pypi'. */
  id: string;
  label: string;
  state: 'waiting' | 'running' | 'done' | 'failed';
  detail: string;
}

/**
 * Sizes as people read them: B, kB, MB, GB (powers of 1000, as conda and pip print them).
 * @example formatBytes(123_456_789) // '123.5 MB'
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

/**
 * The steps of a check before it starts: load the solver, one per platform (repodata, then the solve), PyPI.
 * @example initialSteps(['linux-64'], 2).map((step) => step.id) // ['solver', 'platform:linux-64', 'pypi']
 */
export function initialSteps(subdirs: readonly string[], pipLines: number): CheckStep[] {
  return [
    { id: 'solver', label: 'Load the solver', state: 'waiting', detail: '' },
    ...subdirs.map((subdir): CheckStep => ({ id: `platform:${subdir}`, label: `Fetch repodata and solve for ${subdir}`, state: 'waiting', detail: '' })),
    pipLines > 0
      ? { id: 'pypi', label: `Check ${pipLines === 1 ? 'the pip line' : `${pipLines} pip lines`} on the index`, state: 'waiting', detail: '' }
      : { id: 'pypi', label: 'Pip lines', state: 'done', detail: 'none to check' },
  ];
}

const seconds = (ms: number | undefined) => (ms === undefined ? '' : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

/**
 * The steps after one progress message (a new array; the step it names changes).
 * @example applyProgress(initialSteps(['linux-64'], 0), { stage: 'solver', state: 'start' })[0].state // 'running'
 */
export function applyProgress(steps: readonly CheckStep[], progress: CheckProgress): CheckStep[] {
  const id = progress.stage === 'solver' || progress.stage === 'pypi' ? progress.stage : `platform:${progress.subdir}`;
  return steps.map((step): CheckStep => {
    if (step.id !== id) return step;
    switch (progress.stage) {
      case 'solver':
        return progress.state === 'start' ? { ...step, state: 'running', detail: 'loading (about 1.6 MB, once per page)…' } : { ...step, state: 'done', detail: seconds(progress.ms) };
      case 'repodata':
        return {
          ...step,
          state: 'running',
          detail:
            progress.pending > 0
              ? `fetching repodata… ${progress.files} file${progress.files === 1 ? '' : 's'}, ${formatBytes(progress.bytes)}`
              : `solving… (repodata: ${progress.files} file${progress.files === 1 ? '' : 's'}, ${formatBytes(progress.bytes)})`,
        };
      case 'solve':
        if (progress.state === 'start') return { ...step, state: 'running', detail: step.detail || 'fetching repodata…' };
        return { ...step, state: progress.ok === false ? 'failed' : 'done', detail: seconds(progress.ms) };
      case 'pypi':
        return progress.state === 'start' ? { ...step, state: 'running', detail: 'asking the index…' } : { ...step, state: 'done', detail: seconds(progress.ms) };
    }
  });
}

/**
 * Steps still waiting or running when a check ends early (cancelled, failed) are marked so, not left spinning.
 * @example endSteps(initialSteps(['linux-64'], 0), 'cancelled')[0].detail // 'cancelled'
 */
export function endSteps(steps: readonly CheckStep[], why: string): CheckStep[] {
  return steps.map((step) => (step.state === 'waiting' || step.state === 'running' ? { ...step, state: 'failed', detail: why } : step));
}

/** A solved package as the report lists it. */
export type ReportPackage = Extract<CheckReport['platforms'][string], { ok: true }>['packages'][number];

/**
 * Packages whose name, version, build or channel contains every word of the query (case-insensitive).
 * @example filterPackages([{ name: 'numpy', … }], 'num 2.1').length // 1 when numpy is 2.1.x
 */
export function filterPackages<T extends Pick<ReportPackage, 'name' | 'version' | 'build' | 'channel'>>(packages: readonly T[], query: string): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...packages];
  return packages.filter((pkg) => {
    const text = `${pkg.name} ${pkg.version} ${pkg.build} ${pkg.channel}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/**
 * The channel as people say it: the last path part of a conda.anaconda.org URL ("conda-forge"), else the URL.
 * @example channelLabel('https://conda.anaconda.org/conda-forge') // 'conda-forge'
 */
export function channelLabel(url: string): string {
  const match = /^https:\/\/conda\.anaconda\.org\/([^/]+)$/.exec(url);
  return match ? match[1] : url.replace(/^https?:\/\//, '');
}

/**
 * The URL a check could not reach when the browser failed for network reasons (CORS, proxy, offline), else
 * undefined: only then is the server's /api/check worth asking.
 * @example networkFailureOf({ ok: false, networkError: 'cannot reach http://x/…', platforms: {}, pip: [] }) // 'cannot reach http://x/…'
 */
export function networkFailureOf(report: CheckReport): string | undefined {
  if (report.networkError) return report.networkError;
  for (const platform of Object.values(report.platforms)) if (!platform.ok && platform.kind === 'network') return platform.error;
  return undefined;
}

/**
 * Whether a check's result can be locked: every platform solved, every pip line checked out, nothing unreachable.
 * @example canLock({ ok: true, platforms: { 'linux-64': { ok: true, … } }, pip: [] }) // true
 */
export function canLock(report: CheckReport): boolean {
  return report.ok && networkFailureOf(report) === undefined && Object.values(report.platforms).every((platform) => platform.ok);
}

const LIST_LABELS: Record<string, string> = { 'conda.packages': 'Conda package', 'pip.packages': 'Pip package' };

/**
 * The form field a check result points at, as its label reads on the page.
 * @example fieldLabel('conda.packages.2') // 'Conda package 3'
 */
export function fieldLabel(path: string): string {
  const item = /^(.*)\.(\d+)$/.exec(path);
  if (item && LIST_LABELS[item[1]]) return `${LIST_LABELS[item[1]]} ${Number(item[2]) + 1}`;
  if (path === 'conda.pythonVersion') return 'Python version';
  return path;
}

/**
 * The steps once the server answered for the browser: what the browser could not fetch was checked there.
 * @example serverSteps([{ id: 'platform:linux-64', label: '…', state: 'failed', detail: '20 ms' }])[0].detail // 'checked by the server'
 */
export function serverSteps(steps: readonly CheckStep[]): CheckStep[] {
  return steps.map((step) => (step.id !== 'solver' && step.state !== 'done' ? { ...step, state: 'done', detail: 'checked by the server' } : step));
}
