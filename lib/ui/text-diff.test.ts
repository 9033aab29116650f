import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChange, changedSpan } from './text-diff';

describe('changedSpan', () => {
  it.each([
    ['equal texts', 'abc', 'abc', null],
    ['one character replaced', 'FROM ubuntu:22.04', 'FROM ubuntu:24.04', { start: 13, deleteCount: 1, insert: '4' }],
    ['a line added at the end', 'a\n', 'a\nb\n', { start: 2, deleteCount: 0, insert: 'b\n' }],
    ['a line removed in the middle', 'a\nb\nc\n', 'a\nc\n', { start: 2, deleteCount: 2, insert: '' }],
    ['repeated characters do not overlap prefix and suffix', 'aaa', 'aa', { start: 2, deleteCount: 1, insert: '' }],
    ['everything replaced', 'abc', 'xyz', { start: 0, deleteCount: 3, insert: 'xyz' }],
    ['from empty', '', 'new', { start: 0, deleteCount: 0, insert: 'new' }],
  ])('%s', (_name, before, after, expected) => {
    expect(changedSpan(before, after)).toEqual(expected);
  });

  it('always turns before into after', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        expect(applyChange(before, changedSpan(before, after))).toBe(after);
      }),
    );
  });
});
