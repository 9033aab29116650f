import { describe, expect, it } from 'vitest';
import { appendEntries, isMultiLinePaste, moveEntry, removeEntry, replaceEntry, splitPastedLines } from './list-edit';

describe('splitPastedLines', () => {
  it.each([
    ['one entry', 'numpy', ['numpy']],
    ['LF, CRLF and CR line ends', 'a\nb\r\nc\rd', ['a', 'b', 'c', 'd']],
    ['blank lines and surrounding spaces', '  numpy \n\n\t pandas\n', ['numpy', 'pandas']],
    ['comment lines', '# conda\nnumpy\n  # pinned\npandas', ['numpy', 'pandas']],
    ['trailing comments', 'pandas>=2  # fast\nscipy\t# sci', ['pandas>=2', 'scipy']],
    ['a URL fragment is not a comment', 'git+https://host/repo.git#egg=pkg', ['git+https://host/repo.git#egg=pkg']],
    ['nothing but blanks', '\n \n', []],
  ])('%s', (_name, text, expected) => {
    expect(splitPastedLines(text)).toEqual(expected);
  });

  it.each([
    ['numpy', false],
    ['numpy\n', false],
    ['numpy\npandas', true],
  ])('isMultiLinePaste(%j) is %s', (text, expected) => {
    expect(isMultiLinePaste(text)).toBe(expected);
  });
});

describe('list edits', () => {
  it.each([
    ['down', ['a', 'b', 'c'], 0, 1, ['b', 'a', 'c']],
    ['up', ['a', 'b', 'c'], 2, 1, ['a', 'c', 'b']],
    ['past the end is clamped', ['a', 'b'], 1, 5, ['a', 'b']],
    ['before the start is clamped', ['a', 'b'], 0, -1, ['a', 'b']],
    ['an index outside the list changes nothing', ['a', 'b'], 4, 0, ['a', 'b']],
  ])('moveEntry %s', (_name, list, from, to, expected) => {
    expect(moveEntry(list, from, to)).toEqual(expected);
  });

  it('removeEntry drops one entry and keeps the input', () => {
    const list = ['a', 'b', 'c'];
    expect(removeEntry(list, 1)).toEqual(['a', 'c']);
    expect(list).toEqual(['a', 'b', 'c']);
  });

  it.each([
    ['in the middle', ['a', 'x', 'd'], 1, ['b', 'c'], ['a', 'b', 'c', 'd']],
    ['at the end', ['a', 'x'], 1, ['b', 'c'], ['a', 'b', 'c']],
    ['with nothing', ['a', 'x'], 1, [], ['a']],
  ])('replaceEntry %s', (_name, list, index, entries, expected) => {
    expect(replaceEntry(list, index, entries)).toEqual(expected);
  });

  it('appendEntries skips duplicates', () => {
    expect(appendEntries(['numpy'], ['numpy', 'pandas', 'pandas', 'scipy'])).toEqual(['numpy', 'pandas', 'scipy']);
  });
});
