import { describe, expect, it } from 'vitest';
import { jsonErrorOffset, lineAndColumn } from './json-error';

describe('jsonErrorOffset', () => {
  // The caret marks where the scanner should stop; every text is invalid JSON.
  it.each([
    ['{"a": 1,}', '        ^'],
    ['{"a": }', '      ^'],
    ['{"a": tru}', '      ^'],
    ['{"a" 1}', '     ^'],
    ["{'a': 1}", ' ^'],
    ['{a: 1}', ' ^'],
    ['[1, 2,]', '      ^'],
    ['[1 2]', '   ^'],
    ['{"a": [1, {"b": 2]}', '                 ^'],
    ['{"a": 1} x', '         ^'],
    ['{"a": 01}', '       ^'],
    ['{"a": "b\tc"}', '      ^'],
    ['', '^'],
    ['{"a": 1', '       ^'],
    ['[[[[', '    ^'],
  ])('%j', (text, caret) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorOffset(text)).toBe(caret.indexOf('^'));
  });

  it('survives nesting far deeper than the stack', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(199_999)}}`;
    expect(jsonErrorOffset(deep)).toBe(deep.length - 1);
  });
});

describe('lineAndColumn', () => {
  it.each([
    ['', 0, 1, 1],
    ['abc', 2, 1, 3],
    ['a\nbc', 3, 2, 2],
    ['a\n', 2, 2, 1],
  ])('%j at %i → %i:%i', (text, offset, line, column) => {
    expect(lineAndColumn(text, offset)).toEqual({ line, column });
  });
});
