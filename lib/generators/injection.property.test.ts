import fc from 'fast-check';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { designSchema, type DesignInput } from '@/lib/design/schema';
import { lockInputs } from '@/lib/solve/lock';
import { parseExplicitLock } from '@/lib/solve/explicit-lock';
import { readDockerfile } from '@/lib/lint/dockerfile-rules-model';
import { dockerfileInstructions, dockerfileProblems } from '@/lib/testing/file-checks';
import { generateFiles } from './index';

// For arbitrary strings in every string field: either the schema rejects the design with a message naming the
// field, or the generated files have exactly the structure a benign value gives — same Dockerfile instruction
// sequence, same environment.yml keys, one requirements.txt line per requirement. No value can smuggle in an
// instruction, a YAML key or a shell line.

// A benign design that exercises every string field at once.
const BENIGN: DesignInput = {
  project: { name: 'demo', description: 'A demo', install: { enabled: true, editable: true, extras: ['dev'] } },
  base: { image: 'ubuntu:24.04' },
  conda: { installerVersion: '26.7.2-0', channels: ['conda-forge'], pythonVersion: '3.12', packages: ['numpy'] },
  pip: { packages: ['rich'], indexUrl: 'https://pypi.org/simple', extraIndexUrls: ['https://example.org/simple'] },
  apt: { packages: ['git'] },
  user: { name: 'alice' },
  paths: { condaRoot: '/opt/conda', projectDir: '$HOME/app', envPrefix: '/opt/conda/envs/app' },
  postBuild: { jupyterExtensions: ['jupyterlab-git'], script: 'echo ok' },
  runtime: { command: 'custom', customCommand: ['python', '-m', 'http.server'], env: [{ name: 'MODE', value: 'dev' }] },
  gpu: { enabled: true, cudaVersion: '12.6' },
  files: { devcontainer: true },
};

type Setter = (design: DesignInput, value: string) => void;

// Each string field: where it lives, how to set it, and the label its messages start with.
const FIELDS: Array<{ path: string; label: RegExp; set: Setter }> = [
  { path: 'project.name', label: /^Project name:/, set: (d, v) => (d.project!.name = v) },
  { path: 'project.description', label: /^Description:/, set: (d, v) => (d.project!.description = v) },
  { path: 'project.install.extras.0', label: /^Extras?:/, set: (d, v) => (d.project!.install!.extras = [v]) },
  { path: 'base.image', label: /^Base image:/, set: (d, v) => (d.base!.image = v) },
  { path: 'conda.installerVersion', label: /Installer version:|expected|Invalid input/, set: (d, v) => (d.conda!.installerVersion = v) },
  { path: 'conda.channels.0', label: /^Channel:/, set: (d, v) => (d.conda!.channels = [v]) },
  { path: 'conda.pythonVersion', label: /^Python version:/, set: (d, v) => (d.conda!.pythonVersion = v) },
  { path: 'conda.packages.0', label: /^Conda package/, set: (d, v) => (d.conda!.packages = [v]) },
  { path: 'pip.packages.0', label: /^Pip package:/, set: (d, v) => (d.pip!.packages = [v]) },
  { path: 'pip.indexUrl', label: /Pip index URL:|Invalid input/, set: (d, v) => (d.pip!.indexUrl = v) },
  { path: 'pip.extraIndexUrls.0', label: /^Extra pip index URL:/, set: (d, v) => (d.pip!.extraIndexUrls = [v]) },
  { path: 'apt.packages.0', label: /^System package:/, set: (d, v) => (d.apt!.packages = [v]) },
  { path: 'user.name', label: /^User name:/, set: (d, v) => (d.user!.name = v) },
  { path: 'paths.condaRoot', label: /^Conda install directory:/, set: (d, v) => (d.paths!.condaRoot = v) },
  { path: 'paths.projectDir', label: /^Project directory:/, set: (d, v) => (d.paths!.projectDir = v) },
  { path: 'paths.envPrefix', label: /^Environment prefix:/, set: (d, v) => (d.paths!.envPrefix = v) },
  { path: 'postBuild.jupyterExtensions.0', label: /^JupyterLab extension:/, set: (d, v) => (d.postBuild!.jupyterExtensions = [v]) },
  { path: 'runtime.customCommand.0', label: /^Command argument:/, set: (d, v) => (d.runtime!.customCommand = [v]) },
  { path: 'runtime.env.0.name', label: /^Variable name:/, set: (d, v) => (d.runtime!.env = [{ name: v, value: 'x' }]) },
  { path: 'runtime.env.0.value', label: /^Variable value:/, set: (d, v) => (d.runtime!.env = [{ name: 'MODE', value: v }]) },
  { path: 'gpu.cudaVersion', label: /^CUDA version:/, set: (d, v) => (d.gpu!.cudaVersion = v) },
];

// Pieces that break naive generators: line breaks, quotes, shell and YAML syntax, Dockerfile keywords.
const NASTY = ['\n', '\r\n', '\u2028', '\u0000', '"', "'", '`', '$(id)', '${HOME}', ';', '&&', '|', '#', ': ', '- ',
  '\\', ' ', '\t', 'RUN rm -rf /', '{', '}', '[', ']', '*', '&a', '!!python/object', '>=1', '=', '/', '@', 'numpy',
  'a', '1', '.', '-', '_', '%', '~', ',', '?', '<', '>'];
const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.array(fc.constantFrom(...NASTY), { maxLength: 8 }).map((parts) => parts.join('')),
);

function clone(design: DesignInput): DesignInput {
  return structuredClone(design);
}

/** Whether the schema refuses the design; when it does, an issue must name the field (its path and label). */
function refusedNaming(design: DesignInput, path: string, label: string | RegExp): boolean {
  const parsed = designSchema.safeParse(design);
  if (parsed.success) return false;
  const issue = parsed.error.issues.find((i) => i.path.join('.').startsWith(path));
  expect(issue, `no issue names ${path}: ${JSON.stringify(parsed.error.issues)}`).toBeDefined();
  expect(issue!.message).toMatch(label);
  return true;
}

function structureOf(input: DesignInput) {
  const design = designSchema.parse(input);
  const files = generateFiles(design);
  const byPath = Object.fromEntries(files.map((file) => [file.path, file.content]));
  const environment = load(byPath['environment.yml']) as Record<string, unknown>;
  const requirements = (byPath['requirements.txt'] ?? '').split('\n').filter((line) => line && !line.startsWith('#'));
  const { packages, indexUrl, extraIndexUrls } = design.pip;
  const workflowText = byPath['.github/workflows/build.yml'];
  const workflow = load(workflowText) as { jobs: { build: { steps: Array<{ name: string; uses?: string; with?: object }> } } };
  const lockFiles = files
    .filter((file) => file.path.endsWith('.lock'))
    .map((file) => {
      const parsed = parseExplicitLock(file.content);
      // Every line is a comment, the marker or one package URL with its checksum: nothing else reaches conda.
      const lines = file.content.split('\n').filter((line) => line && !line.startsWith('#'));
      return [file.path, parsed.ok ? parsed.entries.length : parsed.error, lines.length];
    });
  return {
    paths: files.map((file) => file.path),
    lockFiles,
    instructions: dockerfileInstructions(byPath.Dockerfile).map(([keyword]) => keyword),
    dockerfileProblems: dockerfileProblems(byPath.Dockerfile),
    // The project install stays one pip command whose last argument is the whole target: extras cannot add words.
    projectInstall: readDockerfile(byPath.Dockerfile)
      .steps.filter((step) => step.run?.commands.some((command) => command.args.includes('--no-deps')))
      .map((step) => step.run!.commands.map((command) => [command.name, command.args.length, /^\.(\[[^\s]+\])?$/.test(command.args.at(-1) ?? '')])),
    environmentKeys: Object.keys(environment),
    // Every dependency is a plain spec or the one {pip: [...]} entry: no smuggled mapping.
    dependenciesWellFormed: (environment.dependencies as unknown[]).every(
      (item) => typeof item === 'string' || JSON.stringify(Object.keys(item as object)) === '["pip"]',
    ),
    oneLinePerRequirement: requirements.length === packages.length + (indexUrl ? 1 : 0) + extraIndexUrls.length,
    workflowKeys: Object.keys(workflow),
    workflowSteps: workflow.jobs.build.steps.map((step) => [step.name, step.uses, Object.keys(step.with ?? {})]),
    // GitHub evaluates every `${{` in a workflow, also inside run scripts; only the escaped form may come from a value.
    workflowExpressions: workflowText.replaceAll("${{ '${{' }}", '').match(/\$\{\{/g)?.length,
  };
}

const EXPECTED = structureOf(BENIGN);

describe('no injection through any string field', () => {
  it('the benign design itself is clean', () => {
    expect(EXPECTED.dockerfileProblems).toEqual([]);
    expect(EXPECTED.oneLinePerRequirement).toBe(true);
    expect(EXPECTED.dependenciesWellFormed).toBe(true);
    expect(EXPECTED.projectInstall).toEqual([[['python', 6, true]]]);
  });

  it.each(FIELDS.map((field) => [field.path, field] as const))('%s', (path, field) => {
    fc.assert(
      fc.property(nastyString, (value) => {
        const design = clone(BENIGN);
        field.set(design, value);
        if (refusedNaming(design, path, field.label)) return;
        expect(structureOf(design)).toEqual(EXPECTED);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 150) },
    );
  });
});

// The same for every string field of a lock: a lock arrives from links, files and the API like the rest.
const MD5 = '0123456789abcdef0123456789abcdef';
const lockedPackage = (name: string, subdir: 'linux-64' | 'linux-aarch64' | 'noarch') => ({
  name, version: '2.1.3', build: 'py312h1_0', channel: 0, subdir, ext: '.conda' as const, md5: MD5, sha256: 'b'.repeat(64), size: 1000,
});
const BENIGN_LOCKED: DesignInput = {
  ...BENIGN,
  lock: {
    inputs: lockInputs(designSchema.parse(BENIGN)),
    channels: ['https://conda.anaconda.org/conda-forge'],
    platforms: { 'linux-64': [lockedPackage('numpy', 'linux-64'), lockedPackage('rich', 'noarch')], 'linux-aarch64': [lockedPackage('numpy', 'linux-aarch64')] },
    pip: [{ line: 'rich', version: '13.9.4' }],
  },
};

type LockInput = NonNullable<DesignInput['lock']>;
const lockOf = (d: DesignInput) => d.lock as LockInput & { platforms: Record<string, Array<Record<string, unknown>>> };
// `stale`: a valid value there makes the lock stale, so the output is the unlocked one.
const LOCK_FIELDS: Array<{ path: string; label: RegExp; set: Setter; stale?: boolean }> = [
  { path: 'lock.channels.0', label: /^Lock: channel/, set: (d, v) => (lockOf(d).channels = [v]) },
  ...(['name', 'version', 'build', 'md5', 'sha256'] as const).map((key) => ({
    path: `lock.platforms.linux-64.0.${key}`,
    label: /^Lock: /,
    set: (d: DesignInput, v: string) => (lockOf(d).platforms['linux-64']![0]![key] = v),
  })),
  { path: 'lock.pip.0.line', label: /^Pip package:/, set: (d, v) => (lockOf(d).pip = [{ line: v, version: '13.9.4' }]) },
  { path: 'lock.pip.0.version', label: /^Lock: pip version/, set: (d, v) => (lockOf(d).pip = [{ line: 'rich', version: v }]) },
  { path: 'lock.inputs.specs.0', label: /^Conda package/, set: (d, v) => (lockOf(d).inputs.specs = [v]), stale: true },
  { path: 'lock.inputs.channels.0', label: /^Channel:/, set: (d, v) => (lockOf(d).inputs.channels = [v]), stale: true },
  { path: 'lock.inputs.virtualPackages.0', label: /^Lock: virtual package/, set: (d, v) => (lockOf(d).inputs.virtualPackages = [v]), stale: true },
];

describe('no injection through any string field of a lock', () => {
  const LOCKED = structureOf(BENIGN_LOCKED);

  it('the benign locked design is clean and installs its lock', () => {
    expect(LOCKED.dockerfileProblems).toEqual([]);
    expect(LOCKED.lockFiles).toEqual([
      ['conda-linux-64.lock', 2, 3],
      ['conda-linux-aarch64.lock', 1, 2],
    ]);
  });

  it.each(LOCK_FIELDS.map((field) => [field.path, field] as const))('%s', (path, field) => {
    fc.assert(
      fc.property(nastyString, (value) => {
        const design = clone(BENIGN_LOCKED);
        field.set(design, value);
        if (refusedNaming(design, path, field.label)) return;
        const structure = structureOf(design);
        if (field.stale && structure.lockFiles.length === 0) expect(structure).toEqual(EXPECTED);
        else expect(structure).toEqual(LOCKED);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 150) },
    );
  });
});
