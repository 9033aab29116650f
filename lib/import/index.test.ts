import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findPreset } from '@/lib/design/presets';
import { DEFAULT_DESIGN, designSchema } from '@/lib/design/schema';
import { generateFiles } from '@/lib/generators';
import { buildZip } from '@/lib/zip';
import { MAX_WARNINGS } from './common';
import { detectImportKind, formatImportWarning, importFile, importFiles, type ImportResult } from './index';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

function imported(result: ImportResult): Extract<ImportResult, { ok: true }> {
  if (!result.ok) throw new Error(result.error);
  return result;
}

describe('detectImportKind', () => {
  it.each([
    ['environment.yml', 'name: x\ndependencies: [numpy]\n', 'environment.yml'],
    ['conda/env.yaml', 'channels: [conda-forge]\n', 'environment.yml'],
    ['environment-gpu.yml', 'name: x\n', 'environment.yml'],
    ['requirements.txt', 'numpy\n', 'requirements.txt'],
    ['requirements-dev.txt', 'pytest\n', 'requirements.txt'],
    ['requirements.in', 'pytest\n', 'requirements.txt'],
    ['apt.txt', 'git\n', 'apt.txt'],
    ['design.yaml', 'project:\n  name: x\n', 'design'],
    ['condocker.json', '{"schemaVersion": 1}', 'design'],
    ['my-design.yml', 'conda:\n  packages: [numpy]\n', 'design'],
    ['Dockerfile', 'FROM ubuntu:24.04\n', 'Dockerfile'],
    ['gpu.Dockerfile', 'FROM ubuntu:24.04\n', 'Dockerfile'],
    ['postBuild', '#!/bin/bash\necho hi\n', 'postBuild'],
    ['pasted', 'dependencies:\n  - numpy\n', 'environment.yml'],
    ['pasted', '{"project": {"name": "x"}}', 'design'],
    ['pasted', '# syntax=docker/dockerfile:1\nFROM x\n', 'Dockerfile'],
    ['notes.md', '# notes\n', undefined],
    ['other.yml', 'foo: bar\n', undefined],
  ])('%s → %s', (name, text, kind) => {
    expect(detectImportKind(name, text)).toBe(kind);
  });
});

describe('importFile', () => {
  const current = designSchema.parse({
    user: { name: 'ada' },
    conda: { packages: ['numpy'] },
    pip: { packages: ['rich'] },
    apt: { packages: ['git'] },
    runtime: { env: [{ name: 'A', value: '1' }] },
  });

  it('requirements.txt replaces the pip packages and keeps the rest of the current design', async () => {
    const result = imported(await importFile('requirements.txt', 'httpx\n', current));
    expect(result.kind).toBe('requirements.txt');
    expect(result.design).toEqual({ ...current, pip: { packages: ['httpx'], indexUrl: '', extraIndexUrls: [] } });
  });

  it('apt.txt replaces the system packages only', async () => {
    const result = imported(await importFile('apt.txt', 'vim\n', current));
    expect(result.design).toEqual({ ...current, apt: { packages: ['vim'] } });
  });

  it('environment.yml replaces what an environment describes and keeps the rest', async () => {
    const result = imported(await importFile('environment.yml', 'dependencies:\n  - python=3.11\n  - pandas\n', current));
    expect(result.design).toEqual({
      ...current,
      conda: { ...current.conda, pythonVersion: '3.11', packages: ['pandas'] },
      pip: { packages: [], indexUrl: '', extraIndexUrls: [] },
      runtime: { ...current.runtime, env: [] },
    });
  });

  it('a design file and a zip replace the whole design', async () => {
    expect(imported(await importFile('design.json', fixture('design.json'), current)).design.user.name).toBe('ada');
    expect(imported(await importFile('design.yaml', 'project: {name: x}\n', current)).design).toEqual(designSchema.parse({ project: { name: 'x' } }));
    const preset = findPreset('pytorch-gpu')?.design ?? DEFAULT_DESIGN;
    const zipped = imported(await importFile('pytorch-gpu.zip', await buildZip(generateFiles(preset)), current));
    expect([zipped.kind, zipped.design]).toEqual(['zip', preset]);
  });

  it('without a design, requirements.txt starts from JupyterLab only', async () => {
    const result = imported(await importFile('requirements.txt', 'httpx\n'));
    expect(result.design.conda.packages).toEqual(['jupyterlab']);
  });

  it('reads bytes: UTF-8 with a byte order mark, and zips recognised by their signature', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('git\n')]);
    expect(imported(await importFile('apt.txt', bom)).design.apt.packages).toEqual(['git']);
    const zip = await buildZip(generateFiles(DEFAULT_DESIGN));
    expect(imported(await importFile('download', zip)).kind).toBe('zip');
  });

  it.each([
    ['notes.md', '# notes\n', /^Could not tell what kind of file "notes\.md" is\. Condocker imports environment\.yml, /],
    ['apt.txt', new Uint8Array([0xff, 0xfe, 0x41]), /^apt\.txt is not UTF-8 text/],
    ['environment.yml', 'dependencies: [numpy\n', /^environment\.yml: invalid YAML at line 2/],
    ['requirements.txt', 'x'.repeat(1_100_000), /^requirements\.txt is 1\.0 MB; Condocker imports files up to 1 MB\.$/],
  ])('fails with a message on %s', async (name, content, message) => {
    const result = await importFile(name, content);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

describe('importFiles', () => {
  it('reads files picked together as one project, following -r requirements.txt', async () => {
    const design = designSchema.parse({ pip: { packages: ['httpx'] }, apt: { packages: ['git'] } });
    const files = generateFiles(design)
      .filter((file) => ['environment.yml', 'requirements.txt', 'apt.txt'].includes(file.path))
      .map((file) => ({ name: file.path, content: file.content }));
    const result = imported(await importFiles(files, DEFAULT_DESIGN));
    expect(result.design).toEqual(design);
    expect(result.warnings).toEqual([]);
  });

  it('without environment.yml, requirements.txt replaces the pip packages as it does alone', async () => {
    const current = designSchema.parse({ pip: { packages: ['rich'] }, user: { name: 'ada' } });
    const result = imported(await importFiles([{ name: 'requirements.txt', content: 'httpx\n' }, { name: 'apt.txt', content: 'git\n' }], current));
    expect(result.design).toEqual({ ...current, pip: { ...current.pip, packages: ['httpx'] }, apt: { packages: ['git'] } });
  });

  it('reads a whole project when a Dockerfile is among them', async () => {
    const design = findPreset('micromamba')?.design ?? DEFAULT_DESIGN;
    const files = generateFiles(design).map((file) => ({ name: file.path, content: new TextEncoder().encode(file.content) }));
    expect(imported(await importFiles(files)).design).toEqual(design);
  });

  it.each([
    [[], 'No file to import.'],
    [[{ name: 'a.zip', content: new Uint8Array([0x50, 0x4b, 3, 4]) }, { name: 'apt.txt', content: 'git\n' }], 'Import a.zip on its own: a zip is a whole project.'],
    [[{ name: 'design.yaml', content: 'project: {name: x}\n' }, { name: 'apt.txt', content: 'git\n' }], 'Import design.yaml on its own: a design file is a whole design.'],
  ])('refuses %#', async (files, error) => {
    expect(await importFiles(files)).toEqual({ ok: false, error });
  });
});

describe('formatImportWarning', () => {
  it.each([
    [{ file: 'environment.yml', line: 12, message: 'm' }, 'environment.yml:12: m'],
    [{ file: 'Dockerfile', message: 'm' }, 'Dockerfile: m'],
    [{ line: 3, message: 'm' }, 'line 3: m'],
    [{ message: 'm' }, 'm'],
  ])('%o', (warning, text) => expect(formatImportWarning(warning)).toBe(text));
});

describe('pathological input finishes and is reported, never thrown', () => {
  it.each([
    ['Dockerfile', `RUN case ${'in '.repeat(80_000)}\n`],
    ['Dockerfile', `CMD [${'"a", '.repeat(60_000)}\n`],
    ['environment.yml', `name: ${'- '.repeat(300_000)}x\ndependencies: []\n`],
    ['environment.yml', `dependencies:\n${'  -\n'.repeat(100_000)}`],
    ['requirements.txt', `${'\\\n'.repeat(100_000)}numpy\n`],
    ['apt.txt', `${'a '.repeat(300_000)}\n`],
    ['postBuild', `#!/bin/bash\nset -euo pipefail\n\npython -m pip install --no-cache-dir ${"'x' ".repeat(100_000)}\n`],
    ['design.yaml', `${'['.repeat(5_000)}${']'.repeat(5_000)}\n`],
  ])('%s', async (name, text) => {
    const result = await importFile(name, text);
    expect(typeof result.ok).toBe('boolean');
    if (result.ok) expect(result.warnings.length).toBeLessThanOrEqual(MAX_WARNINGS);
  });

  it('refuses a Dockerfile over 256 KB', async () => {
    expect(await importFile('Dockerfile', `# ${'x'.repeat(300 * 1024)}\nFROM x\n`)).toEqual({
      ok: false,
      error: 'Dockerfile is 301 KB; Condocker reads Dockerfiles up to 256 KB (a generated one is about 5 KB).',
    });
  });
});

describe('issue 9: -r chains across files imported together', () => {
  const env = 'name: x\nchannels: [conda-forge]\ndependencies:\n  - python=3.11\n  - pip\n  - pip:\n    - -r requirements.txt\n';
  it.each<[string, Array<[string, string]>, string[], string[]]>([
    // [what, files, pip packages, start of each warning]
    ['environment.yml → requirements.txt → requirements-dev.txt', [['environment.yml', env], ['requirements.txt', 'numpy\n-r requirements-dev.txt\n'], ['requirements-dev.txt', 'pytest\n']], ['numpy', 'pytest'], []],
    ['requirements.txt → requirements-dev.txt', [['requirements.txt', 'numpy\n-r requirements-dev.txt\n'], ['requirements-dev.txt', 'pytest\n']], ['numpy', 'pytest'], []],
    ['a file no -r reaches is added, with a note', [['requirements.txt', 'numpy\n'], ['requirements-dev.txt', 'pytest\n']], ['numpy', 'pytest'], ['requirements-dev.txt is not referenced']],
    ['a -r file that is not there stays a warning at its line', [['requirements.txt', 'numpy\n-r requirements-test.txt\n'], ['requirements-dev.txt', 'pytest\n']], ['numpy', 'pytest'], ['"-r requirements-test.txt": that file is not part of this import', 'requirements-dev.txt is not referenced']],
  ])('%s', async (_, files, packages, warnings) => {
    const result = imported(await importFiles(files.map(([name, content]) => ({ name, content }))));
    expect(result.design.pip.packages).toEqual(packages);
    expect(result.warnings.map((warning) => warning.message.slice(0, warnings[result.warnings.indexOf(warning)]?.length ?? 0))).toEqual(warnings);
  });
});
