import { z } from 'zod';
import {
  aptPackage,
  commandArgument,
  condaChannel,
  condaSpec,
  cudaVersion,
  envName,
  imagePath,
  imageReference,
  indexUrl,
  multiLine,
  numericId,
  pipLine,
  pipRequirement,
  port,
  projectExtra,
  projectName,
  pythonVersion,
  singleLine,
  toolVersion,
  userName,
} from './fields';
import { condaSpecName } from '@/lib/specs/conda-spec';
import { lockSchema } from './lock-schema';

/** The current version of the design format; share codes and saved designs carry it. */
export const SCHEMA_VERSION = 1;

/** Docker platforms Condocker builds for. */
export const PLATFORMS = ['linux/amd64', 'linux/arm64'] as const;
/** Conda installers Condocker knows. */
export const INSTALLER_IDS = ['miniforge', 'micromamba', 'miniconda'] as const;
/** Default container commands. */
export const COMMANDS = ['jupyterlab', 'notebook', 'bash', 'python', 'custom'] as const;

const listOf = <T extends z.ZodType>(item: T, label: string, max: number) =>
  z.array(item).max(max, { error: `${label}: at most ${max} entries.` });

/**
 * "Install this project" (what `-e .` / `-e .[extras]` mean in a requirements file): the generated files sit at the
 * project's root, and the Dockerfile copies the source after the environment and installs it with pip, no deps.
 */
const projectInstallSchema = z.object({
  enabled: z.boolean().default(false),
  /** `pip install -e`: the installed package points at the source in the project directory, so a bind mount edits it live. */
  editable: z.boolean().default(true),
  /** The project's optional dependency groups, e.g. `dev` → `.[dev]` (their packages must be in the env already). */
  extras: listOf(projectExtra, 'Extras', 20)
    .refine((list) => new Set(list.map((extra) => extra.toLowerCase().replace(/[-_.]+/g, '-'))).size === list.length, {
      error: 'Extras: each extra once ("Dev_Tools" and "dev-tools" are the same extra).',
    })
    .default([]),
});

const projectSchema = z.object({
  name: projectName.default('data-science'),
  description: singleLine('Description', 200, 'JupyterLab with the PyData stack').default(
    'JupyterLab with numpy, pandas, matplotlib and scikit-learn from conda-forge',
  ),
  install: projectInstallSchema.prefault({}),
});

const baseSchema = z.object({
  image: imageReference.default('ubuntu:24.04'),
  platforms: z
    .array(z.enum(PLATFORMS, { error: 'Platforms: choose "linux/amd64" and/or "linux/arm64".' }))
    .min(1, { error: 'Platforms: choose at least one, e.g. "linux/amd64".' })
    .max(2)
    .refine((list) => new Set(list).size === list.length, { error: 'Platforms: each platform once.' })
    .default(['linux/amd64', 'linux/arm64']),
});

const condaSchema = z.object({
  installer: z
    .enum(INSTALLER_IDS, { error: 'Installer: choose "miniforge", "micromamba" or "miniconda".' })
    .default('miniforge'),
  /** Empty means the installer's default version from lib/design/installers.ts. */
  installerVersion: z.union([z.literal(''), toolVersion('Installer version', '25.3.1-0')]).default(''),
  channels: listOf(condaChannel, 'Channels', 20)
    .refine((list) => new Set(list).size === list.length, { error: 'Channels: each channel once.' })
    .default(['conda-forge']),
  pythonVersion: pythonVersion.default('3.12'),
  packages: listOf(condaSpec, 'Conda packages', 5000).default([
    'jupyterlab',
    'numpy',
    'pandas',
    'matplotlib',
    'scikit-learn',
  ]),
  channelPriority: z.enum(['strict', 'flexible']).default('strict'),
});

const pipSchema = z.object({
  packages: listOf(pipLine, 'Pip packages', 5000).default([]),
  indexUrl: z.union([z.literal(''), indexUrl('Pip index URL')]).default(''),
  extraIndexUrls: listOf(indexUrl('Extra pip index URL'), 'Extra pip index URLs', 10).default([]),
});

const aptSchema = z.object({
  packages: listOf(aptPackage, 'System packages', 500).default([]),
});

const userSchema = z.object({
  name: userName.default('al-khawarizmi'),
  uid: numericId('User ID', 1, 1000).default(1000),
  gid: numericId('Group ID', 0, 100).default(100),
});

const pathsSchema = z.object({
  condaRoot: imagePath('Conda install directory', '/opt/conda').default('/opt/conda'),
  projectDir: imagePath('Project directory', '$HOME/app').default('$HOME/app'),
  envPrefix: imagePath('Environment prefix', '/opt/conda/envs/app', { allowPwd: true }).default('/opt/conda/envs/app'),
});

const postBuildSchema = z.object({
  jupyterExtensions: listOf(pipRequirement, 'JupyterLab extensions', 100).default([]),
  script: multiLine('Post-build script', 20000).default(''),
});

const envVarSchema = z.object({
  name: envName,
  value: singleLine('Variable value', 1000, 'all'),
});

const runtimeSchema = z.object({
  command: z
    .enum(COMMANDS, { error: 'Command: choose jupyterlab, notebook, bash, python or custom.' })
    .default('jupyterlab'),
  customCommand: listOf(commandArgument, 'Custom command', 50).default([]),
  port: port.default(8888),
  /** Document the port with EXPOSE (the recipe had none). */
  expose: z.boolean().default(true),
  env: listOf(envVarSchema, 'Environment variables', 100)
    .refine((list) => new Set(list.map((v) => v.name)).size === list.length, {
      error: 'Environment variables: each name once.',
    })
    .default([]),
});

const gpuSchema = z.object({
  enabled: z.boolean().default(false),
  cudaVersion: cudaVersion.default('12.6'),
});

const filesSchema = z.object({
  dockerignore: z.boolean().default(true),
  compose: z.boolean().default(true),
  readme: z.boolean().default(true),
  makefile: z.boolean().default(true),
  devcontainer: z.boolean().default(false),
  /** .github/workflows/build.yml: build for every platform, smoke-test, push to GHCR from the default branch. */
  githubWorkflow: z.boolean().default(true),
});

const dockerfileSchema = z.object({
  /** Explanatory comments on every block: the recipe is a tutorial. */
  comments: z.boolean().default(true),
});

/**
 * Choices of the 2020 "Conda, pip, and Docker FTW!" recipe that the recommended output does differently.
 * Each is one lint finding with one fix, so the recipe preset can be reproduced and then modernised step by step.
 */
const compatSchema = z.object({
  /** `SHELL ["/bin/bash","--login","-c"]` without `-o pipefail` (hadolint DL4006). */
  shellWithoutPipefail: z.boolean().default(false),
  /** The 2020 layout: FROM without a build arg, `adduser` with fixed IDs (fails when the UID exists), files copied then chowned. */
  recipeLayout: z.boolean().default(false),
  /** conda.sh sourced from `~/.profile`, `conda init bash`, `conda activate` around postBuild. */
  profileActivation: z.boolean().default(false),
  /** `conda update --name base --channel defaults conda` before creating the env. */
  updateBaseConda: z.boolean().default(false),
  /** `conda env create --force` (removed in conda 24.3). */
  forceEnvCreate: z.boolean().default(false),
  /** Installer fetched with wget, no checksum, x86_64 URL whatever the target platform. */
  unverifiedInstaller: z.boolean().default(false),
  /** No init process: the entrypoint script is PID 1. */
  noInit: z.boolean().default(false),
});

/** The one definition of a Condocker design: what the form edits, share links carry and the API accepts. */
export const designSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION, { error: `Schema version: must be ${SCHEMA_VERSION}.` }).default(SCHEMA_VERSION),
    project: projectSchema.prefault({}),
    base: baseSchema.prefault({}),
    conda: condaSchema.prefault({}),
    pip: pipSchema.prefault({}),
    apt: aptSchema.prefault({}),
    user: userSchema.prefault({}),
    paths: pathsSchema.prefault({}),
    postBuild: postBuildSchema.prefault({}),
    runtime: runtimeSchema.prefault({}),
    gpu: gpuSchema.prefault({}),
    files: filesSchema.prefault({}),
    dockerfile: dockerfileSchema.prefault({}),
    compat: compatSchema.prefault({}),
    /** What "Lock" stored: the solved conda packages per platform and the checked pip versions (none by default). */
    lock: lockSchema.optional(),
  })
  .superRefine((design, ctx) => {
    if (design.runtime.command === 'custom' && design.runtime.customCommand.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['runtime', 'customCommand'],
        message: 'Custom command: give at least the program, e.g. "python" "-m" "http.server".',
      });
    const pythonIndex = design.conda.packages.findIndex((spec) => specName(spec) === 'python');
    if (design.conda.pythonVersion && pythonIndex >= 0)
      ctx.addIssue({
        code: 'custom',
        path: ['conda', 'packages', pythonIndex],
        message:
          'Conda package: python is also pinned by the Python version field; keep one, e.g. remove this entry or clear "Python version".',
      });
    const names = design.conda.packages.map(specName);
    names.forEach((name, index) => {
      if (name && names.indexOf(name) !== index)
        ctx.addIssue({
          code: 'custom',
          path: ['conda', 'packages', index],
          message: `Conda package: "${name}" is listed twice; keep one entry per package.`,
        });
    });
    if (design.paths.envPrefix === design.paths.condaRoot)
      ctx.addIssue({
        code: 'custom',
        path: ['paths', 'envPrefix'],
        message: 'Environment prefix: must differ from the conda install directory, e.g. "/opt/conda/envs/app".',
      });
    if (design.paths.envPrefix.startsWith('$PWD') && !design.compat.recipeLayout)
      ctx.addIssue({
        code: 'custom',
        path: ['paths', 'envPrefix'],
        message:
          'Environment prefix: "$PWD" is kept only to reproduce the 2020 recipe layout (Docker does not set PWD during a build); write a path under $HOME or an absolute one, e.g. "/opt/conda/envs/app".',
      });
    // Cross-field checks read validated values only, so they wait until every field is valid.
  }, { when: (payload) => payload.issues.length === 0 });

// The fields above have validated every spec already; only the name is needed here.
const specName = condaSpecName;

/** A validated design with every default filled in. */
export type Design = z.output<typeof designSchema>;
/** A design as typed by a person or sent to the API: defaults may be missing, numbers may be strings. */
export type DesignInput = z.input<typeof designSchema>;

/** The default design (the recommended data-science environment). */
export const DEFAULT_DESIGN: Design = designSchema.parse({});
