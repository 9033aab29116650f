import fc from 'fast-check';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { designSchema, type DesignInput } from '@/lib/design/schema';
import { dockerfileInstructions, dockerfileProblems } from '@/lib/testing/file-checks';
import { generateFiles } from './index';

// For arbitrary strings in every string field: either the schema rejects the design with a message naming the
// field, or the generated files have exactly the structure a benign value gives — same Dockerfile instruction
// sequence, same environment.yml keys, one requirements.txt line per requirement. No value can smuggle in an
// instruction, a YAML key or a shell line.

// A benign design that exercises every string field at once.
const BENIGN: DesignInput = {
  project: { name: 'demo', description: 'A demo' },
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

function structureOf(input: DesignInput) {
  const design = designSchema.parse(input);
  const files = generateFiles(design);
  const byPath = Object.fromEntries(files.map((file) => [file.path, file.content]));
  const environment = load(byPath['environment.yml']) as Record<string, unknown>;
  const requirements = (byPath['requirements.txt'] ?? '').split('\n').filter((line) => line && !line.startsWith('#'));
  const { packages, indexUrl, extraIndexUrls } = design.pip;
  const workflowText = byPath['.github/workflows/build.yml'];
  const workflow = load(workflowText) as { jobs: { build: { steps: Array<{ name: string; uses?: string; with?: object }> } } };
  return {
    paths: files.map((file) => file.path),
    instructions: dockerfileInstructions(byPath.Dockerfile).map(([keyword]) => keyword),
    dockerfileProblems: dockerfileProblems(byPath.Dockerfile),
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
  });

  it.each(FIELDS.map((field) => [field.path, field] as const))('%s', (path, field) => {
    fc.assert(
      fc.property(nastyString, (value) => {
        const design = clone(BENIGN);
        field.set(design, value);
        const parsed = designSchema.safeParse(design);
        if (!parsed.success) {
          const issue = parsed.error.issues.find((i) => i.path.join('.').startsWith(path));
          expect(issue, `no issue names ${path}: ${JSON.stringify(parsed.error.issues)}`).toBeDefined();
          expect(issue!.message).toMatch(field.label);
          return;
        }
        expect(structureOf(design)).toEqual(EXPECTED);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 150) },
    );
  });
});
