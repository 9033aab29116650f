import { describe, expect, it } from 'vitest';
import { installOrder } from './install-order';

describe('installOrder', () => {
  it.each([
    [[{ name: 'b', depends: [] }, { name: 'a', depends: [] }], ['a', 'b']],
    [[{ name: 'numpy', depends: ['python >=3.12,<3.13.0a0', 'libblas >=3.9'] }, { name: 'python', depends: ['__glibc >=2.17'] }, { name: 'libblas', depends: [] }], ['libblas', 'python', 'numpy']],
    // conda-forge: python depends on pip, pip on python, setuptools and wheel.
    [
      [
        { name: 'pip', depends: ['python >=3.8', 'setuptools', 'wheel'] },
        { name: 'python', depends: ['pip', 'openssl >=3'] },
        { name: 'setuptools', depends: ['python >=3.9'] },
        { name: 'wheel', depends: ['python >=3.8'] },
        { name: 'openssl', depends: [] },
      ],
      ['openssl', 'python', 'setuptools', 'wheel', 'pip'],
    ],
    [[{ name: 'a', depends: ['a'] }], ['a']],
    [[{ name: 'x', depends: ['libgcc 14.2.0 h77fa898_1'] }, { name: 'libgcc', depends: [] }], ['libgcc', 'x']],
  ])('%j', (nodes, order) => expect(installOrder(nodes)).toEqual(order));
});
