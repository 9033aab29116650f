import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '@/lib/design/presets';
import { DEFAULT_DESIGN, designSchema, type Design } from '@/lib/design/schema';
import { generateFiles } from '@/lib/generators';
import { generateHashedLock } from './hashed-lock';
import { REQUIREMENTS_IMPORT_BASE, importRequirementsTxt } from './requirements-txt';
import { importProjectFiles } from './project';
import type { ImportResult } from './types';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const requirementsOf = (design: Design) => generateFiles(design).find((file) => file.path === 'requirements.txt')?.content;

function imported(result: ImportResult): Extract<ImportResult, { ok: true }> {
  if (!result.ok) throw new Error(result.error);
  return result;
}

describe('importRequirementsTxt on a locked, commented file', () => {
  const result = imported(importRequirementsTxt(fixture('requirements-hashes.txt'), undefined, { fileName: 'requirements-hashes.txt' }));

  it('reads requirements in canonical form: hashes joined, markers, extras, direct and VCS references', () => {
    expect(result.design.pip.packages).toEqual([
      '--find-links https://download.pytorch.org/whl/torch_stable.html',
      '--pre',
      'certifi==2024.8.30 --hash=sha256:922820b53db7a7257ffbda3f597266d435245903d80737e34f8a45ff3e3230d8 --hash=sha256:bec941d2aa8195e248a60b31ff9f0558284cf01a52591ceda73ea9afffd69fd9',
      'requests[socks,security]>=2.31,<3; python_version >= "3.8"',
      'tomli>=2; python_version < "3.11"',
      'numpy>=1.26,>=1.20',
      'torch==2.5.1+cpu',
      'mypkg @ https://example.org/mypkg-1.0.tar.gz',
      '-e git+https://github.com/org/repo.git@v1.0#egg=repo',
      'git+https://github.com/org/other.git@main#egg=other',
    ]);
  });

  it('lifts the index options out (the last --index-url wins, as in pip)', () => {
    expect(result.design.pip.indexUrl).toBe('https://pypi.example.org/simple');
    expect(result.design.pip.extraIndexUrls).toEqual(['https://download.pytorch.org/whl/cpu']);
  });

  it('reports what it cannot represent at its line', () => {
    expect(result.warnings.map((warning) => [warning.line, warning.severity ?? 'warning', warning.message.slice(0, 36)])).toEqual([
      [undefined, 'warning', '1 pip requirement has --hash and 7 d'],
      [4, 'info', '"--index-url https://pypi.example.or'],
      [6, 'warning', 'Not imported: "--find-links ./wheels'],
      [16, 'info', '"torch" is "pytorch" on conda-forge:'],
      [19, 'info', '"-e ." is the project itself: import'],
      [21, 'warning', '"-r more-requirements.txt": that fil'],
      [22, 'warning', 'Not imported: "-c constraints.txt". '],
      [23, 'warning', 'Merged "numpy>=1.20" into "numpy>=1.'],
      [24, 'warning', 'Not imported: Invalid pip requiremen'],
    ]);
    expect(result.warnings.every((warning) => warning.file === 'requirements-hashes.txt')).toBe(true);
  });

  it('replaces only the pip settings of the base', () => {
    const base = designSchema.parse({ user: { name: 'ada' }, pip: { packages: ['old'], indexUrl: 'https://old.example.org/simple' } });
    const merged = imported(importRequirementsTxt('rich\n', base));
    expect(merged.design).toEqual({ ...base, pip: { packages: ['rich'], indexUrl: '', extraIndexUrls: [] } });
  });

  it('starts from JupyterLab without the PyData packages when no design is given', () => {
    expect(imported(importRequirementsTxt('rich\n')).design.conda.packages).toEqual(['jupyterlab']);
    expect(REQUIREMENTS_IMPORT_BASE).toEqual({ ...DEFAULT_DESIGN, project: { ...DEFAULT_DESIGN.project, description: '' }, conda: { ...DEFAULT_DESIGN.conda, packages: ['jupyterlab'] } });
  });
});

describe('-r and -c references', () => {
  it('follows -r into files imported together, relative to the referring file, and stops at loops', () => {
    const result = imported(
      importRequirementsTxt('-r dev/more.txt\nrich\n', undefined, {
        companions: { 'dev/more.txt': 'pytest\n-r ../requirements.txt\n-r base.txt\n', 'dev/base.txt': 'click\n' },
      }),
    );
    expect(result.design.pip.packages).toEqual(['pytest', 'click', 'rich']);
    expect(result.warnings.map((warning) => [warning.file, warning.line, warning.message])).toEqual([
      ['dev/more.txt', 2, '"-r ../requirements.txt": requirements.txt is already being read (a loop of -r references); not read again.'],
    ]);
  });

  it.each([
    ['-r https://example.org/requirements.txt', /Condocker does not download requirement files/],
    ['-r /etc/requirements.txt', /that file is not part of this import/],
    ['--requirement=other.txt', /that file is not part of this import/],
    ['-c constraints.txt', /no place for pip constraint files/],
    ['--constraint constraints.txt', /no place for pip constraint files/],
  ])('reports %s', (line, message) => {
    const result = imported(importRequirementsTxt(`${line}\nrich\n`));
    expect(result.design.pip.packages).toEqual(['rich']);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ line: 1, message: expect.stringMatching(message) });
  });
});

describe('requirements edge cases', () => {
  it('reads a continuation that starts the file and a comment ending one', () => {
    const result = imported(importRequirementsTxt('numpy==2.1.0 \\\n  --hash=sha256:' + 'a'.repeat(64) + '\n# done\n'));
    expect(result.design.pip.packages).toEqual([`numpy==2.1.0 --hash=sha256:${'a'.repeat(64)}`]);
  });

  it('says so when there is nothing to import', () => {
    const result = imported(importRequirementsTxt('# only comments\n\n'));
    expect(result.design.pip.packages).toEqual([]);
    expect(result.warnings[0].message).toMatch(/has no requirements/);
  });

  it('refuses files over 1 MB', () => {
    const result = importRequirementsTxt('numpy\n'.repeat(200_000));
    expect(result).toEqual({ ok: false, error: 'requirements.txt is 1.1 MB; Condocker imports files up to 1 MB.' });
  });

  it('reverts an index URL the design cannot hold', () => {
    const result = imported(importRequirementsTxt('--index-url file:///srv/simple\nrich\n'));
    expect(result.design.pip.indexUrl).toBe('');
    expect(result.warnings[0]).toMatchObject({ line: 1, message: expect.stringMatching(/^Not imported: "file:\/\/\/srv\/simple"\. Pip index URL: /) });
  });
});

describe('import → generate → import is a fixed point for requirements.txt', () => {
  const designs: Array<[string, Design]> = [
    ...PRESETS.filter((preset) => preset.design.pip.packages.length > 0).map((preset): [string, Design] => [preset.id, preset.design]),
    ['indexes and options', designSchema.parse({
      pip: {
        packages: ['rich', '--pre', 'torch==2.5.1+cpu', '-e git+https://github.com/org/repo.git#egg=repo', '--find-links https://download.pytorch.org/whl/torch_stable.html'],
        indexUrl: 'https://pypi.example.org/simple',
        extraIndexUrls: ['https://download.pytorch.org/whl/cpu'],
      },
    })],
    ['no comments', designSchema.parse({ dockerfile: { comments: false }, pip: { packages: ['rich'] } })],
  ];

  it.each(designs)('%s', (_, design) => {
    const text = requirementsOf(design) as string;
    const first = imported(importRequirementsTxt(text, design));
    expect(requirementsOf(first.design)).toBe(text);
    // Only the conda-forge hint for torch (it is "pytorch" there), which is true of the output too.
    expect(first.warnings.filter((warning) => !warning.message.startsWith('"torch" is "pytorch" on conda-forge'))).toEqual([]);
    const second = imported(importRequirementsTxt(requirementsOf(first.design) as string, first.design));
    expect(second.design).toEqual(first.design);
  });

  it('the fixture: a second import changes nothing', () => {
    const first = imported(importRequirementsTxt(fixture('requirements-hashes.txt')));
    const text = requirementsOf(first.design) as string;
    // Its "-e ." became "Install this project", which the Dockerfile carries, not requirements.txt: the second
    // import goes into the first design.
    expect(first.design.project.install.enabled).toBe(true);
    const second = imported(importRequirementsTxt(text, first.design));
    expect(second.design).toEqual(first.design);
    expect(requirementsOf(second.design)).toBe(text);
    // Only the true statement that the fixture mixes hashed and unhashed lines is repeated.
    expect(second.warnings.map((warning) => warning.message.slice(0, 36))).toEqual(['1 pip requirement has --hash and 7 d', '"torch" is "pytorch" on conda-forge:']);
  });
});

describe('issue 9: nothing lost from real requirements files', () => {
  const HASH = (digit: string) => `--hash=sha256:${digit.repeat(64)}`;
  const hashes = Array.from({ length: 70 }, (_, index) => `--hash=sha256:${index.toString(16).padStart(64, '0')}`);

  it.each<[string, string, string[], string[]]>([
    // [what, requirements.txt, pip packages, start of each warning]
    ['a 70-hash line with continuations', `grpcio==1.66.1 \\\n    ${hashes.join(' \\\n    ')}\n`, [`grpcio==1.66.1 ${hashes.join(' ')}`], []],
    ['extras of one package in two lines are merged', 'ray[default]\nnumpy\nray[data]\n', ['ray[default,data]', 'numpy'], ['Merged "ray[data]" into "ray[default]"']],
    ['a version and extras are merged', 'ray[default]==2.9.0\nray[data]\n', ['ray[default,data]==2.9.0'], ['Merged "ray[data]"']],
    ['two different ranges are both kept, with a warning', 'numpy>=1.20\nnumpy<2\n', ['numpy>=1.20,<2'], ['Merged "numpy<2" into "numpy>=1.20"']],
    ['the same name under different markers is kept twice', 'numpy==1.24; python_version < "3.9"\nnumpy==1.26; python_version >= "3.9"\n', ['numpy==1.24; python_version < "3.9"', 'numpy==1.26; python_version >= "3.9"'], []],
    ['an exact repeat is kept once', 'numpy\nNumPy\n', ['numpy'], ['"NumPy" repeats "numpy"']],
    ['hashes of one pinned package are merged', `six==1.16.0 ${HASH('a')}\nsix==1.16.0 ${HASH('b')}\n`, [`six==1.16.0 ${HASH('a')} ${HASH('b')}`], ['Merged "six==1.16.0']],
    [
      '--pre, names and --extra-index-url on one line are split',
      '--pre torch torchvision torchaudio --extra-index-url https://download.pytorch.org/whl/nightly/cu121\n',
      ['--pre', 'torch', 'torchvision', 'torchaudio'],
      ['Split "--pre torch torchvision torchaudio --extra-index-url https://download.pytorch.org/whl/nightly/cu121" into "--pre", "torch"', '"torch" is "pytorch" on conda-forge'],
    ],
    ['mixed hashed and unhashed lines are reported', `six==1.16.0 ${HASH('a')}\nrich\n`, [`six==1.16.0 ${HASH('a')}`, 'rich'], ['1 pip requirement has --hash and 1 does not ("rich" (line 2']],
    ['-e . is "Install this project"', '-e .\n', [], ['requirements.txt has no requirements', '"-e ." is the project itself: imported as "Install this project" (editable)']],
    ['-e .[extras] too, with its extras', '-e .[brotli,socks]\nrich\n', ['rich'], ['"-e .[brotli,socks]" is the project itself: imported as "Install this project" (editable, extras brotli, socks)']],
    ['-e ./lib is another local path', '-e ./lib\nrich\n', ['rich'], ['Not imported: "-e ./lib". The local path is not in the image']],
  ])('%s', (_, text, packages, warnings) => {
    const result = imported(importRequirementsTxt(text));
    expect(result.design.pip.packages).toEqual(packages);
    expect(result.warnings.map((warning) => warning.message)).toHaveLength(warnings.length);
    result.warnings.forEach((warning, index) => expect(warning.message.startsWith(warnings[index])).toBe(true));
  });

  it('puts the split extra index URL into the design\'s extra index URLs', () => {
    const result = imported(importRequirementsTxt('--pre torch --extra-index-url https://download.pytorch.org/whl/nightly/cpu\n'));
    expect(result.design.pip.extraIndexUrls).toEqual(['https://download.pytorch.org/whl/nightly/cpu']);
    expect(result.warnings[0]).toMatchObject({ line: 1, severity: 'info' });
  });

  it('renders a hashed lock back line for line, and reads it back the same', () => {
    const text = `certifi==2024.8.30 ${hashes.slice(0, 2).join(' ')}\ngrpcio==1.66.1 ${hashes.join(' ')}\n`;
    const first = imported(importRequirementsTxt(text));
    const rendered = requirementsOf(first.design) as string;
    expect(rendered.split('\n').filter((line) => line.includes('--hash'))).toHaveLength(2);
    expect(imported(importRequirementsTxt(rendered)).design).toEqual(first.design);
  });
});

describe('the benchmark lock (bench/import.ts)', () => {
  it('imports all 300 hashed packages without a warning, and renders them back', () => {
    const lock = generateHashedLock(290, 20) + generateHashedLock(10, 70).replace(/pkg-/g, 'wide-');
    const result = imported(importRequirementsTxt(lock));
    expect(result.warnings).toEqual([]);
    expect(result.design.pip.packages).toHaveLength(300);
    expect(result.design.pip.packages.at(-1)?.match(/--hash=/g)).toHaveLength(70);
    expect(imported(importRequirementsTxt(requirementsOf(result.design) as string)).design).toEqual(result.design);
  });
});

describe('-e . is the project itself: "Install this project"', () => {
  it.each<[string, string, { editable: boolean; extras: string[] }]>([
    ['-e .', '-e .\nrich\n', { editable: true, extras: [] }],
    ['-e ./', '-e ./\nrich\n', { editable: true, extras: [] }],
    ['--editable .', '--editable .\nrich\n', { editable: true, extras: [] }],
    ['-e .[brotli]', '-e .[brotli]\nrich\n', { editable: true, extras: ['brotli'] }],
    ['-e ".[dev, test]" twice', '-e .[dev,test]\n-e .[docs]\n', { editable: true, extras: ['dev', 'test', 'docs'] }],
  ])('%s turns it on with its extras', (_, text, install) => {
    expect(imported(importRequirementsTxt(text)).design.project.install).toEqual({ enabled: true, ...install });
  });

  it('renders back: the Dockerfile installs the project, and importing the files gives the option again', () => {
    const design = imported(importRequirementsTxt('-e .[brotli]\nrich==13.9.4\n')).design;
    const files = generateFiles(design);
    expect(files.find((file) => file.path === 'Dockerfile')!.content).toContain("python -m pip install --no-deps --editable '.[brotli]'");
    // requirements.txt is installed before the source is copied, so "-e ." is not written there.
    expect(files.find((file) => file.path === 'requirements.txt')!.content).not.toContain('-e .');
    const again = imported(importProjectFiles(files.map(({ path, content }) => ({ path, content }))));
    expect(again.design.project.install).toEqual(design.project.install);
    expect(again.design).toEqual(design);
    expect(again.warnings).toEqual([]);
  });

  it('reports an invalid extra at its line and leaves the option off', () => {
    const result = imported(importRequirementsTxt('rich\n-e .[dev_]\n'));
    expect(result.warnings).toEqual([expect.objectContaining({ line: 2, message: expect.stringContaining('"dev_" is not a valid extra name') })]);
    expect(result.design.project.install.enabled).toBe(false);
  });
});

describe('the conda-forge hint: pip packages conda-forge has under another name', () => {
  const hints = (result: ReturnType<typeof importRequirementsTxt>) =>
    imported(result).warnings.filter((warning) => warning.message.includes('(CD013)')).map(({ line, severity, message }) => ({ line, severity, message }));
  const WHY = 'lets one solver keep compiled libraries compatible with the rest of the environment';

  it.each<[string, string, Array<{ line: number; severity: 'info'; message: string }>]>([
    ['one renamed package', 'rich\ntorch==2.5.1\n', [{ line: 2, severity: 'info', message: `"torch" is "pytorch" on conda-forge: installing it with conda ${WHY}. Findings (CD013) offer to move it.` }]],
    [
      'several, in one hint at the first',
      'numpy\nopencv-python-headless\nopencv-python==4.10.0.84\ntables>=3.9\nTorch\n',
      [{ line: 3, severity: 'info', message: `3 pip packages have another name on conda-forge: "opencv-python" is "py-opencv", "tables" is "pytables", "torch" is "pytorch". Installing them with conda ${WHY}; Findings (CD013) offer to move each.` }],
    ],
    ['none for same names and PEP 503 spellings', 'numpy\nruamel.yaml\ntyping_extensions\nscikit-learn\n', []],
    ['none for a name conda-forge lacks', 'some-private-lib==1.0\n', []],
    ['none for lines conda cannot take (marker, extras, URL)', 'torch==2.5.1; python_version < "3.13"\ntables[blosc]\nmsgpack @ https://example.org/msgpack-1.0.tar.gz\n', []],
  ])('%s', (_, text, expected) => {
    expect(hints(importRequirementsTxt(text))).toEqual(expected);
  });

  it('names the first eight and counts the rest', () => {
    const text = 'torch\ntables\nopencv-python\nmsgpack\ngraphviz\ndocker\nredis\ntzdata\nninja\npyqt5\n';
    expect(hints(importRequirementsTxt(text))[0].message).toMatch(/^10 pip packages .*"tzdata" is "python-tzdata" and 2 more\. /);
  });

  it('says nothing when conda already installs the package, or when conda-forge is not a channel', () => {
    const withPytorch = designSchema.parse({ conda: { packages: ['jupyterlab', 'pytorch'] } });
    expect(hints(importRequirementsTxt('torch\n', withPytorch))).toEqual([]);
    const otherChannel = designSchema.parse({ conda: { channels: ['https://conda.example.org/internal'] } });
    expect(hints(importRequirementsTxt('torch\n', otherChannel))).toEqual([]);
  });
});
