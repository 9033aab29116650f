import { describe, expect, it } from 'vitest';
import type { CheckReport } from '@/lib/solve/check';
import { applyProgress, canLock, channelLabel, endSteps, fieldLabel, filterPackages, formatBytes, initialSteps, networkFailureOf, serverSteps, type CheckProgress } from './check-progress';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.00 kB'],
    [15_300, '15.3 kB'],
    [123_456_789, '123.5 MB'],
    [2_500_000_000, '2.50 GB'],
  ])('%d → %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});

describe('check steps', () => {
  it('has one step per platform, and PyPI done at once when there are no pip lines', () => {
    expect(initialSteps(['linux-64', 'linux-aarch64'], 2).map((step) => [step.id, step.state])).toEqual([
      ['solver', 'waiting'],
      ['platform:linux-64', 'waiting'],
      ['platform:linux-aarch64', 'waiting'],
      ['pypi', 'waiting'],
    ]);
    expect(initialSteps(['linux-64'], 0)[2]).toEqual({ id: 'pypi', label: 'Pip lines', state: 'done', detail: 'none to check' });
  });

  it.each<[CheckProgress, string, string, string]>([
    [{ stage: 'solver', state: 'start' }, 'solver', 'running', 'loading (about 1.6 MB, once per page)…'],
    [{ stage: 'solver', state: 'done', ms: 240.4 }, 'solver', 'done', '240 ms'],
    [{ stage: 'repodata', subdir: 'linux-64', files: 1, bytes: 2_000_000, pending: 2 }, 'platform:linux-64', 'running', 'fetching repodata… 1 file, 2.00 MB'],
    [{ stage: 'repodata', subdir: 'linux-64', files: 3, bytes: 5_000_000, pending: 0 }, 'platform:linux-64', 'running', 'solving… (repodata: 3 files, 5.00 MB)'],
    [{ stage: 'solve', subdir: 'linux-64', state: 'done', ms: 1500, ok: true }, 'platform:linux-64', 'done', '1.5 s'],
    [{ stage: 'solve', subdir: 'linux-64', state: 'done', ms: 80, ok: false }, 'platform:linux-64', 'failed', '80 ms'],
    [{ stage: 'pypi', state: 'start', lines: 2 }, 'pypi', 'running', 'asking the index…'],
  ])('%j sets %s to %s', (progress, id, state, detail) => {
    const steps = applyProgress(initialSteps(['linux-64'], 2), progress);
    expect(steps.find((step) => step.id === id)).toMatchObject({ state, detail });
    expect(steps.filter((step) => step.state !== 'waiting')).toHaveLength(1);
  });

  it('says which steps the server did when the browser could not reach a channel', () => {
    const steps = applyProgress(applyProgress(initialSteps(['linux-64'], 1), { stage: 'solver', state: 'done', ms: 10 }), { stage: 'solve', subdir: 'linux-64', state: 'done', ms: 5, ok: false });
    expect(serverSteps(steps).map((step) => [step.state, step.detail])).toEqual([
      ['done', '10 ms'],
      ['done', 'checked by the server'],
      ['done', 'checked by the server'],
    ]);
  });

  it('marks what had not finished when a check ends early', () => {
    const steps = applyProgress(initialSteps(['linux-64'], 1), { stage: 'solver', state: 'done', ms: 10 });
    expect(endSteps(steps, 'cancelled').map((step) => [step.state, step.detail])).toEqual([
      ['done', '10 ms'],
      ['failed', 'cancelled'],
      ['failed', 'cancelled'],
    ]);
  });
});

describe('filterPackages', () => {
  const pkgs = [
    { name: 'numpy', version: '2.1.3', build: 'py312h_0', channel: 'https://conda.anaconda.org/conda-forge' },
    { name: 'python', version: '3.12.7', build: 'h_0_cpython', channel: 'https://conda.anaconda.org/conda-forge' },
    { name: 'torch', version: '2.5.1', build: 'cuda126', channel: 'https://conda.anaconda.org/pytorch' },
  ];
  it.each([
    ['', ['numpy', 'python', 'torch']],
    ['NUM', ['numpy']],
    ['py312', ['numpy']],
    ['pytorch', ['torch']],
    ['2.1 num', ['numpy']],
    ['nothing', []],
  ])('%j → %j', (query, names) => expect(filterPackages(pkgs, query).map((pkg) => pkg.name)).toEqual(names));
});

describe('report helpers', () => {
  const solved = { ok: true as const, packages: [], downloadBytes: 0, notes: [] };
  const report = (extra: Partial<CheckReport>): CheckReport => ({ ok: true, platforms: { 'linux-64': solved }, pip: [], ...extra });

  it('finds the network failure, from the pip index or a platform', () => {
    expect(networkFailureOf(report({}))).toBeUndefined();
    expect(networkFailureOf(report({ ok: false, networkError: 'cannot fetch http://x/pypi/rich/json: fetch failed' }))).toMatch(/^cannot fetch/);
    const down = report({ ok: false, platforms: { 'linux-64': { ok: false, kind: 'network', error: 'cannot reach http://c/linux-64/repodata.json', notes: [] } } });
    expect(networkFailureOf(down)).toBe('cannot reach http://c/linux-64/repodata.json');
    const conflict = report({ ok: false, platforms: { 'linux-64': { ok: false, kind: 'unsolvable', error: 'Cannot solve', notes: [] } } });
    expect(networkFailureOf(conflict)).toBeUndefined();
    expect([canLock(report({})), canLock(conflict), canLock(down)]).toEqual([true, false, false]);
  });

  it.each([
    ['https://conda.anaconda.org/conda-forge', 'conda-forge'],
    ['https://repo.anaconda.com/pkgs/main', 'repo.anaconda.com/pkgs/main'],
  ])('channelLabel(%s) = %s', (url, label) => expect(channelLabel(url)).toBe(label));
});

describe('fieldLabel', () => {
  it.each([
    ['conda.packages.0', 'Conda package 1'],
    ['pip.packages.11', 'Pip package 12'],
    ['conda.pythonVersion', 'Python version'],
    ['conda.channels', 'conda.channels'],
  ])('%s → %s', (path, label) => expect(fieldLabel(path)).toBe(label));
});
