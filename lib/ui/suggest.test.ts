import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyCondaPick, condaSearchText, formatAge, moveActive, pinCondaVersion, splitCondaDraft } from './suggest';

describe('splitCondaDraft / condaSearchText', () => {
  it.each([
    ['', { channel: '', name: '', rest: '' }, ''],
    ['sklea', { channel: '', name: 'sklea', rest: '' }, 'sklea'],
    ['conda-forge::py', { channel: 'conda-forge::', name: 'py', rest: '' }, 'py'],
    ['numpy>=1.26', { channel: '', name: 'numpy', rest: '>=1.26' }, ''],
    ['pytorch=*=cuda*', { channel: '', name: 'pytorch', rest: '=*=cuda*' }, ''],
    ['ruamel.yaml', { channel: '', name: 'ruamel.yaml', rest: '' }, 'ruamel.yaml'],
    ['numpy ', { channel: '', name: 'numpy', rest: ' ' }, ''],
  ])('%j', (draft, split, search) => {
    expect(splitCondaDraft(draft)).toEqual(split);
    expect(condaSearchText(draft)).toBe(search);
  });

  it('splits every text into parts that join back to it', () => {
    fc.assert(fc.property(fc.string(), (draft) => {
      const { channel, name, rest } = splitCondaDraft(draft);
      expect(channel + name + rest).toBe(draft);
    }));
  });
});

describe('applyCondaPick / pinCondaVersion', () => {
  it.each([
    ['sklea', 'scikit-learn', 'scikit-learn'],
    ['conda-forge::sklea', 'scikit-learn', 'conda-forge::scikit-learn'],
    ['pytoch>=2', 'pytorch', 'pytorch>=2'],
    ['', 'numpy', 'numpy'],
  ])('%s + %s → %s', (draft, name, entry) => expect(applyCondaPick(draft, name)).toBe(entry));

  it.each([
    ['scikit-learn', '1.6.1', 'scikit-learn=1.6.1'],
    ['conda-forge::numpy>=1', '2.1.3', 'conda-forge::numpy=2.1.3'],
  ])('%s pinned to %s → %s', (draft, version, entry) => expect(pinCondaVersion(draft, version)).toBe(entry));
});

describe('formatAge', () => {
  it.each([
    [0, 'just now'],
    [59_000, 'just now'],
    [5 * 60_000, '5 min ago'],
    [3 * 3_600_000, '3 h ago'],
    [47 * 3_600_000, '47 h ago'],
    [3 * 86_400_000, '3 days ago'],
    [-5, 'just now'],
  ])('%i ms → %s', (ms, words) => expect(formatAge(ms)).toBe(words));
});

describe('moveActive', () => {
  it.each([
    [-1, 3, 'ArrowDown', 0],
    [0, 3, 'ArrowDown', 1],
    [2, 3, 'ArrowDown', 0],
    [-1, 3, 'ArrowUp', 2],
    [0, 3, 'ArrowUp', 2],
    [1, 3, 'Home', 0],
    [1, 3, 'End', 2],
    [0, 0, 'ArrowDown', -1],
  ] as const)('from %i of %i, %s → %i', (active, count, key, next) => expect(moveActive(active, count, key)).toBe(next));
});
