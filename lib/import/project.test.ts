import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESETS } from '@/lib/design/presets';
import { DEFAULT_DESIGN, designSchema, type Design } from '@/lib/design/schema';
import { generateFiles } from '@/lib/generators';
import { lockInputs } from '@/lib/solve/lock';
import { validDesign, validLockedDesign } from '@/lib/testing/arbitraries';
import { startFixtureServer, type FixtureServer } from '@/lib/testing/fixture-server';
import { LOCKED_VARIANTS, lockedVariantDesign } from '@/lib/testing/locked-designs';
import { importProjectFiles, type ProjectFile } from './project';
import type { ImportResult } from './types';

const projectOf = (design: Design): ProjectFile[] => generateFiles(design).map(({ path, content }) => ({ path, content }));
const contents = (design: Design) => Object.fromEntries(generateFiles(design).map((file) => [file.path, file.content]));

function imported(result: ImportResult): Extract<ImportResult, { ok: true }> {
  if (!result.ok) throw new Error(result.error);
  return result;
}

describe('importProjectFiles on the files of a whole project', () => {
  /**
   * A python pin first in the packages with no Python version writes the same environment.yml as that Python
   * version: the files cannot tell them apart, and the import reads it as the Python version.
   */
  const pinsPythonInList = (design: Design) => design.conda.pythonVersion === '' && /^python[= ]/.test(design.conda.packages[0] ?? '');

  it.each(PRESETS.map((preset) => [preset.id, preset.design] as const))('%s: same files, same design, nothing to report', (_, design) => {
    const result = imported(importProjectFiles(projectOf(design)));
    expect(contents(result.design)).toEqual(contents(design));
    if (pinsPythonInList(design)) expect(result.design.conda.packages).toEqual(design.conda.packages.slice(1));
    else expect(result.design).toEqual(design);
    expect(result.warnings).toEqual([]);
  });

  describe('locked projects bring their lock back (condocker-lock.json)', () => {
    // Solved once against the fixture channel, before the tests.
    const locked = new Map<string, Design>();
    let server: FixtureServer;
    beforeAll(async () => {
      server = await startFixtureServer();
      for (const variant of LOCKED_VARIANTS) locked.set(variant.id, await lockedVariantDesign(variant, server));
    });
    afterAll(() => server.close());

    it.each(LOCKED_VARIANTS.map((variant) => [variant.id] as const))('%s: same design with its lock, pip lines unpinned, nothing to report', (id) => {
      const design = locked.get(id)!;
      const result = imported(importProjectFiles(projectOf(design)));
      expect(result.design.lock).toEqual(design.lock);
      expect(result.design.pip.packages).toEqual(design.pip.packages);
      expect(contents(result.design)).toEqual(contents(design));
      expect(result.warnings).toEqual([]);
    });

    it('random locked designs, fresh or stale, come back with their lock', () => {
      fc.assert(
        fc.property(validLockedDesign(lockInputs), (design) => {
          const result = imported(importProjectFiles(projectOf(design)));
          expect(contents(result.design)).toEqual(contents(design));
        }),
        { numRuns: 60 },
      );
    });

    it('without condocker-lock.json, or with a damaged one, the design comes without its lock and says why', () => {
      const design = locked.get('micromamba-locked')!;
      const files = projectOf(design);
      const withoutJson = imported(importProjectFiles(files.filter((file) => file.path !== 'condocker-lock.json')));
      expect(withoutJson.design.lock).toBeUndefined();
      expect(withoutJson.warnings.map((w) => w.message).join('\n')).toMatch(/came without condocker-lock\.json.*Run Check, then Lock/);
      const damaged = files.map((file) => (file.path === 'condocker-lock.json' ? { ...file, content: file.content.replace(/"md5":"[0-9a-f]+"/, '"md5":"x\\nRUN curl evil"') } : file));
      const result = imported(importProjectFiles(damaged));
      expect(result.design.lock).toBeUndefined();
      expect(result.warnings.map((w) => w.message).join('\n')).toMatch(/condocker-lock\.json: platforms\.linux-64\.\d+\.md5: Lock: md5 must be 32 lower-case hex digits/);
    });
  });

  it('import → generate → import is a fixed point for random valid designs', () => {
    fc.assert(
      fc.property(validDesign(), (design) => {
        const first = imported(importProjectFiles(projectOf(design)));
        expect(contents(first.design)).toEqual(contents(design));
        expect(first.warnings).toEqual([]);
        const second = imported(importProjectFiles(projectOf(first.design)));
        expect(second.design).toEqual(first.design);
      }),
      { numRuns: 150 },
    );
  });

  it('ignores the base: a whole project replaces the design', () => {
    const base = designSchema.parse({ user: { name: 'ada' }, apt: { packages: ['git'] } });
    expect(imported(importProjectFiles(projectOf(DEFAULT_DESIGN), base)).design).toEqual(DEFAULT_DESIGN);
  });

  it('reads files under one top folder', () => {
    const files = projectOf(PRESETS[2].design).map((file) => ({ ...file, path: `pytorch-gpu/${file.path}` }));
    expect(imported(importProjectFiles(files)).design).toEqual(PRESETS[2].design);
  });

  it('reports hand edits, missing files and files that are not part of a design', () => {
    const files = projectOf(DEFAULT_DESIGN)
      .filter((file) => file.path !== 'README.md')
      .map((file) => (file.path === 'docker/entrypoint.sh' ? { ...file, content: file.content.replace('exec "$@"', 'echo hi\nexec "$@"') } : file));
    files.push({ path: 'notebooks/analysis.ipynb', content: '{}' });
    const result = imported(importProjectFiles(files));
    expect(result.design.files.readme).toBe(false);
    expect(result.warnings.map((warning) => [warning.file, warning.line, warning.severity ?? 'warning'])).toEqual([
      ['notebooks/analysis.ipynb', undefined, 'info'],
      ['docker/entrypoint.sh', 18, 'warning'],
    ]);
    expect(result.warnings[1].message).toMatch(/^docker\/entrypoint\.sh differs from what the imported design generates, from line 18 on/);
  });

  it('reports an entry the design cannot hold at its file and line', () => {
    const files = projectOf(DEFAULT_DESIGN).map((file) =>
      file.path === 'environment.yml' ? { ...file, content: file.content.replace('  - numpy\n', '  - numpy\n  - sel(osx): appnope\n') } : file,
    );
    const result = imported(importProjectFiles(files));
    expect(result.design).toEqual(DEFAULT_DESIGN);
    expect(result.warnings.map((warning) => [warning.file, warning.line])).toEqual([
      ['environment.yml', 10],
      ['environment.yml', 10],
    ]);
    expect(result.warnings[0].message).toMatch(/^Not imported: "sel\(osx\): appnope" applies to macOS only/);
    expect(result.warnings[1].message).toMatch(/differs from what the imported design generates, from line 10 on/);
  });

  it('recovers what the recipe layout keeps out of the Dockerfile from the companion files', () => {
    const design = designSchema.parse({
      project: { description: '' },
      base: { platforms: ['linux/arm64'] },
      runtime: { port: 9000, expose: false },
      compat: { recipeLayout: true, unverifiedInstaller: true },
      dockerfile: { comments: false },
    });
    const result = imported(importProjectFiles(projectOf(design)));
    expect(result.design).toEqual(design);
  });

  it.each([['linux/arm64'], ['linux/amd64', 'linux/arm64']])('reads the platforms %s from the GitHub workflow when it is the only file that has them', (...platforms) => {
    const design = designSchema.parse({
      base: { platforms },
      compat: { unverifiedInstaller: true },
      files: { makefile: false, readme: false, githubWorkflow: true },
    });
    expect(imported(importProjectFiles(projectOf(design))).design).toEqual(design);
  });

  it('merges files without a Dockerfile into the base, following -r', () => {
    const base = designSchema.parse({ user: { name: 'ada' } });
    const result = imported(
      importProjectFiles(
        [
          { path: 'environment.yml', content: 'dependencies:\n  - numpy\n  - pip:\n      - -r reqs/dev.txt\n' },
          { path: 'reqs/dev.txt', content: 'pytest\n' },
          { path: 'apt.txt', content: 'git\n' },
          { path: 'requirements.txt', content: 'rich\n' },
        ],
        base,
      ),
    );
    expect(result.design).toEqual({
      ...base,
      conda: { ...base.conda, pythonVersion: '', packages: ['numpy'] },
      pip: { ...base.pip, packages: ['pytest', 'rich'] },
      apt: { packages: ['git'] },
    });
    expect(result.warnings.map((warning) => [warning.file, warning.severity, warning.message.slice(0, 38)])).toEqual([
      ['environment.yml', 'info', 'environment.yml lists no channels; kep'],
      ['requirements.txt', 'info', 'requirements.txt is not referenced by '],
    ]);
  });

  it('fails when environment.yml is not valid YAML, naming it', () => {
    const files = projectOf(DEFAULT_DESIGN).map((file) => (file.path === 'environment.yml' ? { ...file, content: 'dependencies: [numpy\n' } : file));
    const result = importProjectFiles(files);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^environment\.yml: invalid YAML at line 2/);
  });
});

describe('importProjectFiles: the conda-forge hint', () => {
  it('gives one hint for the pip packages of all the files, at the first', () => {
    const result = imported(
      importProjectFiles([
        { path: 'environment.yml', content: 'channels: [conda-forge]\ndependencies:\n  - python=3.12\n  - pip:\n    - -r requirements.txt\n' },
        { path: 'requirements.txt', content: 'rich\ntorch==2.5.1\ntables\n' },
      ]),
    );
    expect(result.design.pip.packages).toEqual(['rich', 'torch==2.5.1', 'tables']);
    expect(result.warnings.filter((warning) => warning.message.includes('(CD013)'))).toEqual([
      expect.objectContaining({ file: 'requirements.txt', line: 2, severity: 'info', message: expect.stringMatching(/^2 pip packages have another name on conda-forge: "torch" is "pytorch", "tables" is "pytables"\./) }),
    ]);
  });
});
