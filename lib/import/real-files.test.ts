// Real environment.yml and requirements.txt files from public repositories (sources, commits and licences in
// __fixtures__/real/SOURCES.md): import → render → import must keep every entry with its meaning, or report it at
// its line with a reason.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DESIGN, type Design } from '@/lib/design/schema';
import { generateFiles } from '@/lib/generators';
import { condaSpecName } from '@/lib/specs/conda-spec';
import { normalizePipName, parsePipLine, splitRequirementsText } from '@/lib/specs/pip-requirement';
import { importEnvironmentYml } from './environment-yml';
import { importRequirementsTxt, REQUIREMENTS_IMPORT_BASE } from './requirements-txt';
import type { ImportResult, ImportWarning } from './types';
import { isNullNode, keyText, parseYamlTree, type YamlNode } from './yaml-tree';

const ROOT = new URL('./__fixtures__/real/', import.meta.url).pathname;

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Each fixture with the other files of its repository (so that -r chains are followed, as when imported together). */
const FIXTURES = readdirSync(ROOT)
  .filter((name) => statSync(join(ROOT, name)).isDirectory())
  .flatMap((repository) => {
    const folder = join(ROOT, repository);
    const files = filesUnder(folder).map((path) => ({ path: relative(folder, path), text: readFileSync(path, 'utf8') }));
    const companions = Object.fromEntries(files.map((file) => [file.path, file.text]));
    return files.map((file) => ({ name: `${repository}/${file.path}`, ...file, companions }));
  });

const isEnvironment = (path: string) => /\.ya?ml$/.test(path);
const HASH_MIX = /pip requirements? ha(?:s|ve) --hash and/;
// The conda-forge hint, like the hash mix, is a true statement about the packages that an import of the output repeats.
const CONDA_FORGE_HINT = /on conda-forge.*Findings \(CD013\)/;

function imported(result: ImportResult): Extract<ImportResult, { ok: true }> {
  if (!result.ok) throw new Error(result.error);
  return result;
}

function importFixture(path: string, text: string, companions: Record<string, string>): Extract<ImportResult, { ok: true }> {
  return isEnvironment(path)
    ? imported(importEnvironmentYml(text, DEFAULT_DESIGN, { fileName: path, companions }))
    : imported(importRequirementsTxt(text, REQUIREMENTS_IMPORT_BASE, { fileName: path, companions }));
}

/** Renders the design and imports what was rendered back into it. */
function roundTrip(design: Design, path: string): Extract<ImportResult, { ok: true }> {
  const files = new Map(generateFiles(design).map((file) => [file.path, file.content]));
  const requirements = files.get('requirements.txt') ?? '';
  // A file with nothing the design can hold renders no requirements.txt: there is nothing to read back.
  if (!isEnvironment(path) && requirements === '') return { ok: true, design, warnings: [] };
  if (!isEnvironment(path)) return imported(importRequirementsTxt(requirements, design));
  return imported(importEnvironmentYml(files.get('environment.yml') as string, design, { companions: { 'requirements.txt': requirements } }));
}

type Entry = { line: number; kind: 'conda' | 'pip' | 'channel' | 'variable'; value: string };

/** The entries of a requirements text, by line. */
function pipEntries(text: string): Entry[] {
  return splitRequirementsText(text).map(({ line, text: value }) => ({ line, kind: 'pip', value }));
}

/** The entries of an environment file, by line, read independently of the importer's own walk. */
function environmentEntries(text: string): Entry[] {
  const tree = parseYamlTree(text, 'environment.yml');
  if (!tree.ok || tree.root?.kind !== 'mapping') return [];
  const entries: Entry[] = [];
  const scalars = (node: YamlNode): YamlNode[] => (node.kind === 'sequence' ? node.items : [node]).filter((item) => item.kind === 'scalar' && !isNullNode(item));
  for (const entry of tree.root.entries) {
    const key = keyText(entry);
    if (key === 'channels') for (const item of scalars(entry.value)) entries.push({ line: item.line, kind: 'channel', value: (item as { value: string }).value.trim() });
    if (key === 'variables' && entry.value.kind === 'mapping')
      for (const variable of entry.value.entries) entries.push({ line: variable.key.line, kind: 'variable', value: keyText(variable) });
    if (key !== 'dependencies' || entry.value.kind !== 'sequence') continue;
    for (const item of entry.value.items) {
      if (item.kind === 'scalar' && !isNullNode(item)) entries.push({ line: item.line, kind: 'conda', value: item.value.trim() });
      if (item.kind !== 'mapping') continue;
      for (const sub of item.entries) {
        if (keyText(sub) === 'pip') for (const pip of scalars(sub.value)) entries.push({ line: pip.line, kind: 'pip', value: (pip as { value: string }).value.trim() });
        else entries.push({ line: sub.key.line, kind: 'conda', value: keyText(sub) });
      }
    }
  }
  return entries;
}

/** Whether the design holds the entry (by name: versions may be merged or respelled, which the round trip checks). */
function holds(design: Design, entry: Entry): boolean {
  switch (entry.kind) {
    case 'channel':
      return design.conda.channels.includes(entry.value);
    case 'variable':
      return design.runtime.env.some((variable) => variable.name === entry.value);
    case 'conda': {
      const name = condaSpecName(entry.value);
      if (name === 'python' && design.conda.pythonVersion !== '') return true;
      // The generator adds pip back when the design has pip packages.
      if (name === 'pip' && design.pip.packages.length > 0) return true;
      return design.conda.packages.some((spec) => condaSpecName(spec) === name);
    }
    case 'pip': {
      const parsed = parsePipLine(entry.value.replace(/^(-r|--requirement)(\s+|=)file:/, '$1 '));
      if (!parsed.ok) return false;
      const line = parsed.line;
      if (line.kind === 'option') {
        if (line.option === '--index-url') return design.pip.indexUrl === line.value;
        if (line.option === '--extra-index-url') return design.pip.extraIndexUrls.includes(line.value ?? '');
        // A followed -r file: its own lines are checked as entries of that fixture.
        if (line.option === '--requirement') return true;
        return design.pip.packages.includes(`${line.option}${line.value === undefined ? '' : ` ${line.value}`}`);
      }
      if (line.kind !== 'requirement') return design.pip.packages.some((pip) => pip.includes(line.kind === 'url' ? line.url : line.target));
      return design.pip.packages.some((pip) => {
        const other = parsePipLine(pip);
        return other.ok && other.line.kind === 'requirement' && normalizePipName(other.line.name) === normalizePipName(line.name);
      });
    }
  }
}

const reportedAt = (warnings: ImportWarning[], file: string, line: number) => warnings.some((warning) => warning.file === file && warning.line === line);

describe.each(FIXTURES)('$name', ({ path, text, companions }) => {
  const first = importFixture(path, text, companions);

  it('keeps every entry, or reports it at its line', () => {
    const entries = isEnvironment(path) ? environmentEntries(text) : pipEntries(text);
    const lost = entries.filter((entry) => !holds(first.design, entry) && !reportedAt(first.warnings, path, entry.line));
    expect(lost).toEqual([]);
  });

  it('gives every warning a reason a user can act on', () => {
    for (const warning of first.warnings) expect(warning.message.length).toBeGreaterThan(30);
  });

  it('renders to files that import back to the same design, without new warnings', () => {
    const second = roundTrip(first.design, path);
    expect(second.design).toEqual(first.design);
    expect(second.warnings.filter((warning) => !HASH_MIX.test(warning.message) && !CONDA_FORGE_HINT.test(warning.message))).toEqual([]);
  });
});

describe('the real fixtures', () => {
  it('are at least 40, with a source line each', () => {
    const sources = readFileSync(join(ROOT, 'SOURCES.md'), 'utf8');
    const real = FIXTURES.filter(({ name }) => !name.startsWith('own/'));
    expect(real.length).toBeGreaterThanOrEqual(40);
    for (const { name } of real) expect(sources).toContain(`| ${name.split('/')[0].replace('+', '/')} | ${name.split('/').slice(1).join('/')} |`);
  });
});

describe('the written cases (own/)', () => {
  const own = (name: string) => FIXTURES.find((fixture) => fixture.name === `own/${name}`) as (typeof FIXTURES)[number];
  const load = (name: string) => importFixture(own(name).path, own(name).text, own(name).companions);
  const warningsOf = (result: ReturnType<typeof load>) => result.warnings.map((warning) => [warning.line, warning.message.slice(0, 48)]);

  it.each<[string, (result: ReturnType<typeof load>) => unknown, unknown]>([
    ['selectors.yml', (result) => result.design.conda.packages, ['libgcc-ng', 'readline', 'numpy']],
    ['selectors.yml', (result) => warningsOf(result).filter(([line]) => line === 8 || line === 9).map(([, message]) => message), ['Not imported: "sel(osx): libcxx" applies to macO', 'Not imported: "sel(win): vs2015_runtime" applies']],
    ['torch-nightly.txt', (result) => [result.design.pip.packages, result.design.pip.extraIndexUrls], [['--pre', 'torch', 'torchvision', 'torchaudio', 'transformers>=4.40'], ['https://download.pytorch.org/whl/nightly/cu121']]],
    ['ray-extras.txt', (result) => result.design.pip.packages.filter((line) => /^(ray|numpy)/.test(line)), ['ray[default,data]==2.9.3', 'numpy==1.24.4; python_version < "3.9"', 'numpy==1.26.4; python_version >= "3.9"']],
    ['pip-explicit.yml', (result) => [result.design.conda.packages, result.design.pip.packages], [['pip'], []]],
    ['exported-with-builds.yml', (result) => result.design.conda.packages.slice(0, 2), ['_libgcc_mutex=0.1=conda_forge', '_openmp_mutex=4.5=2_gnu']],
    ['exported-with-builds.yml', (result) => warningsOf(result).find(([line]) => line === 21), [21, 'Ignored "prefix": it is where the environment li']],
    ['uv-export.txt', (result) => result.design.pip.packages.map((line) => line.split(' ')[0]), ['anyio==4.4.0', 'colorama==0.4.6;', 'exceptiongroup==1.2.2;', 'httpx==0.27.0']],
    ['stable-diffusion-like.yaml', (result) => [warningsOf(result).find(([line]) => line === 17), result.design.project.install], [[17, '"-e ." is the project itself: imported as "Insta'], { enabled: true, editable: true, extras: [] }]],
  ])('%s', (name, pick, expected) => {
    expect(pick(load(name))).toEqual(expected);
  });
});
