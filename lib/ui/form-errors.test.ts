import { describe, expect, it } from 'vitest';
import { designSchema } from '@/lib/design/schema';
import { errorMapFromIssues, firstErrorPath, sameErrors } from './form-errors';

describe('errorMapFromIssues', () => {
  it('keys messages by dotted path and keeps the first per path', () => {
    expect(
      errorMapFromIssues([
        { path: ['conda', 'packages', 2], message: 'first' },
        { path: ['conda', 'packages', 2], message: 'second' },
        { path: ['conda', 'packages'], message: 'list' },
        { path: [], message: 'design' },
      ]),
    ).toEqual({ 'conda.packages.2': 'first', 'conda.packages': 'list', '': 'design' });
  });

  it('gives the schema message for a bad entry at the entry, and a cross-field message at its field', () => {
    const entry = designSchema.safeParse({ user: { uid: '0' }, conda: { packages: ['numpy', 'numpy >>1'] } });
    expect(errorMapFromIssues(entry.error?.issues ?? [])).toEqual({
      'user.uid': expect.stringMatching(/^User ID: /),
      'conda.packages.1': expect.stringMatching(/^Conda package: /),
    });
    // Cross-field rules run once every field is valid on its own.
    const crossField = designSchema.safeParse({ runtime: { command: 'custom', customCommand: [] } });
    expect(errorMapFromIssues(crossField.error?.issues ?? [])).toEqual({
      'runtime.customCommand': expect.stringMatching(/^Custom command: /),
    });
  });
});

describe('sameErrors and firstErrorPath', () => {
  it.each([
    [{}, {}, true],
    [{ a: 'x' }, { a: 'x' }, true],
    [{ a: 'x' }, { a: 'y' }, false],
    [{ a: 'x' }, { a: 'x', b: 'y' }, false],
  ])('sameErrors(%j, %j) is %s', (a, b, expected) => {
    expect(sameErrors(a, b)).toBe(expected);
  });

  it('orders errors as the form shows its sections', () => {
    expect(firstErrorPath({ 'user.uid': 'x', 'base.image': 'y', '': 'z' }, ['base', 'user'])).toBe('base.image');
    expect(firstErrorPath({}, ['base'])).toBeUndefined();
  });
});
