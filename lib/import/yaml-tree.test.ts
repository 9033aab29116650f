import { describe, expect, it } from 'vitest';
import { isNullNode, parseYamlTree, type YamlNode } from './yaml-tree';

/** Every list item's text and line under the first key, whatever the layout. */
function itemLines(text: string): Array<[string, number]> {
  const result = parseYamlTree(text, 'test.yml');
  if (!result.ok || result.root?.kind !== 'mapping') throw new Error(result.ok ? 'not a mapping' : result.error);
  const list = result.root.entries[0].value;
  if (list.kind !== 'sequence') throw new Error('not a list');
  return list.items.map((item: YamlNode) => [item.kind === 'scalar' ? item.value : item.kind, item.line]);
}

describe('parseYamlTree', () => {
  it.each([
    ['indented list', 'deps:\n  - a\n  - b\n', [['a', 2], ['b', 3]]],
    ['unindented list', 'deps:\n- a\n- b\n', [['a', 2], ['b', 3]]],
    ['4-space indents', 'deps:\n    - a\n    -   b\n', [['a', 2], ['b', 3]]],
    ['flow sequence', 'deps: [a, b]\n', [['a', 1], ['b', 1]]],
    ['flow sequence over lines', 'deps: [a,\n  b]\n', [['a', 1], ['b', 2]]],
    ['comments between items', 'deps:\n  # note\n  - a  # trailing\n\n  - b\n', [['a', 3], ['b', 5]]],
    ['empty items', 'deps:\n  -\n  - a\n  -    # nothing\n  - b\n', [['', 2], ['a', 3], ['', 4], ['b', 5]]],
    ['mapping items', 'deps:\n  - a\n  - pip:\n      - b\n', [['a', 2], ['mapping', 3]]],
    ['quoted items', 'deps:\n  - "a: b"\n  - \'c\'\n', [['a: b', 2], ['c', 3]]],
    ['CRLF line ends', 'deps:\r\n  - a\r\n  - b\r\n', [['a', 2], ['b', 3]]],
  ] as const)('keeps the line of each item: %s', (_, text, expected) => {
    expect(itemLines(text)).toEqual(expected);
  });

  it('keeps scalars as written, not as YAML numbers', () => {
    expect(itemLines('v:\n  - 1.10\n  - 3.12\n  - 0o17\n')).toEqual([['1.10', 2], ['3.12', 3], ['0o17', 4]]);
  });

  it('gives an empty mapping value the line of its key', () => {
    const result = parseYamlTree('a: 1\nb:\nc: ~\n', 'test.yml');
    expect(result.ok && result.root?.kind === 'mapping' && result.root.entries.map((entry) => [isNullNode(entry.value), entry.value.line])).toEqual([
      [false, 1],
      [true, 2],
      [true, 3],
    ]);
  });

  it('resolves aliases to the anchored node', () => {
    const result = parseYamlTree('base: &pkgs [a, b]\ncopy: *pkgs\n', 'test.yml');
    expect(result.ok && result.root?.kind === 'mapping' && result.root.entries[1].value).toMatchObject({ kind: 'sequence', line: 1 });
  });

  it.each([
    ['bad indentation', 'a:\n  - b\n - c\n', /^f\.yml: invalid YAML at line 3, column 2: /],
    ['unclosed flow sequence', 'a: [b\nc: d\n', /^f\.yml: invalid YAML at line 2, column 1: /],
    ['duplicate keys', 'a: 1\na: 2\n', /^f\.yml: invalid YAML at line 2, column 1: duplicated mapping key/],
    ['two documents', 'a: 1\n---\nb: 2\n', /^f\.yml: invalid YAML/],
  ])('reports malformed YAML with line and column: %s', (_, text, message) => {
    const result = parseYamlTree(text, 'f.yml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('reads an empty or comment-only text as no document', () => {
    expect(parseYamlTree('', 'f.yml')).toEqual({ ok: true, root: undefined });
    expect(parseYamlTree('# only a comment\n\n', 'f.yml')).toEqual({ ok: true, root: undefined });
  });

  it('refuses alias bombs instead of expanding them', () => {
    const layers = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let index = 1; index < 12; index += 1) layers.push(`${String.fromCharCode(97 + index)}: &${String.fromCharCode(97 + index)} [${Array(9).fill(`*${String.fromCharCode(96 + index)}`).join(',')}]`);
    const result = parseYamlTree(`${layers.join('\n')}\n`, 'bomb.yml');
    expect(result.ok).toBe(false);
  });
});
