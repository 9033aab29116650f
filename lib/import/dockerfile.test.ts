import { describe, expect, it } from 'vitest';
import { PRESETS } from '@/lib/design/presets';
import { DEFAULT_DESIGN, designSchema, type Design } from '@/lib/design/schema';
import { generateFiles } from '@/lib/generators';
import { importDockerfile, readDockerfile } from './dockerfile';
import type { ImportResult } from './types';

const dockerfileOf = (design: Design) => generateFiles(design).find((file) => file.path === 'Dockerfile')?.content as string;

function imported(result: ImportResult): Extract<ImportResult, { ok: true }> {
  if (!result.ok) throw new Error(result.error);
  return result;
}

/** The fields a Dockerfile carries; packages live in environment.yml, requirements.txt and apt.txt. */
function dockerfileFields(design: Design) {
  const { base, user, paths, gpu, compat, dockerfile, runtime } = design;
  const { installer, installerVersion } = design.conda;
  return { image: base.image, installer, installerVersion, user, paths, gpu: gpu.enabled, compat, dockerfile, command: runtime.command, env: runtime.env };
}

describe('importDockerfile', () => {
  it.each(PRESETS.map((preset) => [preset.id, preset.design] as const))('reads back what the %s Dockerfile carries', (_, design) => {
    const result = imported(importDockerfile(dockerfileOf(design), DEFAULT_DESIGN));
    expect(dockerfileFields(result.design)).toEqual(dockerfileFields(design));
    // Packages and postBuild come from their own files; with the base's in their place the Dockerfile is the same.
    const { conda, pip, apt, postBuild } = DEFAULT_DESIGN;
    const expected = { ...design, conda: { ...design.conda, packages: conda.packages, pythonVersion: conda.pythonVersion }, pip, apt, postBuild };
    expect(dockerfileOf(result.design)).toBe(dockerfileOf(expected));
  });

  it.each([
    ['a custom command', { runtime: { command: 'custom', customCommand: ['python', '-m', 'http.server', '8000'] } }],
    ['notebook on another port', { runtime: { command: 'notebook', port: 9999 } }],
    ['bash', { runtime: { command: 'bash' } }],
    ['GPU with runtime variables', { gpu: { enabled: true, cudaVersion: '12.4' }, runtime: { env: [{ name: 'A', value: 'x "y" \\ z' }, { name: 'B', value: '' }] } }],
    ['other user and paths', { user: { name: 'ada', uid: 1234, gid: 1234 }, paths: { condaRoot: '/srv/conda', envPrefix: '/srv/envs/x', projectDir: '/srv/project' } }],
    ['one platform, other installer version', { base: { image: 'ghcr.io/org/base:1.0', platforms: ['linux/arm64'] }, conda: { installer: 'miniforge', installerVersion: '25.3.1-0' } }],
    ['micromamba without a checksum, recipe layout', { conda: { installer: 'micromamba' }, compat: { recipeLayout: true, unverifiedInstaller: true, noInit: true } }],
    ['no comments', { dockerfile: { comments: false }, project: { description: '' } }],
  ])('reads back %s', (_, input) => {
    const design = designSchema.parse(input);
    const result = imported(importDockerfile(dockerfileOf(design)));
    expect(dockerfileFields(result.design)).toEqual(dockerfileFields(design));
    expect(dockerfileOf(result.design)).toBe(dockerfileOf(design));
  });

  it('keeps the packages of the base: they are not in the Dockerfile', () => {
    const base = designSchema.parse({ conda: { packages: ['numpy'] }, pip: { packages: ['rich'] } });
    const result = imported(importDockerfile(dockerfileOf(DEFAULT_DESIGN), base));
    expect([result.design.conda.packages, result.design.pip.packages]).toEqual([['numpy'], ['rich']]);
  });

  it('reports what a foreign Dockerfile does not show', () => {
    const result = imported(importDockerfile('FROM python:3.12-slim\nRUN pip install numpy\nCMD ["python", "app.py"]\n'));
    expect(result.design.base.image).toBe('python:3.12-slim');
    expect(result.design.runtime).toMatchObject({ command: 'custom', customCommand: ['python', 'app.py'] });
    expect(result.warnings.map((warning) => warning.message)).toEqual([
      'Dockerfile does not show the conda installer (its download URL); kept the design\'s value.',
      'Dockerfile does not show the user name (ARG username); kept the design\'s value.',
      'Dockerfile does not show the user ID (ARG uid); kept the design\'s value.',
      'Dockerfile does not show the group ID (ARG gid); kept the design\'s value.',
      'Dockerfile does not show where conda is installed (ENV CONDA_DIR); kept the design\'s value.',
      'Dockerfile does not show the environment prefix (ENV ENV_PREFIX); kept the design\'s value.',
      'Dockerfile does not show the project directory (ENV PROJECT_DIR); kept the design\'s value.',
    ]);
  });

  it('reverts values the design cannot hold, at their line', () => {
    const result = imported(importDockerfile('ARG BASE_IMAGE=Not/An:Image\nFROM ${BASE_IMAGE}\nARG username=root\n'));
    expect(result.design.base.image).toBe(DEFAULT_DESIGN.base.image);
    expect(result.design.user.name).toBe(DEFAULT_DESIGN.user.name);
    expect(result.warnings.filter((warning) => warning.line !== undefined).map((warning) => [warning.line, warning.message.slice(0, 40)])).toEqual([
      [1, 'Not imported: "Not/An:Image". Base image'],
      [3, 'Not imported: "root". User name: this na'],
    ]);
  });

  it('finds the installer and its version in the download URL', () => {
    const content = readDockerfile(dockerfileOf(designSchema.parse({ conda: { installer: 'miniconda', installerVersion: 'py313_26.3.2-2' } })), 'Dockerfile', []);
    expect([content.installer?.value, content.installerVersion?.value, content.platforms?.value]).toEqual(['miniconda', 'py313_26.3.2-2', ['linux/amd64', 'linux/arm64']]);
  });
});
