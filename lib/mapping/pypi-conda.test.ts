import { describe, expect, it } from 'vitest';
import { buildPypiCondaSnapshot, formatSnapshot, rankCondaNames, readCondaToPypiMapping, UPSTREAM_SOURCE } from './build-snapshot';
import { condaNamesForPypi, MAPPING_SOURCE, preferredCondaName, pypiNamesForConda, renamedOnCondaForge } from './pypi-conda';

describe('preferredCondaName (the shipped snapshot)', () => {
  it.each([
    ['torch', 'pytorch'],
    ['opencv-python', 'py-opencv'],
    ['opencv-python-headless', 'opencv-python-headless'],
    ['tables', 'pytables'],
    ['scikit-learn', 'scikit-learn'],
    ['Scikit_Learn', 'scikit-learn'],
    ['ruamel.yaml', 'ruamel.yaml'],
    ['ruamel-yaml', 'ruamel.yaml'],
    ['Ruamel_YAML', 'ruamel.yaml'],
    ['matplotlib', 'matplotlib'],
    ['msgpack', 'msgpack-python'],
    ['graphviz', 'python-graphviz'],
    ['typing-extensions', 'typing_extensions'],
    ['psycopg2-binary', 'psycopg2-binary'],
    ['numpy', 'numpy'],
    [' polars ', 'polars'],
    ['openvino', 'libopenvino-python'],
    ['some-private-lib', undefined],
    ['', undefined],
  ])('%s → %s', (pypi, conda) => {
    expect(preferredCondaName(pypi)).toBe(conda);
  });
});

describe('condaNamesForPypi', () => {
  it.each([
    ['torch', ['pytorch', 'pytorch-cpu']],
    ['opencv-python', ['py-opencv', 'libopencv']],
    ['tables', ['pytables']],
    ['scikit-learn', ['scikit-learn']],
    ['some-private-lib', []],
  ])('%s → %j', (pypi, conda) => {
    expect(condaNamesForPypi(pypi)).toEqual(conda);
  });

  it('lists matplotlib-base after matplotlib', () => {
    expect(condaNamesForPypi('matplotlib').slice(0, 2)).toEqual(['matplotlib', 'matplotlib-base']);
  });

  it('never puts a lib*/_* package first while another provides the name', () => {
    expect(condaNamesForPypi('opencv-python-headless').at(-1)).toBe('libopencv');
  });

  it('does not take Object.prototype names for packages', () => {
    expect(condaNamesForPypi('constructor')).not.toContain(undefined);
    expect(condaNamesForPypi('__proto__')).toEqual([]);
  });
});

describe('pypiNamesForConda', () => {
  it.each([
    ['pytorch', ['torch']],
    ['py-opencv', ['opencv-python', 'opencv-python-headless']],
    ['pytables', ['tables']],
    ['scikit-learn', ['scikit-learn']],
    ['ruamel.yaml', ['ruamel-yaml']],
    ['zlib', []],
  ])('%s → %j', (conda, pypi) => {
    expect(pypiNamesForConda(conda)).toEqual(pypi);
  });
});

describe('MAPPING_SOURCE', () => {
  it('names the upstream file, commit, date and licence', () => {
    expect(MAPPING_SOURCE).toEqual({
      ...UPSTREAM_SOURCE,
      commit: '345e9bfbd11d932d63df2bc1146511337f7ba5dd',
      date: '2026-08-19',
    });
  });
});

describe('rankCondaNames', () => {
  it.each([
    ['opencv-python', ['libopencv', 'py-opencv'], ['py-opencv', 'libopencv']],
    ['torch', ['pytorch-cpu', 'pytorch'], ['pytorch', 'pytorch-cpu']],
    ['matplotlib', ['rosco', 'matplotlib-base', 'matplotlib'], ['matplotlib', 'matplotlib-base', 'rosco']],
    ['ruamel-yaml', ['ruamel_yaml', 'ruamel.yaml'], ['ruamel.yaml', 'ruamel_yaml']],
    ['tzdata', ['rosco', 'python-tzdata', 'psycopg'], ['python-tzdata', 'rosco', 'psycopg']],
    ['librosa', ['librosa', 'other'], ['librosa', 'other']],
    ['x', ['_x-internal', 'libx', 'zz'], ['zz', 'libx', '_x-internal']],
  ])('%s: %j → %j', (pypi, given, ranked) => {
    expect(rankCondaNames(pypi, given)).toEqual(ranked);
  });
});

describe('buildPypiCondaSnapshot', () => {
  const source = { ...UPSTREAM_SOURCE, commit: 'unknown', date: 'unknown' };
  const upstream = {
    numpy: ['numpy'],
    pytorch: ['torch'],
    'pytorch-cpu': ['torch'],
    'ruamel.yaml': ['ruamel-yaml'],
    'matplotlib-base': ['matplotlib'],
    matplotlib: ['matplotlib'],
    libzlib: null,
    'py-opencv': ['opencv-python', 'opencv-python-headless'],
  };

  it('keeps same-named packages in one string and ranks the rest', () => {
    expect(buildPypiCondaSnapshot(upstream, source)).toEqual({
      source,
      same: 'numpy',
      other: {
        matplotlib: ['matplotlib', 'matplotlib-base'],
        'opencv-python': ['py-opencv'],
        'opencv-python-headless': ['py-opencv'],
        'ruamel-yaml': ['ruamel.yaml'],
        torch: ['pytorch', 'pytorch-cpu'],
      },
    });
  });

  it('formats the same bytes whatever the input order', () => {
    const reversed = Object.fromEntries(Object.entries(upstream).reverse());
    expect(formatSnapshot(buildPypiCondaSnapshot(reversed, source))).toBe(formatSnapshot(buildPypiCondaSnapshot(upstream, source)));
    expect(JSON.parse(formatSnapshot(buildPypiCondaSnapshot(upstream, source)))).toEqual(buildPypiCondaSnapshot(upstream, source));
  });

  it.each([
    [[], 'expected a JSON object'],
    [{ numpy: 'numpy' }, '"numpy": expected an array of PyPI names or null'],
    [{ numpy: [1] }, '"numpy": expected an array of PyPI names or null'],
  ])('refuses %j', (json, error) => {
    const read = readCondaToPypiMapping(json);
    expect(read.ok ? '' : read.error).toContain(error);
  });
});

describe('renamedOnCondaForge', () => {
  it('lists PyPI projects conda-forge ships under another name, and only those', () => {
    const renamed = renamedOnCondaForge();
    expect(renamed.get('torch')?.[0]).toBe('pytorch');
    expect(renamed.get('tables')?.[0]).toBe('pytables');
    expect(renamed.get('opencv-python')?.[0]).toBe('py-opencv');
    expect(renamed.has('numpy')).toBe(false);
    for (const [pypi, conda] of renamed) expect(conda).not.toContain(pypi);
  });
});
