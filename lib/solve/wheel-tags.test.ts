import { describe, expect, it } from 'vitest';
import { bestWheel, parseWheelFilename, wheelRank, type WheelTarget } from './wheel-tags';

const X86_312: WheelTarget = { python: '3.12', arch: 'x86_64', glibc: '2.39' };
const ARM_312: WheelTarget = { python: '3.12', arch: 'aarch64', glibc: '2.39' };
const X86_312_OLD: WheelTarget = { python: '3.12', arch: 'x86_64', glibc: '2.28' };
const X86_39: WheelTarget = { python: '3.9', arch: 'x86_64', glibc: '2.35' };

describe('wheel compatibility', () => {
  it.each([
    // file, target, fits
    ['rich-13.9.4-py3-none-any.whl', ARM_312, true],
    ['six-1.16.0-py2.py3-none-any.whl', X86_312, true],
    ['old-1.0-py2-none-any.whl', X86_312, false],
    ['tomli-2.0.1-py312-none-any.whl', X86_312, true],
    ['tomli-2.0.1-py313-none-any.whl', X86_312, false],
    ['tomli-2.0.1-py311-none-any.whl', X86_312, true],
    ['numpy-2.1.3-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl', X86_312, true],
    ['numpy-2.1.3-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl', ARM_312, false],
    ['numpy-2.1.3-cp313-cp313-manylinux_2_17_x86_64.whl', X86_312, false],
    ['numpy-2.1.3-cp311-cp311-manylinux_2_17_x86_64.whl', X86_312, false],
    ['numpy-2.1.3-cp312-cp312-manylinux_2_17_aarch64.manylinux2014_aarch64.whl', ARM_312, true],
    ['numpy-2.1.3-cp312-cp312-musllinux_1_2_x86_64.whl', X86_312, false],
    ['numpy-2.1.3-cp312-cp312-win_amd64.whl', X86_312, false],
    ['numpy-2.1.3-cp312-cp312-macosx_14_0_arm64.whl', ARM_312, false],
    ['x-1.0-cp312-cp312-linux_x86_64.whl', X86_312, true],
    // manylinux_2_Y needs Y <= the image's glibc; legacy aliases are 2_5, 2_12, 2_17.
    ['x-1.0-cp312-cp312-manylinux_2_39_x86_64.whl', X86_312, true],
    ['x-1.0-cp312-cp312-manylinux_2_40_x86_64.whl', X86_312, false],
    ['x-1.0-cp312-cp312-manylinux_2_28_x86_64.whl', X86_312_OLD, true],
    ['x-1.0-cp312-cp312-manylinux_2_34_x86_64.whl', X86_312_OLD, false],
    ['x-1.0-cp312-cp312-manylinux2014_x86_64.whl', X86_312_OLD, true],
    ['x-1.0-cp312-cp312-manylinux2010_x86_64.whl', X86_312_OLD, true],
    ['x-1.0-cp312-cp312-manylinux1_x86_64.whl', X86_312_OLD, true],
    ['x-1.0-cp312-cp312-manylinux1_x86_64.whl', ARM_312, false],
    ['x-1.0-cp312-cp312-manylinux_3_0_x86_64.whl', X86_312, false],
    // abi3: built for cp3N, works on every CPython 3.M >= 3.N.
    ['cryptography-44.0.0-cp39-abi3-manylinux_2_28_x86_64.whl', X86_312, true],
    ['cryptography-44.0.0-cp39-abi3-manylinux_2_28_aarch64.whl', ARM_312, true],
    ['cryptography-44.0.0-cp313-abi3-manylinux_2_28_x86_64.whl', X86_312, false],
    ['cryptography-44.0.0-cp39-abi3-manylinux_2_28_x86_64.whl', X86_39, true],
    ['x-1.0-py3-abi3-any.whl', X86_312, false],
    // cpXY-none: interpreter-specific but ABI-free.
    ['x-1.0-cp312-none-manylinux_2_17_x86_64.whl', X86_312, true],
    ['x-1.0-cp311-none-any.whl', X86_312, false],
    // free-threaded builds need a free-threaded interpreter.
    ['x-1.0-cp313-cp313t-manylinux_2_17_x86_64.whl', { python: '3.13', arch: 'x86_64', glibc: '2.39' }, false],
    ['x-1.0-build1-cp312-cp312-manylinux_2_17_x86_64.whl', X86_312, true],
    ['not-a-wheel-1.0.tar.gz', X86_312, false],
  ] as const)('%s on %j: %s', (filename, target, fits) => {
    expect(wheelRank(filename, target) !== undefined).toBe(fits);
  });
});

describe('bestWheel', () => {
  it.each([
    [['x-1-py3-none-any.whl', 'x-1-cp312-cp312-manylinux_2_17_x86_64.whl'], X86_312, 'x-1-cp312-cp312-manylinux_2_17_x86_64.whl'],
    [['x-1-cp39-abi3-manylinux_2_17_x86_64.whl', 'x-1-cp312-cp312-manylinux_2_17_x86_64.whl'], X86_312, 'x-1-cp312-cp312-manylinux_2_17_x86_64.whl'],
    [['x-1-cp312-cp312-manylinux_2_17_x86_64.whl', 'x-1-cp312-cp312-manylinux_2_28_x86_64.whl'], X86_312, 'x-1-cp312-cp312-manylinux_2_28_x86_64.whl'],
    [['x-1-cp312-cp312-manylinux_2_17_x86_64.whl'], ARM_312, undefined],
    [['x-1-py3-none-any.whl', 'x-1-cp312-cp312-manylinux_2_17_x86_64.whl'], ARM_312, 'x-1-py3-none-any.whl'],
  ] as const)('%j on %j → %s', (files, target, best) => expect(bestWheel(files, target)).toBe(best));
});

describe('parseWheelFilename', () => {
  it('splits the compressed tag sets and skips the build tag', () => {
    expect(parseWheelFilename('six-1.16.0-1-py2.py3-none-any.whl')).toEqual({
      name: 'six',
      version: '1.16.0',
      pythons: ['py2', 'py3'],
      abis: ['none'],
      platforms: ['any'],
    });
  });
});
