import { describe, expect, it } from 'vitest';
import { DEFAULT_DESIGN } from '@/lib/design/schema';
import { findUnknownKeys, formatIssuePath, validateDesign } from './validate-design';

describe('formatIssuePath', () => {
  it.each([
    [[], '(design)'],
    [['user'], 'user'],
    [['user', 'name'], 'user.name'],
    [['conda', 'packages', 2], 'conda.packages[2]'],
    [['runtime', 'env', 0, 'name'], 'runtime.env[0].name'],
  ] as const)('%j → %s', (path, expected) => {
    expect(formatIssuePath(path)).toBe(expected);
  });
});

describe('validateDesign', () => {
  it('fills in the defaults of a partial design', () => {
    expect(validateDesign({})).toEqual({ ok: true, design: DEFAULT_DESIGN, unknownKeys: [] });
    const result = validateDesign({ user: { name: 'ada', uid: '1234' } });
    expect(result.ok && result.design.user).toEqual({ name: 'ada', uid: 1234, gid: 100 });
  });

  it('lists every problem as path: message', () => {
    expect(validateDesign({ user: { name: 'Root' }, runtime: { port: 0 }, base: 'ubuntu' })).toEqual({
      ok: false,
      issues: [
        expect.stringMatching(/^base: /),
        expect.stringMatching(/^user\.name: User name: start with a lower-case letter/),
        'runtime.port: Port: must be a whole number from 1 to 65535, e.g. 8888.',
      ],
    });
  });

  it('never throws, whatever the input', () => {
    for (const input of [null, undefined, 42, 'design', [], { conda: { packages: [null, 1, {}] } }])
      expect(validateDesign(input).ok).toBe(false);
  });

  it('names the keys the schema ignored, in input order, at any depth', () => {
    const result = validateDesign({ usr: {}, project: { nmae: 'x' }, runtime: { env: [{ name: 'A', value: '1', secret: 1 }] } });
    expect(result.ok && result.unknownKeys).toEqual(['usr', 'project.nmae', 'runtime.env[0].secret']);
  });
});

describe('findUnknownKeys', () => {
  it('compares an input with what the schema made of it', () => {
    expect(findUnknownKeys({ a: 1, b: { c: 2, d: 3 } }, { a: 1, b: { c: 2 } })).toEqual(['b.d']);
    expect(findUnknownKeys([{ x: 1 }], [{}])).toEqual(['[0].x']);
    expect(findUnknownKeys('x', {})).toEqual([]);
  });
});
