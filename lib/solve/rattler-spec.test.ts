import { describe, expect, it } from 'vitest';
import { toRattlerSpec } from './rattler-spec';

describe('toRattlerSpec', () => {
  it.each([
    ['numpy', { spec: 'numpy', name: 'numpy', notes: [] }],
    ['python=3.12', { spec: 'python=3.12', name: 'python', notes: [] }],
    ['pytorch=*=cuda*', { spec: 'pytorch=*=cuda*', name: 'pytorch', notes: [] }],
    [
      'conda-forge::numpy>=1.26',
      { spec: 'numpy>=1.26', name: 'numpy', channel: 'conda-forge', notes: ['the channel "conda-forge" is checked after the solve'] },
    ],
    [
      'conda-forge/linux-64::numpy',
      { spec: 'numpy[subdir=linux-64]', name: 'numpy', channel: 'conda-forge', notes: ['the channel "conda-forge" is checked after the solve'] },
    ],
    [
      'numpy[features=mkl,build_number=3]',
      { spec: 'numpy[build_number=3]', name: 'numpy', notes: ['[features=…] is not checked: the solver does not support it'] },
    ],
  ])('%s', (text, value) => expect(toRattlerSpec(text)).toEqual({ ok: true, value }));

  it('refuses a "*" inside a version, which rattler cannot query', () => {
    expect(toRattlerSpec('numpy 1.*.3')).toEqual({
      ok: false,
      error: 'The solver cannot check "numpy 1.*.3": "1.*.3" has "*" inside the version (conda reads it as a regular expression); write a range like "numpy>=1.0,<2".',
    });
  });

  it('passes on the parser error for a spec that is not valid', () => {
    const result = toRattlerSpec('numpy>>1');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^Invalid conda package spec "numpy>>1"/);
  });
});
