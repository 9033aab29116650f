import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCondaVersions } from './conda-version';

// conda's own documented order (conda/models/version.py, VersionOrder docstring), oldest first; "==" marks equals.
const CONDA_DOCS_ORDER = [
  ['0.4'],
  ['0.4.0'],
  ['0.4.1.rc', '0.4.1.RC'],
  ['0.4.1'],
  ['0.5a1'],
  ['0.5b3'],
  ['0.5C1'],
  ['0.5'],
  ['0.9.6'],
  ['0.960923'],
  ['1.0'],
  ['1.1dev1'],
  ['1.1_'],
  ['1.1a1'],
  ['1.1.0dev1', '1.1.dev1'],
  ['1.1.a1'],
  ['1.1.0rc1'],
  ['1.1.0', '1.1'],
  ['1.1.0post1', '1.1.post1'],
  ['1.1post1'],
  ['1996.07.12'],
  ['1!0.4.1'],
  ['1!3.1.1.6'],
  ['2!0.4.1'],
];

describe('compareCondaVersions', () => {
  it("sorts conda's documented examples in conda's order", () => {
    const flat = CONDA_DOCS_ORDER.flatMap((group, rank) => group.map((version) => ({ version, rank })));
    for (const a of flat)
      for (const b of flat) {
        const expected = Math.sign(a.rank - b.rank);
        // conda: 0.4 == 0.4.0 (missing parts are 0)
        const equalPair = (x: string, y: string) => (x === '0.4' && y === '0.4.0') || (x === '0.4.0' && y === '0.4');
        expect([a.version, b.version, Math.sign(compareCondaVersions(a.version, b.version))]).toEqual([
          a.version,
          b.version,
          equalPair(a.version, b.version) ? 0 : expected,
        ]);
      }
  });

  it.each([
    ['2.1.3', '1.26.4', 1],
    ['1.10', '1.9', 1],
    ['2024b', '2024a', 1],
    ['2.9.0.post0', '2.9.0', 1],
    // A word sorts below the implicit 0 of a missing local part, as in conda.
    ['1.0.0+cpu', '1.0.0', -1],
    ['1.0.0+cu126', '1.0.0+cpu', 1],
    ['3.0.0-beta', '3.0.0', -1],
    ['20240101', '99999999999999999999', -1],
    ['1.0', '1.0.0', 0],
  ])('%s vs %s → %i', (a, b, expected) => {
    expect(Math.sign(compareCondaVersions(a, b))).toBe(expected);
  });

  it('is a total order on realistic versions (antisymmetric, transitive)', () => {
    const version = fc
      .array(fc.oneof(fc.nat(30).map(String), fc.constantFrom('a1', 'rc2', 'dev0', 'post1', 'b', '_')), { minLength: 1, maxLength: 4 })
      .map((parts) => parts.join('.').replace(/\._$/, '_'));
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        expect(Math.sign(compareCondaVersions(a, b))).toBe(-Math.sign(compareCondaVersions(b, a)) || 0);
        if (compareCondaVersions(a, b) <= 0 && compareCondaVersions(b, c) <= 0) expect(compareCondaVersions(a, c)).toBeLessThanOrEqual(0);
      }),
    );
  });
});
