import fc from 'fast-check';
import { load, YAML11_SCHEMA } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { type CondaSpec, condaSpecName, formatCondaSpec, parseCondaSpec } from './conda-spec';

/** The brief's safe alphabet, minus '@' which no accepted spec contains. */
const SAFE_CHARACTERS = /^[A-Za-z0-9_.\-:/*=<>!~,|[\]' +]+$/;
const YAML_INDICATORS = '-?:,[]{}#&*!|>\'"%@`';

function parsedSpec(input: string): CondaSpec {
  const result = parseCondaSpec(input);
  if (!result.ok) throw new Error(result.error);
  return result.spec;
}

function parseError(input: string): string {
  const result = parseCondaSpec(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be rejected, got ${JSON.stringify(result.spec)}`);
  return result.error;
}

/** What the generated files need: one plain YAML string item, nothing YAML or a shell could reinterpret. */
function expectSafeListItem(text: string): void {
  expect(text).toMatch(SAFE_CHARACTERS);
  expect(text).not.toContain(': ');
  expect(text).not.toContain(' #');
  expect(text.endsWith(':')).toBe(false);
  expect(YAML_INDICATORS).not.toContain(text[0]);
  expect(load(`- ${text}`)).toEqual([text]);
  expect(load(`- ${text}`, { schema: YAML11_SCHEMA })).toEqual([text]);
}

describe('parseCondaSpec accepts', () => {
  it.each<[string, CondaSpec, string]>([
    ['numpy', { name: 'numpy' }, 'numpy'],
    ['numpy>=1.26,<2', { name: 'numpy', version: '>=1.26,<2' }, 'numpy>=1.26,<2'],
    ['numpy >=1.26,<2', { name: 'numpy', version: '>=1.26,<2' }, 'numpy>=1.26,<2'],
    ['numpy >= 1.26, < 2', { name: 'numpy', version: '>=1.26,<2' }, 'numpy>=1.26,<2'],
    ['  numpy  ', { name: 'numpy' }, 'numpy'],
    ['python=3.12.*', { name: 'python', version: '3.12.*' }, 'python=3.12'],
    ['python=3.12', { name: 'python', version: '3.12.*' }, 'python=3.12'],
    ['python=3.12*', { name: 'python', version: '3.12.*' }, 'python=3.12'],
    ['python==3.12.1', { name: 'python', version: '3.12.1' }, 'python==3.12.1'],
    ['python =3.11', { name: 'python', version: '3.11.*' }, 'python=3.11'],
    ['python 3.11.*', { name: 'python', version: '3.11.*' }, 'python=3.11'],
    ['python 3.11', { name: 'python', version: '3.11' }, 'python==3.11'],
    ['python==3.12.*', { name: 'python', version: '3.12.*' }, 'python=3.12'],
    ['python=*', { name: 'python', version: '*' }, 'python=*'],
    ['pytorch=*=cuda*', { name: 'pytorch', version: '*', build: 'cuda*' }, 'pytorch=*=cuda*'],
    // conda's own rule: with a build after it, "=2.4" is the exact version 2.4, not 2.4.*.
    ['pytorch=2.4=cuda*', { name: 'pytorch', version: '2.4', build: 'cuda*' }, 'pytorch=2.4=cuda*'],
    ['pytorch=2.4.*=cuda*', { name: 'pytorch', version: '2.4.*', build: 'cuda*' }, 'pytorch=2.4.*=cuda*'],
    ['pytorch 2.4.* cuda*', { name: 'pytorch', version: '2.4.*', build: 'cuda*' }, 'pytorch=2.4.*=cuda*'],
    ['pkg=1.0=py312_0', { name: 'pkg', version: '1.0', build: 'py312_0' }, 'pkg=1.0=py312_0'],
    ['pkg==1.0=py312_0', { name: 'pkg', version: '1.0', build: 'py312_0' }, 'pkg=1.0=py312_0'],
    ['pkg 1.0 py312_0', { name: 'pkg', version: '1.0', build: 'py312_0' }, 'pkg=1.0=py312_0'],
    ['libarchive>=3.8 lgpl_*', { name: 'libarchive', version: '>=3.8', build: 'lgpl_*' }, 'libarchive>=3.8 lgpl_*'],
    ['numpy >=1.0,<2 py_0', { name: 'numpy', version: '>=1.0,<2', build: 'py_0' }, 'numpy>=1.0,<2 py_0'],
    ['conda-forge::r-base', { channel: 'conda-forge', name: 'r-base' }, 'conda-forge::r-base'],
    ['conda-forge::r-base>=4.3', { channel: 'conda-forge', name: 'r-base', version: '>=4.3' }, 'conda-forge::r-base>=4.3'],
    ['conda-forge/label/dev::pkg', { channel: 'conda-forge/label/dev', name: 'pkg' }, 'conda-forge/label/dev::pkg'],
    ['conda-forge/linux-64::pkg', { channel: 'conda-forge', subdir: 'linux-64', name: 'pkg' }, 'conda-forge/linux-64::pkg'],
    [
      'https://conda.anaconda.org/conda-forge::numpy',
      { channel: 'https://conda.anaconda.org/conda-forge', name: 'numpy' },
      'https://conda.anaconda.org/conda-forge::numpy',
    ],
    [
      'https://conda.anaconda.org/conda-forge/noarch::tqdm',
      { channel: 'https://conda.anaconda.org/conda-forge', subdir: 'noarch', name: 'tqdm' },
      'https://conda.anaconda.org/conda-forge/noarch::tqdm',
    ],
    ['file:///opt/channel::pkg', { channel: 'file:///opt/channel', name: 'pkg' }, 'file:///opt/channel::pkg'],
    ["numpy[version='>=1.26']", { name: 'numpy', version: '>=1.26' }, 'numpy>=1.26'],
    ['numpy[version=1.26.*]', { name: 'numpy', version: '1.26.*' }, 'numpy=1.26'],
    ["numpy[version='=1.26']", { name: 'numpy', version: '1.26.*' }, 'numpy=1.26'],
    ["numpy[version='>=1.26, <2', build=py*]", { name: 'numpy', version: '>=1.26,<2', build: 'py*' }, 'numpy>=1.26,<2 py*'],
    ['numpy[build=py*]', { name: 'numpy', build: 'py*' }, 'numpy[build=py*]'],
    ['pkg[build_number=3]', { name: 'pkg', brackets: { build_number: '3' } }, 'pkg[build_number=3]'],
    ["pkg[build_number='>=3']", { name: 'pkg', brackets: { build_number: '>=3' } }, "pkg[build_number='>=3']"],
    ["pkg[version='>=1' build_number=3]", { name: 'pkg', version: '>=1', brackets: { build_number: '3' } }, 'pkg>=1[build_number=3]'],
    ['numpy[subdir=linux-64]', { name: 'numpy', subdir: 'linux-64' }, 'numpy[subdir=linux-64]'],
    ['numpy[channel=conda-forge]', { channel: 'conda-forge', name: 'numpy' }, 'conda-forge::numpy'],
    ['defaults::numpy[channel=conda-forge]', { channel: 'conda-forge', name: 'numpy' }, 'conda-forge::numpy'],
    ['numpy>=1.0 py_0[build=mkl*]', { name: 'numpy', version: '>=1.0', build: 'mkl*' }, 'numpy>=1.0 mkl*'],
    ['_libgcc_mutex', { name: '_libgcc_mutex' }, '_libgcc_mutex'],
    ['r-base', { name: 'r-base' }, 'r-base'],
    ['python-dateutil', { name: 'python-dateutil' }, 'python-dateutil'],
    ['ca-certificates', { name: 'ca-certificates' }, 'ca-certificates'],
    ['scikit-learn!=1.2.0', { name: 'scikit-learn', version: '!=1.2.0' }, 'scikit-learn!=1.2.0'],
    ['pkg>=1.0|<0.5', { name: 'pkg', version: '>=1.0|<0.5' }, 'pkg>=1.0|<0.5'],
    ['pkg 1.0|1.2', { name: 'pkg', version: '1.0|1.2' }, 'pkg 1.0|1.2'],
    ['pkg==1.0|==1.2', { name: 'pkg', version: '1.0|1.2' }, 'pkg 1.0|1.2'],
    ['pkg =1.0,<2', { name: 'pkg', version: '=1.0,<2' }, 'pkg=1.0,<2'],
    ['pkg 1.*.3', { name: 'pkg', version: '1.*.3' }, 'pkg 1.*.3'],
    ['openssl~=3.0', { name: 'openssl', version: '~=3.0' }, 'openssl~=3.0'],
    ['openssl>=3.0.0a1', { name: 'openssl', version: '>=3.0.0a1' }, 'openssl>=3.0.0a1'],
    ['pkg>=1!2.0+local.1', { name: 'pkg', version: '>=1!2.0+local.1' }, 'pkg>=1!2.0+local.1'],
    ['pkg !=1.0.*', { name: 'pkg', version: '!=1.0.*' }, 'pkg!=1.0.*'],
  ])('%s', (input, spec, canonical) => {
    expect(parsedSpec(input)).toEqual(spec);
    expect(formatCondaSpec(parsedSpec(input))).toBe(canonical);
    expect(parsedSpec(canonical)).toEqual(spec);
  });
});

describe('parseCondaSpec rejects', () => {
  it.each<[string, string]>([
    ['', 'the spec is empty'],
    ['   ', 'the spec is blank'],
    ['numpy\n', 'spans more than one line'],
    ['numpy\r', 'spans more than one line'],
    ['num\tpy', 'unexpected character U+0009'],
    ['numpy\u0000', 'unexpected character U+0000'],
    ['numpy\u00e9', 'unexpected character U+00E9'],
    ['numpy # pinned', '"#" starts a comment'],
    ['numpy;rm', '";" is not allowed'],
    ['numpy&&x', '"&" is not allowed'],
    ['numpy`id`', 'backticks are not allowed'],
    ['numpy$(id)', '"$" is not allowed'],
    ['{numpy}', 'YAML flow syntax'],
    ['numpy(x)', 'parentheses are not supported'],
    ['numpy@1.0', '"@" is not part of a conda spec'],
    ["'numpy'", 'quotes are only allowed inside [...]'],
    ['"numpy"', 'double quotes are not allowed'],
    ['pkg|other', '"|" (or) is only allowed in the version'],
    ['NumPy>=1.26', 'conda package names are lower-case ("numpy"); write it like "numpy>=1.26"'],
    ['-numpy', 'cannot start with "-"'],
    ['- numpy', 'remove the leading "- "'],
    ['pip:', 'cannot end with ":"'],
    ['numpy:', 'cannot end with ":"'],
    ['conda-forge::', 'the package name after "::" is missing'],
    ['conda-forge: numpy', '": " would turn the line into a YAML key'],
    ['conda-forge:numpy', 'use "::" between the channel and the package name'],
    ['conda-forge::numpy:1', '":" is only allowed in the channel part'],
    ['::numpy', 'the channel before "::" is missing'],
    ['conda forge::numpy', 'the channel "conda forge" is not valid'],
    ['ftp://host/channel::numpy', 'must start with https://, http:// or file://'],
    ['https://x/y-1.0-0.conda', 'package URLs are not supported'],
    ['a'.repeat(201), 'it is 201 characters long; the limit is 200'],
    ['numpy>>1', 'unexpected ">>" in the version; write it like "numpy>=1.26,<2"'],
    ['numpy=>1', 'unexpected "=>" in the version'],
    ['numpy<>1', 'unexpected "<>" in the version'],
    ['numpy>=', 'the version after ">=" is missing; write it like "numpy>=1.26"'],
    ['numpy=', 'the version after "=" is missing'],
    ['numpy==', 'the version after "=="'],
    ['numpy>=1,,<2', 'the version has an empty part'],
    ['numpy>=1|', 'the version has an empty part'],
    ['numpy 1..2', 'has an empty part'],
    ['numpy>=1.2^', 'unexpected character "^"'],
    ['numpy>=1.0%', 'unexpected character "%"'],
    ['numpy<=1.*', '".*" cannot follow "<="'],
    ['numpy>=1*2', '"*" after ">=" is only allowed as a trailing ".*"'],
    ['numpy~=3', '"~=" needs at least two version numbers'],
    ['numpy>=a!1', 'the epoch in "a!1" must be a number'],
    ['numpy>=1+a+b', 'more than one "+"'],
    ['pkg=1.0=py-0', 'a build string after "=" may only contain'],
    ['numpy 1.0 b c', 'the build string "b c" may only contain'],
    ['numpy[version=1', '"[" is not closed'],
    ['numpy]', '"]" has no matching "["'],
    ['numpy[a=1][b=2]', 'only one [...] part is allowed'],
    ['numpy[build=x] 1.0', 'the [...] part must come last'],
    ['numpy[]', 'the [...] part is empty'],
    ['numpy[version]', '"version" inside [...] needs a value'],
    ['numpy[version=]', 'the value of "version" inside [...] is empty'],
    ["numpy[version='>=1]", 'the quote after "version=" is not closed'],
    ['numpy[foo=1]', '"foo" is not a conda match spec key'],
    ['numpy[name=scipy]', 'the name goes before [...]'],
    ['numpy[build=1,build=2]', '"build" appears twice'],
    ['numpy[md5=abc]', '"abc" is not a valid md5'],
    ['numpy[subdir=mars-64]', '"mars-64" is not a conda platform subdir'],
    ['[version=1.0]', 'the package name is missing'],
    ['>=1.0', 'the package name is missing'],
    ['*', 'a package name is required'],
    ['*[md5=0123456789abcdef0123456789abcdef]', 'a package name is required'],
    ['.numpy', 'must start with a letter, digit or "_"'],
    ['numpy-', 'cannot end with "-"'],
    ['yes', 'YAML would read "yes" as a boolean'],
    ['null', 'YAML would read "null"'],
    ['1.5', 'YAML would read "1.5"'],
    ['0x1f', 'YAML would read "0x1f"'],
  ])('%j', (input, message) => {
    const error = parseError(input);
    expect(error).toContain(message);
    expect(error).toMatch(/^Invalid conda package spec ".*": .+; write it like ".+"\.$/s);
  });

  it('shows the whole message for a version typo', () => {
    expect(parseError('numpy>>1')).toBe(
      'Invalid conda package spec "numpy>>1": unexpected ">>" in the version; write it like "numpy>=1.26,<2".',
    );
  });

  it('answers with an error value for input that is not text', () => {
    expect(parseCondaSpec(42 as unknown as string)).toEqual({ ok: false, error: expect.stringContaining('not text') });
  });
});

describe('formatCondaSpec', () => {
  it.each<[CondaSpec, string]>([
    [{ name: 'numpy' }, 'numpy'],
    [{ name: 'python', version: '3.12.*' }, 'python=3.12'],
    [{ name: 'python', version: '3.12.1' }, 'python==3.12.1'],
    [{ name: 'pkg', build: 'cuda*' }, 'pkg[build=cuda*]'],
    [{ name: 'pkg', subdir: 'linux-64' }, 'pkg[subdir=linux-64]'],
    [{ channel: 'conda-forge', subdir: 'osx-arm64', name: 'pkg', version: '>=1' }, 'conda-forge/osx-arm64::pkg>=1'],
    [{ name: 'pkg', version: '>=1', brackets: { md5: '0123456789abcdef0123456789abcdef', build_number: '3' } }, 'pkg>=1[build_number=3,md5=0123456789abcdef0123456789abcdef]'],
  ])('%j -> %s', (spec, text) => {
    expect(formatCondaSpec(spec)).toBe(text);
    expect(parsedSpec(text)).toEqual(spec);
  });
});

/** Pieces of real and broken specs, so random combinations are often accepted and often nearly so. */
const CHANNELS = ['', 'conda-forge::', 'conda-forge/label/dev::', 'conda-forge/linux-64::', 'https://conda.anaconda.org/conda-forge::', 'x:', '::', ' '];
const NAMES = ['numpy', 'r-base', '_libgcc_mutex', 'python-dateutil', 'py', 'NumPy', 'yes', '1.5', '-x', '*', '', 'a.b'];
const VERSIONS = [
  '', '>=1.26,<2', ' >=1.26', '=3.12', '=3.12.*', '==3.12.1', ' 3.11.*', '=*', '=2.4', '!=1.2.0', '>=1.0|<0.5', ' 1.0|1.2',
  '~=3.0', '>>1', '=', ' 1..2', '>= 1.0 , <2', '==1.0|==1.1', ' 1.*.3', '=1.0,<2', '<=1.*', ' *', '>=1!2.0+a',
];
const BUILDS = ['', '=cuda*', ' cuda*', '=py312_0', ' lgpl_*', ' a b', '=x-y', ' *'];
const BRACKETS = [
  '', "[version='>=1.26']", '[build_number=3]', '[build=py*,md5=0123456789abcdef0123456789abcdef]', '[', ']', "[version='>=1",
  '[foo=1]', '[subdir=linux-64]', '[channel=conda-forge/osx-64]', "[version='=1.2', build=b]", '[version=1.0 build=x]',
];

const specLike = fc
  .tuple(
    fc.constantFrom(...CHANNELS),
    fc.constantFrom(...NAMES),
    fc.constantFrom(...VERSIONS),
    fc.constantFrom(...BUILDS),
    fc.constantFrom(...BRACKETS),
    fc.string({ maxLength: 2 }),
    fc.nat(),
  )
  .map(([channel, name, version, build, brackets, junk, at]) => {
    const text = channel + name + version + build + brackets;
    const position = at % (text.length + 1);
    // Half of the cases stay clean; the rest get a little junk spliced in somewhere.
    return at % 2 === 0 ? text : text.slice(0, position) + junk + text.slice(position);
  });

const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom(...'az09_.-:/*=<>!~,|[]\' #"\n') }), specLike);

describe('parseCondaSpec properties', () => {
  it('never throws and always answers ok or error', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        const result = parseCondaSpec(input);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.error).toMatch(/^Invalid conda package spec /);
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts a fair share of the generated specs', () => {
    const accepted = fc.sample(specLike, { numRuns: 1000, seed: 1 }).filter((input) => parseCondaSpec(input).ok);
    expect(accepted.length).toBeGreaterThan(150);
  });

  it('round-trips every accepted spec through formatCondaSpec and keeps it safe for YAML and the shell', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        const result = parseCondaSpec(input);
        if (!result.ok) return;
        const canonical = formatCondaSpec(result.spec);
        expect(parsedSpec(canonical)).toEqual(result.spec);
        expect(formatCondaSpec(parsedSpec(canonical))).toBe(canonical);
        expectSafeListItem(input.trim());
        expectSafeListItem(canonical);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('condaSpecName', () => {
  it.each([
    'numpy', 'numpy>=1.26,<2', 'python =3.11', 'pytorch=*=cuda*', 'conda-forge::r-base>=4.3', 'conda-forge/label/dev::pkg',
    'https://conda.anaconda.org/conda-forge::numpy', 'libarchive>=3.8 lgpl_*', "numpy[version='>=1.26']", '_libgcc_mutex', 'python-dateutil',
  ])('reads the same name as the parser from %s', (spec) => {
    const parsed = parseCondaSpec(spec);
    expect(parsed.ok && parsed.spec.name).toBe(condaSpecName(spec));
  });
});
