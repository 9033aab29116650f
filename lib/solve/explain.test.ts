import { describe, expect, it } from 'vitest';
import { blameSpec, classifyRattlerError, normaliseRattlerError, type SpecOrigin } from './explain';

// Messages as rattler 0.3.5 throws them (recorded against the fixture channel).
const CONFLICT = `Cannot solve the request because of: legacy-stats * cannot be installed because there are no viable options:
└─ legacy-stats 0.9.0 would require
   └─ numpy >=1.21,<2, for which no candidates were found.
`;
const INCOMPATIBLE = `Cannot solve the request because of: The following packages are incompatible
├─ numpy >=2 can be installed with any of the following options:
│  └─ numpy 2.1.3
└─ legacy-stats * cannot be installed because there are no viable options:
   └─ legacy-stats 0.9.0 would require
      └─ numpy >=1.21,<2, which cannot be installed because there are no viable options:
`;
const NO_CANDIDATES = 'Cannot solve the request because of: No candidates were found for mkl *.\n';

const SPECS: SpecOrigin[] = [
  { name: 'python', spec: 'python=3.12', field: 'conda.pythonVersion', line: 6 },
  { name: 'numpy', spec: 'numpy>=2', field: 'conda.packages.0', line: 7 },
  { name: 'legacy-stats', spec: 'legacy-stats', field: 'conda.packages.1', line: 8 },
  { name: 'mkl', spec: 'mkl', field: 'conda.packages.2', line: 9 },
];

describe('normaliseRattlerError', () => {
  it.each([
    [NO_CANDIDATES, 'Cannot solve the request because of: No candidates were found for mkl *.'],
    [new Error('RuntimeError: unreachable'), 'RuntimeError: unreachable'],
    [{ code: 1 }, '{"code":1}'],
    ['  ', 'the solver failed without a message'],
  ])('%j', (thrown, message) => expect(normaliseRattlerError(thrown)).toBe(message));
});

describe('classifyRattlerError', () => {
  it.each([
    [CONFLICT, 'unsolvable'],
    [INCOMPATIBLE, 'unsolvable'],
    [NO_CANDIDATES, 'no-candidates'],
    ['error sending request', 'network'],
    ["could not find subdir 'noarch' in channel 'http://127.0.0.1:1/x/'", 'network'],
    ['unable to parse version spec: >>=1', 'invalid-spec'],
    ['invalid bracket key: features', 'invalid-spec'],
    ['RuntimeError: unreachable', 'solver-crashed'],
  ])('%j is %s', (message, kind) => expect(classifyRattlerError(normaliseRattlerError(message))).toBe(kind));
});

describe('blameSpec', () => {
  it.each([
    [CONFLICT, 'conda.packages.1'],
    [INCOMPATIBLE, 'conda.packages.1'],
    [NO_CANDIDATES, 'conda.packages.2'],
    ['Cannot solve the request because of: python 3.13.* cannot be installed because there are no viable options:', 'conda.pythonVersion'],
    ["invalid package name 'numpy>=2': …", 'conda.packages.0'],
  ])('%j → %s', (message, field) => expect(blameSpec(normaliseRattlerError(message), SPECS)?.field).toBe(field));

  it('blames nobody it cannot name', () => {
    expect(blameSpec('Cannot solve the request because of: No candidates were found for other *.', SPECS)).toBeUndefined();
  });
});
