import { validRange } from '@renovatebot/pep440';
import fc from 'fast-check';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { formatPipLine, normalizePipName, type PipLine, parsePipLine, splitMixedOptionLine, splitRequirementsText } from './pip-requirement';

const SHA_A = `sha256:${'a'.repeat(64)}`;
const SHA_B = `sha256:${'0123456789abcdef'.repeat(4)}`;
const SHA_512 = `sha512:${'f'.repeat(128)}`;

type WithoutRaw<T> = T extends unknown ? Omit<T, 'raw'> : never;
type ParsedLine = WithoutRaw<PipLine>;

function withoutRaw(line: PipLine): ParsedLine {
  const { raw: _raw, ...rest } = line;
  return rest as ParsedLine;
}

function parsedLine(input: string): PipLine {
  const result = parsePipLine(input);
  if (!result.ok) throw new Error(result.error);
  return result.line;
}

function parseError(input: string): string {
  const result = parsePipLine(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be rejected, got ${JSON.stringify(result.line)}`);
  return result.error;
}

function requirement(name: string, fields: Partial<Extract<ParsedLine, { kind: 'requirement' }>> = {}): ParsedLine {
  return { kind: 'requirement', name, extras: [], specifier: '', hashes: [], ...fields };
}

describe('parsePipLine accepts', () => {
  it.each<[string, ParsedLine, string]>([
    ['numpy', requirement('numpy'), 'numpy'],
    ['  numpy  ', requirement('numpy'), 'numpy'],
    ['Django', requirement('Django'), 'Django'],
    ['zope.interface', requirement('zope.interface'), 'zope.interface'],
    ['ruamel_yaml-clib', requirement('ruamel_yaml-clib'), 'ruamel_yaml-clib'],
    ['a', requirement('a'), 'a'],
    ['numpy==1.26.4', requirement('numpy', { specifier: '==1.26.4' }), 'numpy==1.26.4'],
    ['numpy>=1.26,<2', requirement('numpy', { specifier: '>=1.26,<2' }), 'numpy>=1.26,<2'],
    ['numpy >= 1.26 , < 2', requirement('numpy', { specifier: '>=1.26,<2' }), 'numpy>=1.26,<2'],
    ['numpy!=1.25.0', requirement('numpy', { specifier: '!=1.25.0' }), 'numpy!=1.25.0'],
    ['numpy<=2', requirement('numpy', { specifier: '<=2' }), 'numpy<=2'],
    ['numpy>1', requirement('numpy', { specifier: '>1' }), 'numpy>1'],
    ['numpy~=1.26.0', requirement('numpy', { specifier: '~=1.26.0' }), 'numpy~=1.26.0'],
    ['numpy===1.26.4-custom', requirement('numpy', { specifier: '===1.26.4-custom' }), 'numpy===1.26.4-custom'],
    ['numpy==1.*', requirement('numpy', { specifier: '==1.*' }), 'numpy==1.*'],
    ['numpy!=1.25.*', requirement('numpy', { specifier: '!=1.25.*' }), 'numpy!=1.25.*'],
    ['torch==2.4.0+cpu', requirement('torch', { specifier: '==2.4.0+cpu' }), 'torch==2.4.0+cpu'],
    ['pkg>=1!2.0rc1.post3.dev4', requirement('pkg', { specifier: '>=1!2.0rc1.post3.dev4' }), 'pkg>=1!2.0rc1.post3.dev4'],
    ['pkg (>=1.0)', requirement('pkg', { specifier: '>=1.0' }), 'pkg>=1.0'],
    ['pkg(>=1.0,<2)', requirement('pkg', { specifier: '>=1.0,<2' }), 'pkg>=1.0,<2'],
    ['requests[socks]', requirement('requests', { extras: ['socks'] }), 'requests[socks]'],
    ['requests[socks, security]>=2.31', requirement('requests', { extras: ['socks', 'security'], specifier: '>=2.31' }), 'requests[socks,security]>=2.31'],
    ['pkg[]', requirement('pkg'), 'pkg'],
    [
      'tomli>=2; python_version < "3.11"',
      requirement('tomli', { specifier: '>=2', marker: 'python_version < "3.11"' }),
      'tomli>=2; python_version < "3.11"',
    ],
    [
      'pkg; python_version < "3.11" and sys_platform == "linux"',
      requirement('pkg', { marker: 'python_version < "3.11" and sys_platform == "linux"' }),
      'pkg; python_version < "3.11" and sys_platform == "linux"',
    ],
    [
      "pkg>=1;(os_name=='nt' or sys_platform=='darwin') and python_version<'3.11'",
      requirement('pkg', { specifier: '>=1', marker: '(os_name == "nt" or sys_platform == "darwin") and python_version < "3.11"' }),
      'pkg>=1; (os_name == "nt" or sys_platform == "darwin") and python_version < "3.11"',
    ],
    [
      'pkg; platform_machine in "x86_64 aarch64" and "linux" not in sys_platform',
      requirement('pkg', { marker: 'platform_machine in "x86_64 aarch64" and "linux" not in sys_platform' }),
      'pkg; platform_machine in "x86_64 aarch64" and "linux" not in sys_platform',
    ],
    [
      'pkg; implementation_name == "cpython" or platform_python_implementation != "PyPy" or extra == "dev"',
      requirement('pkg', { marker: 'implementation_name == "cpython" or platform_python_implementation != "PyPy" or extra == "dev"' }),
      'pkg; implementation_name == "cpython" or platform_python_implementation != "PyPy" or extra == "dev"',
    ],
    [
      'pkg; python_full_version >= "3.8.1" and platform_system == "Linux" and platform_release >= "5" and platform_version != "x" and implementation_version >= "3" and os_name == "posix"',
      requirement('pkg', {
        marker:
          'python_full_version >= "3.8.1" and platform_system == "Linux" and platform_release >= "5" and platform_version != "x" and implementation_version >= "3" and os_name == "posix"',
      }),
      'pkg; python_full_version >= "3.8.1" and platform_system == "Linux" and platform_release >= "5" and platform_version != "x" and implementation_version >= "3" and os_name == "posix"',
    ],
    [
      'pkg @ https://example.org/pkg-1.0.tar.gz',
      requirement('pkg', { url: 'https://example.org/pkg-1.0.tar.gz' }),
      'pkg @ https://example.org/pkg-1.0.tar.gz',
    ],
    [
      'pkg[cli]@git+https://github.com/org/pkg.git@v1.0',
      requirement('pkg', { extras: ['cli'], url: 'git+https://github.com/org/pkg.git@v1.0' }),
      'pkg[cli] @ git+https://github.com/org/pkg.git@v1.0',
    ],
    [
      'pkg @ git+ssh://git@github.com/org/pkg.git ; python_version < "3.11"',
      requirement('pkg', { url: 'git+ssh://git@github.com/org/pkg.git', marker: 'python_version < "3.11"' }),
      'pkg @ git+ssh://git@github.com/org/pkg.git ; python_version < "3.11"',
    ],
    ['pkg @ file:///wheels/pkg-1.0-py3-none-any.whl', requirement('pkg', { url: 'file:///wheels/pkg-1.0-py3-none-any.whl' }), 'pkg @ file:///wheels/pkg-1.0-py3-none-any.whl'],
    [`numpy==1.26.4 --hash=${SHA_A}`, requirement('numpy', { specifier: '==1.26.4', hashes: [SHA_A] }), `numpy==1.26.4 --hash=${SHA_A}`],
    [
      `numpy==1.26.4    --hash=${SHA_A} --hash ${SHA_B}  --hash=${SHA_512}`,
      requirement('numpy', { specifier: '==1.26.4', hashes: [SHA_A, SHA_B, SHA_512] }),
      `numpy==1.26.4 --hash=${SHA_A} --hash=${SHA_B} --hash=${SHA_512}`,
    ],
    [
      `tomli==2.0.1 ; python_version < "3.11" --hash=${SHA_A}`,
      requirement('tomli', { specifier: '==2.0.1', marker: 'python_version < "3.11"', hashes: [SHA_A] }),
      `tomli==2.0.1; python_version < "3.11" --hash=${SHA_A}`,
    ],
    [
      `pkg @ https://example.org/pkg-1.0.tar.gz --hash=${SHA_A}`,
      requirement('pkg', { url: 'https://example.org/pkg-1.0.tar.gz', hashes: [SHA_A] }),
      `pkg @ https://example.org/pkg-1.0.tar.gz --hash=${SHA_A}`,
    ],
    [
      '-e git+https://github.com/org/repo.git@v1#egg=name',
      { kind: 'editable', target: 'git+https://github.com/org/repo.git@v1#egg=name' },
      '-e git+https://github.com/org/repo.git@v1#egg=name',
    ],
    ['--editable=./local/path', { kind: 'editable', target: './local/path' }, '-e ./local/path'],
    ['-e ./local/path', { kind: 'editable', target: './local/path' }, '-e ./local/path'],
    ['-e .', { kind: 'editable', target: '.' }, '-e .'],
    ['-e .[dev,test]', { kind: 'editable', target: '.[dev,test]' }, '-e .[dev,test]'],
    ['-e file:///src/pkg', { kind: 'editable', target: 'file:///src/pkg' }, '-e file:///src/pkg'],
    [
      'git+https://github.com/org/repo.git@main#egg=name',
      { kind: 'url', url: 'git+https://github.com/org/repo.git@main#egg=name', name: 'name' },
      'git+https://github.com/org/repo.git@main#egg=name',
    ],
    [
      'git+https://github.com/org/repo.git#egg=name&subdirectory=python',
      { kind: 'url', url: 'git+https://github.com/org/repo.git#egg=name&subdirectory=python', name: 'name' },
      'git+https://github.com/org/repo.git#egg=name&subdirectory=python',
    ],
    [
      'https://files.example.org/pkg-1.0-py3-none-any.whl',
      { kind: 'url', url: 'https://files.example.org/pkg-1.0-py3-none-any.whl' },
      'https://files.example.org/pkg-1.0-py3-none-any.whl',
    ],
    ['hg+https://hg.example.org/repo#egg=name', { kind: 'url', url: 'hg+https://hg.example.org/repo#egg=name', name: 'name' }, 'hg+https://hg.example.org/repo#egg=name'],
    ['-r other.txt', { kind: 'option', option: '--requirement', value: 'other.txt' }, '--requirement other.txt'],
    ['--requirement=../base/requirements.txt', { kind: 'option', option: '--requirement', value: '../base/requirements.txt' }, '--requirement ../base/requirements.txt'],
    ['-c constraints.txt', { kind: 'option', option: '--constraint', value: 'constraints.txt' }, '--constraint constraints.txt'],
    ['--index-url https://pypi.org/simple', { kind: 'option', option: '--index-url', value: 'https://pypi.org/simple' }, '--index-url https://pypi.org/simple'],
    ['--index-url=https://pypi.org/simple', { kind: 'option', option: '--index-url', value: 'https://pypi.org/simple' }, '--index-url https://pypi.org/simple'],
    ['-i https://pypi.org/simple', { kind: 'option', option: '--index-url', value: 'https://pypi.org/simple' }, '--index-url https://pypi.org/simple'],
    [
      '--extra-index-url https://download.pytorch.org/whl/cpu',
      { kind: 'option', option: '--extra-index-url', value: 'https://download.pytorch.org/whl/cpu' },
      '--extra-index-url https://download.pytorch.org/whl/cpu',
    ],
    [
      '-f https://download.pytorch.org/whl/torch_stable.html',
      { kind: 'option', option: '--find-links', value: 'https://download.pytorch.org/whl/torch_stable.html' },
      '--find-links https://download.pytorch.org/whl/torch_stable.html',
    ],
    ['--find-links ./wheels', { kind: 'option', option: '--find-links', value: './wheels' }, '--find-links ./wheels'],
    ['--pre', { kind: 'option', option: '--pre' }, '--pre'],
    ['--no-index', { kind: 'option', option: '--no-index' }, '--no-index'],
    ['--prefer-binary', { kind: 'option', option: '--prefer-binary' }, '--prefer-binary'],
    ['--trusted-host pypi.example.org', { kind: 'option', option: '--trusted-host', value: 'pypi.example.org' }, '--trusted-host pypi.example.org'],
    ['--trusted-host host.example:8080', { kind: 'option', option: '--trusted-host', value: 'host.example:8080' }, '--trusted-host host.example:8080'],
    ['--only-binary :all:', { kind: 'option', option: '--only-binary', value: ':all:' }, '--only-binary :all:'],
    ['--no-binary numpy,scipy', { kind: 'option', option: '--no-binary', value: 'numpy,scipy' }, '--no-binary numpy,scipy'],
  ])('%s', (input, expected, canonical) => {
    const line = parsedLine(input);
    expect(withoutRaw(line)).toEqual(expected);
    expect(line.raw).toBe(input.trim());
    expect(formatPipLine(line)).toBe(canonical);
    expect(withoutRaw(parsedLine(canonical))).toEqual(expected);
  });
});

describe('parsePipLine rejects', () => {
  it.each<[string, string]>([
    ['', 'the line is empty'],
    ['   ', 'the line is blank'],
    ['numpy\nscipy', 'spans more than one line'],
    ['numpy\r', 'spans more than one line'],
    ['numpy\t>=1', 'control character U+0009'],
    ['numpy\u0007', 'control character U+0007'],
    ['numpy\u00e9', 'non-ASCII character'],
    ['numpy`id`', 'backticks are not allowed'],
    ['pkg @ https://x.org/$(id)', '"$" is not allowed'],
    ['numpy \\', 'backslashes are not allowed'],
    [`numpy${'1'.repeat(1000)}`, 'the limit is 1000'],
    ['numpy  # pinned', 'comments must be removed first'],
    ['# just a comment', 'comments must be removed first'],
    ['numpy>=', 'the version after ">=" is missing; write it like "numpy>=1.26"'],
    ['numpy~=', 'the version after "~=" is missing'],
    ['numpy>>1', 'unexpected ">>" in the version specifier'],
    ['numpy=>1', 'unexpected "=>"'],
    ['numpy=1.26', '"=" is conda syntax; pip uses "=="; write it like "numpy==1.26"'],
    ['numpy 1.26', '"1.26" needs a comparison operator in front; write it like "numpy==1.26"'],
    ['numpy>=1.26,', 'the version specifier has an empty part'],
    ['numpy>=1.26,,<2', 'the version specifier has an empty part'],
    ['numpy==one', '"one" is not a valid PEP 440 version'],
    ['numpy==1.0-', '"1.0-" is not a valid PEP 440 version'],
    ['numpy>=1.*', '".*" is only allowed after "==" or "!="'],
    ['numpy==1.0rc1.*', 'a version ending in ".*" may only hold release numbers'],
    ['numpy>=1.0+cpu', 'a local version ("+...") is only allowed after "==" or "!="'],
    ['numpy~=1', '"~=" needs at least two release numbers'],
    ['numpy===a b', 'unexpected space in "===a b"'],
    ['numpy==1.0 "quoted"', 'unexpected space in "==1.0 \"quoted\""'],
    ['numpy==1.0"', '"1.0\"" is not a valid PEP 440 version'],
    ['--global-option=--no-user-cfg', '"--global-option" is not a supported option'],
    ['--install-option --prefix=/x', '"--install-option" is not a supported option'],
    ['--use-feature=fast-deps', '"--use-feature" is not a supported option'],
    ['--config-settings key=value', '"--config-settings" is not a supported option'],
    ['numpy --global-option=x', '"--global-option" is not allowed after a requirement; only --hash is'],
    ['numpy==1.0 -e x', '"-e" is not allowed after a requirement'],
    ['-numpy', 'names cannot start with "-"'],
    ['-rother.txt', 'short options need a space'],
    ['-i=https://pypi.org/simple', 'short options take their value after a space'],
    ['--index-url', '"--index-url" needs a value'],
    ['--index-url=', '"--index-url" needs a value'],
    ['--index-url ftp://mirror/simple', 'the URL scheme "ftp" is not supported here'],
    ['--index-url pypi.org/simple', '"pypi.org/simple" is not a URL'],
    ['--index-url https://a/simple https://b/simple', 'put each option on its own line'],
    ['--pre --no-index', '"--pre" takes no value'],
    ['--trusted-host host name', 'put each option on its own line'],
    ['--trusted-host -host', 'is not a host name'],
    ['--no-binary numpy;scipy', 'must be :all:, :none: or package names'],
    ['-r "my file.txt"', 'put each option on its own line'],
    ['-r other.txt;rm', 'is not a usable path'],
    ['-e', '"-e" needs a path or a VCS URL'],
    ['-e https://example.org/pkg.tar.gz', 'not a plain web URL'],
    ['-e git+https://x.org/repo#egg=-bad', 'is not a valid project name'],
    ['-e ./a ./b', 'exactly one path or URL'],
    ['-e .[dev', '"[" after the path is not closed'],
    ['--hash=sha256:abc', '"--hash" must follow a requirement on the same line'],
    ['numpy --hash=md5:0123', 'must start with sha256:, sha384: or sha512:'],
    ['numpy --hash=sha256:abc', 'the sha256 hash must be 64 lower-case hex digits'],
    [`numpy --hash=sha256:${'A'.repeat(64)}`, 'the sha256 hash must be 64 lower-case hex digits'],
    ['numpy --hash', '"--hash" needs a value'],
    ['.hidden', 'a local path needs "-e"'],
    ['./local/pkg', 'a local path needs "-e"'],
    ['_private', 'must start and end with a letter or digit'],
    ['pkg-', 'must start and end with a letter or digit'],
    ['[extra]', 'the package name is missing'],
    ['>=1.0', 'the package name is missing'],
    ['@pkg', 'the package name is missing'],
    ['"numpy"', 'a requirement must start with a package name'],
    ['pkg[extra', '"[" after the name is not closed'],
    ['pkg]', 'unbalanced "[" or "]"'],
    ['pkg[a b]', '"a b" is not a valid extra name'],
    ['pkg[a,]', '"" is not a valid extra name'],
    ['pkg (>=1.0', 'unbalanced parentheses'],
    ['pkg >=1.0)', 'unbalanced parentheses'],
    ['pkg ((>=1.0))', 'unbalanced parentheses'],
    ['pkg @', 'the URL after "@" is missing'],
    ['pkg @ ftp://x.org/pkg.tar.gz', 'the URL scheme "ftp" is not supported'],
    ['pkg @ git+file:///repo', 'the URL scheme "git+file" is not supported'],
    ['pkg @ https://x.org/p.tar.gz;python_version<"3"', 'put a space before ";" after a URL'],
    ['pkg @ https://x.org/p.tar.gz extra', 'unexpected "extra" after the URL'],
    ["pkg @ https://x.org/'p'", 'quotes are not allowed in a URL'],
    ['pkg @ https://x.org/a|b', 'contains characters that are not allowed'],
    ['pkg @ https:///path', 'has no host'],
    ['git+ftp://x.org/repo', 'the URL scheme "git+ftp" is not supported'],
    ['git+https://x.org/repo#egg=name ; python_version<"3"', 'a URL line holds only the URL'],
    [`https://x.org/p.whl --hash=${SHA_A}`, 'options after a bare URL are not supported'],
    ['pkg;', 'the environment marker after ";" is missing'],
    ['pkg; python_ver < "3"', '"python_ver" is not a marker variable'],
    ['pkg; os.name == "nt"', '"os.name" is not a marker variable'],
    ['pkg; python_version < 3.11', 'values in a marker must be quoted'],
    ['pkg; python_version < "3.11', 'a quoted value in the marker is not closed'],
    ['pkg; python_version "3.11"', 'must compare a variable with a quoted value'],
    ['pkg; python_version < "3.11" and', 'must compare a variable with a quoted value'],
    ['pkg; python_version < "3.11" python_version > "3"', 'join conditions with "and" or "or"'],
    ['pkg; (python_version < "3.11"', 'a "(" in the marker is not closed'],
    ['pkg; python_version < "3.11")', 'unexpected ")" in the marker'],
    ['pkg; "a" == "b"', 'needs a variable such as python_version on one side'],
    ['pkg; python_version not "3"', '"not" in a marker must be followed by "in"'],
    ['pkg; python_version < "3|4"', 'the marker value "3|4" contains characters that are not allowed'],
    ['pkg; python_version & "3"', 'unexpected "&" in the marker'],
  ])('%j', (input, message) => {
    const error = parseError(input);
    expect(error).toContain(message);
    expect(error).toMatch(/^Invalid pip requirement ".*": .+; write it like ".+"\.$/s);
  });

  it('shows the whole message for a missing version', () => {
    expect(parseError('numpy>=')).toBe('Invalid pip requirement "numpy>=": the version after ">=" is missing; write it like "numpy>=1.26".');
  });

  it('answers with an error value for input that is not text', () => {
    expect(parsePipLine(undefined as unknown as string)).toEqual({ ok: false, error: expect.stringContaining('not text') });
  });
});

describe('splitRequirementsText', () => {
  it('joins a requirement continued over three lines with its hashes', () => {
    const text = [`numpy==1.26.4 \\`, `    --hash=${SHA_A} \\`, `    --hash=${SHA_B}`, 'scipy'].join('\n');
    const lines = splitRequirementsText(text);
    expect(lines).toEqual([
      { line: 1, text: `numpy==1.26.4     --hash=${SHA_A}     --hash=${SHA_B}` },
      { line: 4, text: 'scipy' },
    ]);
    expect(withoutRaw(parsedLine(lines[0].text))).toEqual(requirement('numpy', { specifier: '==1.26.4', hashes: [SHA_A, SHA_B] }));
  });

  it('strips full-line and trailing comments but keeps "#" inside URLs', () => {
    const text = ['# full line', 'pkg  # trailing', 'git+https://x.org/y#egg=z', 'other	# after a tab', '   # indented comment'].join('\n');
    expect(splitRequirementsText(text)).toEqual([
      { line: 2, text: 'pkg' },
      { line: 3, text: 'git+https://x.org/y#egg=z' },
      { line: 4, text: 'other' },
    ]);
  });

  it('handles CRLF line endings, blank lines and first-line numbers', () => {
    const text = '\r\nnumpy>=1.26 \\\r\n  ,<2\r\n\r\n   \r\n-i https://pypi.org/simple\r\n';
    expect(splitRequirementsText(text)).toEqual([
      { line: 2, text: 'numpy>=1.26   ,<2' },
      { line: 6, text: '-i https://pypi.org/simple' },
    ]);
  });

  it('does not continue a comment line that ends in a backslash', () => {
    expect(splitRequirementsText('# comment \\\nnumpy')).toEqual([{ line: 2, text: 'numpy' }]);
  });

  it('turns a comment that ends a continuation into a comment of the joined line', () => {
    expect(splitRequirementsText('numpy \\\n# comment\nscipy')).toEqual([
      { line: 1, text: 'numpy' },
      { line: 3, text: 'scipy' },
    ]);
  });

  it('keeps a dangling continuation at the end of the text', () => {
    expect(splitRequirementsText('numpy \\')).toEqual([{ line: 1, text: 'numpy' }]);
  });

  it('returns nothing for empty or comment-only text', () => {
    expect(splitRequirementsText('')).toEqual([]);
    expect(splitRequirementsText('\n\n# nothing\n')).toEqual([]);
  });
});

/** Pieces of real and broken lines, so random combinations are often accepted and often nearly so. */
const NAMES = ['numpy', 'Django', 'zope.interface', 'a', 'requests', '-x', '_bad', ''];
const EXTRAS = ['', '[socks]', '[a, b]', '[]', '[', ']'];
const SPECIFIERS = ['', '==1.26.4', '>=1.26,<2', ' (>=1.0)', '~=1.4', '===x1', '==1.*', '>=1.*', '=1', ' 1.0', '>=', '!=2.0.post1', '==1.0+cpu'];
const MARKERS = ['', '; python_version < "3.11"', "; (os_name=='nt' or sys_platform == 'linux') and extra == 'dev'", ';', '; foo == "1"', '; python_version < 3'];
const TAILS = ['', ` --hash=${SHA_A}`, ` --hash ${SHA_B} --hash=${SHA_512}`, ' --global-option=x', ' --hash=sha256:abc'];
const OPTION_LINES = [
  '-e git+https://github.com/org/repo.git@v1#egg=name',
  '-e ./local/path',
  '-e .[dev]',
  'git+https://github.com/org/repo.git#egg=name',
  'https://x.org/p-1.0-py3-none-any.whl',
  'pkg @ https://x.org/p.tar.gz ; python_version < "3.11"',
  '-r other.txt',
  '-c constraints.txt',
  '--index-url https://pypi.org/simple',
  '-i https://pypi.org/simple',
  '--extra-index-url=https://download.pytorch.org/whl/cpu',
  '--find-links ./wheels',
  '--pre',
  '--no-index',
  '--trusted-host host:8080',
  '--only-binary :all:',
  '--no-binary numpy',
  '--prefer-binary',
];

const requirementLike = fc
  .tuple(
    fc.constantFrom(...NAMES),
    fc.constantFrom(...EXTRAS),
    fc.constantFrom(...SPECIFIERS),
    fc.constantFrom(...MARKERS),
    fc.constantFrom(...TAILS),
  )
  .map((parts) => parts.join(''));

const lineLike = fc
  .tuple(fc.oneof(requirementLike, fc.constantFrom(...OPTION_LINES)), fc.string({ maxLength: 2 }), fc.nat())
  .map(([text, junk, at]) => {
    const position = at % (text.length + 1);
    // Half of the cases stay clean; the rest get a little junk spliced in somewhere.
    return at % 2 === 0 ? text : text.slice(0, position) + junk + text.slice(position);
  });

const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom(...'aZ09_.-=<>!~,;[]()@:/#\'" \n\\') }), lineLike);

describe('parsePipLine properties', () => {
  it('never throws and always answers ok or error', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        const result = parsePipLine(input);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.error).toMatch(/^Invalid pip requirement /);
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts a fair share of the generated lines', () => {
    const accepted = fc.sample(lineLike, { numRuns: 1000, seed: 1 }).filter((input) => parsePipLine(input).ok);
    expect(accepted.length).toBeGreaterThan(150);
  });

  it('round-trips every accepted line through formatPipLine and keeps it on one line', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        const result = parsePipLine(input);
        if (!result.ok) return;
        const canonical = formatPipLine(result.line);
        expect(withoutRaw(parsedLine(canonical))).toEqual(withoutRaw(result.line));
        expect(formatPipLine(parsedLine(canonical))).toBe(canonical);
        for (const text of [input, canonical]) {
          expect(text).not.toMatch(/[\n\r\u2028\u2029]/);
          expect(splitRequirementsText(text)).toEqual([{ line: 1, text: text.trim() }]);
          expect(load(`- ${JSON.stringify(text)}`)).toEqual([text]);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('splits any text without throwing, into trimmed one-line texts', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 6 }), fc.constantFrom('\n', '\r\n', ' \\\n'), (lines, separator) => {
        for (const { line, text } of splitRequirementsText(lines.join(separator))) {
          expect(line).toBeGreaterThanOrEqual(1);
          expect(text).toBe(text.trim());
          expect(text).not.toBe('');
        }
      }),
    );
  });
});

describe('version specifiers agree with @renovatebot/pep440', () => {
  const operator = fc.constantFrom('==', '!=', '<=', '>=', '<', '>', '~=');
  const release = fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.'));
  const suffix = fc.constantFrom('', '.*', 'a1', 'b2', 'rc1', '.post1', '.dev0', '+cpu', '+local.1', '.0.*');
  it('accepts a specifier only when the library does', () => {
    fc.assert(
      fc.property(operator, release, suffix, (op, version, tail) => {
        const clause = `${op}${version}${tail}`;
        const ours = parsePipLine(`pkg${clause}`).ok;
        if (ours) expect(validRange(clause), clause).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('normalizePipName', () => {
  it.each([
    ['Scikit_Learn', 'scikit-learn'],
    ['zope.interface', 'zope-interface'],
    ['A__b--C', 'a-b-c'],
  ])('%s → %s', (name, expected) => {
    expect(normalizePipName(name)).toBe(expected);
  });
});

describe('long hashed lines (pip-compile, uv locks)', () => {
  const hashes = (count: number, algorithm = 'sha256', length = 64) =>
    Array.from({ length: count }, (_, index) => ` --hash=${algorithm}:${index.toString(16).padStart(length, '0')}`).join('');

  it.each<[string, string]>([
    ['70 sha256 hashes (~5,000 characters)', `grpcio==1.66.1${hashes(70)}`],
    ['200 hashes, the limit', `grpcio==1.66.1${hashes(200)}`],
    ['"--hash value" with a space', `grpcio==1.66.1${hashes(30).replace(/--hash=/g, '--hash ')}`],
    ['sha512 hashes', `grpcio==1.66.1${hashes(20, 'sha512', 128)}`],
    ['a marker and extras', `ray[default]==2.9.0; python_version >= "3.9"${hashes(40)}`],
  ])('accepts %s', (_, line) => {
    const result = parsePipLine(line);
    expect(result.ok).toBe(true);
    if (result.ok) expect(formatPipLine(result.line)).toBe(line.replace(/--hash /g, '--hash='));
  });

  it.each<[string, string, string]>([
    ['201 hashes', `grpcio==1.66.1${hashes(201)}`, 'it has 201 --hash options; the limit is 200'],
    ['a requirement part over 1,000 characters', `numpy${'1'.repeat(1000)}${hashes(5)}`, 'characters long without its --hash options; the limit is 1000'],
    ['a short hash among long ones', `grpcio==1.66.1${hashes(20)} --hash=sha256:abc`, 'the sha256 hash must be 64 lower-case hex digits'],
    ['an md5 hash', `grpcio==1.66.1${hashes(20)} --hash=md5:${'a'.repeat(32)}`, 'must start with sha256:, sha384: or sha512:'],
    ['a "$" hidden in a long line', `grpcio==1.66.1${hashes(20)} --hash=sha256:$(id)`, '"$" is not allowed'],
  ])('refuses %s', (_, line, message) => {
    const result = parsePipLine(line);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });
});

describe('splitMixedOptionLine', () => {
  it.each<[string, string[] | undefined]>([
    [
      '--pre torch torchvision torchaudio --extra-index-url https://download.pytorch.org/whl/nightly/cu121',
      ['--pre', 'torch', 'torchvision', 'torchaudio', '--extra-index-url https://download.pytorch.org/whl/nightly/cu121'],
    ],
    ['-f https://data.pyg.org/whl/torch-2.1.0+cpu.html torch-scatter', ['-f https://data.pyg.org/whl/torch-2.1.0+cpu.html', 'torch-scatter']],
    ['--index-url=https://download.pytorch.org/whl/cpu torch==2.5.1', ['--index-url=https://download.pytorch.org/whl/cpu', 'torch==2.5.1']],
    ['--pre', undefined],
    ['--extra-index-url https://x.org/simple', undefined],
    [
      '--pre --index-url https://pypi.anaconda.org/scientific-python-nightly-wheels/simple --extra-index-url https://pypi.org/simple',
      ['--pre', '--index-url https://pypi.anaconda.org/scientific-python-nightly-wheels/simple', '--extra-index-url https://pypi.org/simple'],
    ],
    ['numpy --pre', undefined],
    ['-e . numpy', undefined],
    ['--pre torch >= 2', undefined],
    ['--unknown torch', undefined],
    ['--extra-index-url', undefined],
  ])('%s', (line, expected) => {
    expect(splitMixedOptionLine(line)).toEqual(expected);
  });
});
