import { describe, expect, it } from 'vitest';
import { parsePipLine } from '@/lib/specs/pip-requirement';
import { evaluateMarker, markerEnvironment } from './markers';

const X86_312 = markerEnvironment('3.12', 'x86_64');
const ARM_312 = markerEnvironment('3.12', 'aarch64');
const X86_39 = markerEnvironment('3.9', 'x86_64', '3.9.20');

describe('evaluateMarker', () => {
  it.each([
    ['python_version < "3.11"', X86_312, false],
    ['python_version < "3.11"', X86_39, true],
    ['python_version >= "3.9"', X86_39, true],
    ['python_version == "3.12"', X86_312, true],
    ['python_version == "3.1"', X86_312, false],
    ['python_version != "3.12"', X86_312, false],
    ['python_version ~= "3.10"', X86_312, true],
    ['"3.11" < python_version', X86_312, true],
    ['"3.13" <= python_version', X86_312, false],
    ['python_full_version >= "3.9.17"', X86_39, true],
    ['python_full_version == "3.12.*"', X86_312, true],
    ['platform_machine == "x86_64"', X86_312, true],
    ['platform_machine == "x86_64"', ARM_312, false],
    ['platform_machine != "aarch64"', ARM_312, false],
    ['sys_platform == "linux"', X86_312, true],
    ['sys_platform == "win32"', X86_312, false],
    ['os_name == "nt"', X86_312, false],
    ['platform_system == "Linux" and platform_machine == "aarch64"', ARM_312, true],
    ['sys_platform == "darwin" or python_version < "3.10"', X86_39, true],
    ['(os_name == "nt" or sys_platform == "darwin") and python_version < "3.11"', X86_39, false],
    ['sys_platform == "darwin" or python_version >= "3.10" and platform_machine == "aarch64"', ARM_312, true],
    ['"linux" in sys_platform', X86_312, true],
    ['"arm" not in platform_machine', ARM_312, true],
    ['implementation_name == "cpython"', X86_312, true],
    ['platform_python_implementation == "PyPy"', X86_312, false],
    ['extra == "test"', X86_312, false],
  ] as const)('%s', (marker, env, expected) => expect(evaluateMarker(marker, env)).toBe(expected));

  it('evaluates the canonical marker lib/specs/pip-requirement writes', () => {
    const parsed = parsePipLine("tomli>=2; python_version<'3.11' and platform_machine=='aarch64'");
    if (!parsed.ok || parsed.line.kind !== 'requirement') throw new Error('expected a requirement');
    expect(evaluateMarker(parsed.line.marker!, X86_39)).toBe(false);
    expect(evaluateMarker(parsed.line.marker!, markerEnvironment('3.10', 'aarch64'))).toBe(true);
  });

  it('refuses text that is not a marker', () => {
    expect(() => evaluateMarker('python_version <', X86_312)).toThrow(/cannot read/);
  });
});
