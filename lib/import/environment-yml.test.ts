import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '@/lib/design/presets';
import { DEFAULT_DESIGN, designSchema, type Design } from '@/lib/design/schema';
import { generateFiles } from '@/lib/generators';
import { importEnvironmentYml } from './environment-yml';
import type { ImportResult } from './types';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const fileOf = (design: Design, path: string) => generateFiles(design).find((file) => file.path === path)?.content;

function imported(result: ImportResult): Extract<ImportResult, { ok: true }> {
  if (!result.ok) throw new Error(result.error);
  return result;
}

/** [line, start of message] of each warning, to check that nothing is dropped without a word. */
const warningLines = (result: ImportResult) => imported(result).warnings.map((warning) => [warning.line, warning.message.slice(0, 40)]);

describe('importEnvironmentYml on a messy real-world file', () => {
  const result = imported(importEnvironmentYml(fixture('messy-environment.yml'), DEFAULT_DESIGN, { fileName: 'messy-environment.yml' }));

  it('reads name, channels, conda packages, the Python version, pip and variables', () => {
    expect(result.design.project.name).toBe('climate-model-2024');
    expect(result.design.conda.channels).toEqual(['conda-forge', 'conda-forge/label/dev', 'https://conda.anaconda.org/bioconda', 'nodefaults']);
    expect(result.design.conda.pythonVersion).toBe('3.11');
    expect(result.design.conda.packages).toEqual([
      'numpy>=1.26,<2',
      'pandas',
      "xarray[version='>=2024.1']",
      'conda-forge::cartopy',
      'pytorch=*=cuda*',
      'libarchive>=3.8 lgpl_*',
      'libgcc-ng',
      'make',
    ]);
    expect(result.design.pip).toEqual({
      packages: ['requests[socks]>=2.31; python_version >= "3.8"', 'git+https://github.com/pangeo-data/climpred.git@v2.4.0#egg=climpred'],
      indexUrl: '',
      extraIndexUrls: ['https://download.pytorch.org/whl/cpu'],
    });
    expect(result.design.runtime.env).toEqual([
      { name: 'OMP_NUM_THREADS', value: '4' },
      { name: 'MPLBACKEND', value: 'Agg' },
    ]);
  });

  it('keeps what the file does not describe from the base', () => {
    const { conda, runtime, project, ...rest } = result.design;
    const { conda: c, runtime: r, project: pr, pip: _, ...base } = DEFAULT_DESIGN;
    expect({ ...rest, pip: undefined }).toEqual({ ...base, pip: undefined });
    expect([conda.installer, runtime.command, project.description]).toEqual([c.installer, r.command, pr.description]);
  });

  it('reports every entry it could not represent, at its line', () => {
    expect(warningLines(result)).toEqual([
      [3, 'The name "Climate Model (2024)" became t'],
      [10, 'Not imported: the channel "conda-forge" '],
      [19, '"sel(linux): libgcc-ng": kept "libgcc-ng'],
      [20, '"sel(unix): make": kept "make" without t'],
      [21, 'Not imported: "sel(osx): appnope" applie'],
      [22, 'Not imported: "sel(win): pywin32" applie'],
      [23, 'Not imported: "sel(freebsd): somepkg": m'],
      [24, '"numpy" adds nothing to "numpy>=1.26,<2"'],
      [25, 'Not imported: Invalid conda package spec'],
      [26, 'Not imported: the "npm:" entry in "depen'],
      [28, 'Not imported: a nested list in "dependen'],
      [29, 'Ignored an empty entry in "dependencies"'],
      [32, '"-r file:dev-requirements.txt": that fil'],
      [35, 'Not imported: "-e ./local-package". The '],
      [37, 'Not imported: Invalid pip requirement "n'],
      [41, 'Not imported: "PATH". Variable name: Con'],
      [42, 'Not imported: the variable "EMPTY" has n'],
      [43, 'Ignored "prefix": it is where the enviro'],
      [44, 'Ignored the top-level key "platforms": e'],
    ]);
    expect(result.warnings.every((warning) => warning.file === 'messy-environment.yml')).toBe(true);
    expect(result.warnings.filter((warning) => warning.severity === 'info').map((warning) => warning.line)).toEqual([3, 19, 20, 24]);
  });

  it('follows "-r file:…" into a file imported together with it', () => {
    const withCompanion = imported(
      importEnvironmentYml(fixture('messy-environment.yml'), DEFAULT_DESIGN, {
        fileName: 'messy-environment.yml',
        companions: { 'dev-requirements.txt': fixture('dev-requirements.txt') },
      }),
    );
    expect(withCompanion.design.pip.packages).toEqual([
      'pytest>=8',
      'ruff==0.6.9',
      'requests[socks]>=2.31; python_version >= "3.8"',
      'git+https://github.com/pangeo-data/climpred.git@v2.4.0#egg=climpred',
    ]);
    expect(withCompanion.warnings.some((warning) => warning.message.includes('dev-requirements'))).toBe(false);
  });
});

describe('importEnvironmentYml, one feature at a time', () => {
  it('reads micromamba files: 4-space indents, flow sequences, selectors, a flow-mapping pip list', () => {
    const result = imported(importEnvironmentYml(fixture('micromamba-env.yaml')));
    expect(result.design.conda).toMatchObject({ channels: ['conda-forge', 'nodefaults'], pythonVersion: '3.12', packages: ['cuda-nvcc', 'numpy'] });
    expect(result.design.pip).toEqual({ packages: ['rich'], indexUrl: 'https://pypi.example.org/simple', extraIndexUrls: [] });
    expect(warningLines(result)).toEqual([
      [6, '"sel(linux): cuda-nvcc": kept "cuda-nvcc'],
      [7, 'Not imported: "sel(osx): llvm-openmp" ap'],
    ]);
  });

  it('reads `conda env export` output: build strings kept, prefix reported', () => {
    const result = imported(importEnvironmentYml(fixture('conda-export.yml')));
    expect(result.design.conda.packages).toContain('numpy=1.26.4=py312heda63a1_0');
    expect(result.design.conda.pythonVersion).toBe('');
    expect(result.design.pip.packages).toEqual(['requests==2.32.3', 'urllib3==2.2.3']);
    expect(warningLines(result)).toEqual([[14, 'Ignored "prefix": it is where the enviro']]);
  });

  it.each([
    ['python=3.12', '3.12', []],
    ['python=3.12.*', '3.12', []],
    ['python 3.12', '3.12', []],
    ['python =3.11', '3.11', []],
    ['python=3.9*', '3.9', []],
    ['python>=3.10', '', ['python>=3.10']],
    ['python=3.12.1', '', ['python=3.12.1']],
    ['python==3.12', '', ['python==3.12']],
    ['python=3', '', ['python=3']],
    ['python=3.12=*_cpython', '', ['python=3.12=*_cpython']],
    ['conda-forge::python=3.12', '', ['conda-forge::python=3.12']],
  ])('reads the first dependency %s as Python version "%s"', (spec, version, packages) => {
    const result = imported(importEnvironmentYml(`dependencies:\n  - ${spec}\n  - numpy\n`));
    expect(result.design.conda.pythonVersion).toBe(version);
    expect(result.design.conda.packages).toEqual([...packages, 'numpy']);
  });

  it('leaves a python pin in place when it is not the first dependency (where Condocker writes it)', () => {
    const result = imported(importEnvironmentYml('dependencies:\n  - numpy\n  - python=3.12\n'));
    expect(result.design.conda).toMatchObject({ pythonVersion: '', packages: ['numpy', 'python=3.12'] });
  });

  it('keeps a leading python pin in the list when the base design pins python there (empty Python version)', () => {
    const base = designSchema.parse({ conda: { pythonVersion: '', packages: ['python=3.8', 'numpy'] } });
    const result = imported(importEnvironmentYml('dependencies:\n  - python=3.10\n  - numpy\n', base));
    expect(result.design.conda).toMatchObject({ pythonVersion: '', packages: ['python=3.10', 'numpy'] });
  });

  it('drops the bare pip that Condocker adds itself, and only that one', () => {
    const withPip = imported(importEnvironmentYml('dependencies:\n  - numpy\n  - pip\n  - pip:\n      - rich\n'));
    expect(withPip.design.conda.packages).toEqual(['numpy']);
    const pinned = imported(importEnvironmentYml('dependencies:\n  - pip=24\n  - numpy\n  - pip:\n      - rich\n'));
    expect(pinned.design.conda.packages).toEqual(['pip=24', 'numpy']);
    const noPipList = imported(importEnvironmentYml('dependencies:\n  - numpy\n  - pip\n'));
    expect(noPipList.design.conda.packages).toEqual(['numpy', 'pip']);
  });

  it('reports invalid channels and keeps the valid ones', () => {
    const result = imported(importEnvironmentYml('channels:\n  - conda-forge\n  - "bad channel"\n  - file:///srv/channel\ndependencies: [numpy]\n'));
    expect(result.design.conda.channels).toEqual(['conda-forge']);
    expect(result.warnings.map((warning) => warning.line)).toEqual([3, 4]);
    expect(result.warnings[0].message).toMatch(/^Not imported: "bad channel"\. Channel: /);
  });

  it('keeps the base channels, name and pip packages when the file does not say', () => {
    const base = designSchema.parse({ project: { name: 'mine' }, conda: { channels: ['conda-forge', 'bioconda'] }, pip: { packages: ['rich'] }, user: { name: 'ada' } });
    const result = imported(importEnvironmentYml('dependencies:\n  - numpy\n  - pip:\n      - -r requirements.txt\n', base));
    expect(result.design.project.name).toBe('mine');
    expect(result.design.conda.channels).toEqual(['conda-forge', 'bioconda']);
    expect(result.design.user.name).toBe('ada');
    expect(result.design.pip.packages).toEqual(['rich']);
    expect(result.warnings.map((warning) => [warning.line, warning.severity ?? 'warning', warning.message.slice(0, 30)])).toEqual([
      [undefined, 'info', 'environment.yml lists no chann'],
      [4, 'warning', '"-r requirements.txt": that fi'],
    ]);
  });

  it('replaces the pip packages and variables when the file has none', () => {
    const base = designSchema.parse({ pip: { packages: ['rich'], indexUrl: 'https://pypi.example.org/simple' }, runtime: { env: [{ name: 'A', value: '1' }] } });
    const result = imported(importEnvironmentYml('dependencies: [numpy]\n', base));
    expect(result.design.pip).toEqual({ packages: [], indexUrl: '', extraIndexUrls: [] });
    expect(result.design.runtime.env).toEqual([]);
  });

  it('keeps variable values as written', () => {
    const result = imported(importEnvironmentYml('dependencies: []\nvariables:\n  A: 1.10\n  B: true\n  C: "x y"\n'));
    expect(result.design.runtime.env).toEqual([
      { name: 'A', value: '1.10' },
      { name: 'B', value: 'true' },
      { name: 'C', value: 'x y' },
    ]);
  });

  it.each([
    ['malformed YAML', 'dependencies:\n  - numpy\n - pandas\n', /^environment\.yml: invalid YAML at line 3, column 2: /],
    ['a list at the top', '- numpy\n', /expected a mapping with "name", "channels" and "dependencies" at the top, found a list on line 1/],
    ['an empty file', '# nothing\n', /environment\.yml is empty/],
    ['more than 1 MB', `dependencies:\n${'  - numpy\n'.repeat(120_000)}`, /environment\.yml is 1\.1 MB; Condocker imports files up to 1 MB\./],
  ])('fails with a message on %s', (_, text, message) => {
    const result = importEnvironmentYml(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

describe('import → generate → import is a fixed point for environment.yml', () => {
  const designs: Array<[string, Design]> = [
    ...PRESETS.map((preset): [string, Design] => [preset.id, preset.design]),
    ['no comments, variables, pip indexes', designSchema.parse({
      dockerfile: { comments: false },
      conda: { channels: ['conda-forge', 'nodefaults', 'conda-forge/label/dev'], packages: ['numpy>=1.26,<2', 'pip', 'pytorch=*=cuda*'] },
      pip: { packages: ['rich', '--pre'], indexUrl: 'https://pypi.example.org/simple', extraIndexUrls: ['https://download.pytorch.org/whl/cpu'] },
      runtime: { env: [{ name: 'OMP_NUM_THREADS', value: '4' }, { name: 'GREETING', value: 'it\'s "quoted": yes' }] },
    })],
  ];

  it.each(designs)('%s: regenerates byte-identically (with requirements.txt, or merged into the design)', (_, design) => {
    const environment = fileOf(design, 'environment.yml') as string;
    const requirements = fileOf(design, 'requirements.txt');
    const companions: Record<string, string> = requirements === undefined ? {} : { 'requirements.txt': requirements };
    const fresh = imported(importEnvironmentYml(environment, designSchema.parse({ dockerfile: design.dockerfile }), { companions }));
    expect(fileOf(fresh.design, 'environment.yml')).toBe(environment);
    expect(fileOf(fresh.design, 'requirements.txt')).toBe(requirements);
    const merged = imported(importEnvironmentYml(environment, design));
    expect(fileOf(merged.design, 'environment.yml')).toBe(environment);
    expect(merged.design).toEqual(design);
    // Merged without requirements.txt, the only thing to say is that its packages are the design's.
    expect(merged.warnings.map((warning) => warning.message.slice(0, 22))).toEqual(requirements === undefined ? [] : ['"-r requirements.txt":']);
  });

  it.each(['messy-environment.yml', 'micromamba-env.yaml', 'conda-export.yml'])('%s: a second import changes nothing', (name) => {
    const first = imported(importEnvironmentYml(fixture(name), DEFAULT_DESIGN, { companions: { 'dev-requirements.txt': fixture('dev-requirements.txt') } }));
    const environment = fileOf(first.design, 'environment.yml') as string;
    const companions = { 'requirements.txt': fileOf(first.design, 'requirements.txt') ?? '' };
    const second = imported(importEnvironmentYml(environment, DEFAULT_DESIGN, { companions }));
    expect(second.design).toEqual(first.design);
    expect(fileOf(second.design, 'environment.yml')).toBe(environment);
    expect(second.warnings).toEqual([]);
  });
});

describe('issue 9: an explicit pip stays when the pip list has nothing the design can hold', () => {
  const env = (pip: string) => `name: x\nchannels: [conda-forge]\ndependencies:\n  - python=3.11\n  - pip\n${pip}`;
  it.each<[string, string, string[], string[]]>([
    // [what, pip part, conda packages, pip packages]
    ['no pip list', '', ['pip'], []],
    ['an empty pip list', '  - pip: []\n', ['pip'], []],
    ['a pip list with only "-e ."', '  - pip:\n    - -e .\n', ['pip'], []],
    ['a pip list with only a -r file that is not imported', '  - pip:\n    - -r missing.txt\n', ['pip'], []],
    ['a pip list with packages (the generator adds pip back)', '  - pip:\n    - rich\n', [], ['rich']],
  ])('%s', (_, pip, conda, packages) => {
    const result = imported(importEnvironmentYml(env(pip), designSchema.parse({ conda: { packages: [] } })));
    expect(result.design.conda.packages).toEqual(conda);
    expect(result.design.pip.packages).toEqual(packages);
    const rendered = fileOf(result.design, 'environment.yml') as string;
    expect(rendered).toContain('  - pip\n');
  });
});

describe('issue 9: conda specs written twice or with capitals', () => {
  const env = (specs: string[]) => `name: x\nchannels: [conda-forge]\ndependencies:\n${specs.map((spec) => `  - ${spec}\n`).join('')}`;
  it.each<[string, string[], string[], string[]]>([
    // [what, dependencies, conda packages, start of each warning]
    ['two ranges are joined', ['numpy>=2.1', 'numpy>=2.0'], ['numpy>=2.1,>=2.0'], ['Merged "numpy>=2.0" into "numpy>=2.1"']],
    ['a bare name adds nothing', ['numpy>=2.1', 'numpy'], ['numpy>=2.1'], ['"numpy" adds nothing to "numpy>=2.1"']],
    ['an exact repeat is kept once', ['python', 'python'], ['python'], ['"python" repeats "python" on line 4']],
    ['different builds cannot be joined', ['pytorch=*=cuda*', 'pytorch=*=cpu*'], ['pytorch=*=cuda*'], ['Not imported: "pytorch=*=cpu*"']],
    ['capitals are read in lower case, as conda does', ['PySide6 ==6.11.1', 'Cython>=3.0.10,!=3.2.0b1'], ['pyside6 ==6.11.1', 'cython>=3.0.10,!=3.2.0b1'], ['Read "PySide6 ==6.11.1" as "pyside6 ==6.11.1"', 'Read "Cython']],
  ])('%s', (_, specs, packages, warnings) => {
    const result = imported(importEnvironmentYml(env(specs)));
    expect(result.design.conda.packages).toEqual(packages);
    expect(result.warnings.map((warning, index) => warning.message.slice(0, warnings[index]?.length ?? 0))).toEqual(warnings);
  });
});

describe('the conda-forge hint for the pip list', () => {
  const hintsOf = (text: string) => imported(importEnvironmentYml(text)).warnings.filter((warning) => warning.message.includes('(CD013)'));

  it('points at the pip entry conda-forge has under another name', () => {
    const text = 'name: demo\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.12\n  - pip\n  - pip:\n    - rich\n    - torch==2.5.1\n';
    expect(hintsOf(text)).toEqual([
      {
        file: 'environment.yml',
        line: 9,
        severity: 'info',
        message: '"torch" is "pytorch" on conda-forge: installing it with conda lets one solver keep compiled libraries compatible with the rest of the environment. Findings (CD013) offer to move it.',
      },
    ]);
  });

  it('says nothing when the file installs it with conda already, or has no conda-forge channel', () => {
    expect(hintsOf('channels: [conda-forge]\ndependencies:\n  - pytorch\n  - pip:\n    - torch\n')).toEqual([]);
    expect(hintsOf('channels: [https://conda.example.org/internal]\ndependencies:\n  - pip:\n    - torch\n')).toEqual([]);
  });
});
