// What the real-build tier builds: every preset and two custom designs, each with what its image must be, written
// from the design's fields (not read back from the generated files), so the tier checks the image against the design.
import { PRESETS } from '@/lib/design/presets';
import { designSchema, type Design, type DesignInput } from '@/lib/design/schema';
import { SUBDIR_OF_PLATFORM } from '@/lib/solve/virtual-packages';
import type { FixtureServer } from '@/lib/testing/fixture-server';
import { LOCKED_VARIANTS, lockedVariantDesign } from '@/lib/testing/locked-designs';

/** What a built (offline) image must show, derived from the design by hand. */
export interface ExpectedImage {
  user: string;
  uid: number;
  gid: number;
  home: string;
  condaDir: string;
  envPrefix: string;
  workdir: string;
  aptPackages: string[];
  entrypoint: string[];
  cmd: string[];
  exposedPorts: string[];
  /** Where the entrypoint's conda or micromamba lives (its error must name it). */
  condaExecutable: string;
  env: Record<string, string>;
  /** Lock files the env step copies to /tmp (a locked design), readable by the user. */
  lockFiles: string[];
  /** A design that installs the project itself: files of the copied source (owned by the user) and what .dockerignore keeps out. */
  projectSource?: { present: string[]; absent: string[] };
}

/** One design the tier builds. */
export interface RealBuildCase {
  id: string;
  design: Design;
  expected: ExpectedImage;
  /** Files the test writes into the build context next to the generated ones (the project itself), by path. */
  contextFiles?: Record<string, string>;
}

// A tiny real Python project, as a user's repository has it at the root next to the generated files, with what must
// never reach the image: secrets, data, version control and caches.
const TINY_PROJECT: Record<string, string> = {
  'pyproject.toml': '[build-system]\nrequires = ["setuptools>=64"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "tinyproj"\nversion = "0.1.0"\n\n[project.optional-dependencies]\ndev = ["pytest"]\n',
  'src/tinyproj/__init__.py': 'def hello() -> str:\n    return "hello from tinyproj"\n',
  'notebooks/explore.ipynb': '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n',
  '.env': 'API_TOKEN=do-not-ship-me\n',
  '.env.local': 'API_TOKEN=do-not-ship-me-either\n',
  'secrets/server.pem': '-----BEGIN PRIVATE KEY-----\nnot a real key\n-----END PRIVATE KEY-----\n',
  'data/big.csv': 'a,b\n1,2\n',
  '.git/HEAD': 'ref: refs/heads/main\n',
  'src/tinyproj/__pycache__/__init__.cpython-312.pyc': 'not bytecode\n',
  '.ipynb_checkpoints/explore-checkpoint.ipynb': '{}\n',
};

const custom: Record<string, DesignInput> = {
  // Another user, UID and GID (a new group), paths under $HOME and at the root, apt packages, pip, postBuild.
  'custom-debian': {
    project: { name: 'custom-debian', description: 'Debian base, own user, paths, apt and pip packages' },
    base: { image: 'debian:12-slim', platforms: ['linux/amd64', 'linux/arm64'] },
    conda: { packages: ['numpy', 'git'] },
    pip: { packages: ['requests==2.32.3'] },
    apt: { packages: ['git', 'unzip', 'make'] },
    user: { name: 'data-sci', uid: 1234, gid: 1234 },
    paths: { condaRoot: '$HOME/miniforge', envPrefix: '$HOME/envs/work', projectDir: '/workspace' },
    postBuild: { script: 'echo "postBuild ran" > "${HOME}/postbuild.log"' },
    runtime: { command: 'bash', env: [{ name: 'MY_SETTING', value: 'on' }] },
  },
  // micromamba, a user at UID/GID 1000 (the ubuntu-like base's "ubuntu" must make room), Notebook on another port.
  'custom-ubuntu': {
    project: { name: 'custom-ubuntu' },
    base: { image: 'ubuntu:24.04' },
    conda: { installer: 'micromamba', packages: ['notebook', 'python-dotenv'] },
    apt: { packages: ['htop'] },
    user: { name: 'jovyan', uid: 1000, gid: 1000 },
    runtime: { command: 'notebook', port: 8890 },
    dockerfile: { comments: false },
  },
  // The project itself installed (editable, with an extra) from the build context, on top of the recommended layout.
  'custom-project-install': {
    project: { name: 'tinyproj', install: { enabled: true, editable: true, extras: ['dev'] } },
    base: { image: 'debian:12-slim', platforms: ['linux/amd64'] },
    conda: { packages: ['pytest'] },
    runtime: { command: 'bash' },
  },
};

const CONTEXT_FILES: Record<string, Record<string, string>> = { 'custom-project-install': TINY_PROJECT };

const CMD: Record<string, string[]> = {
  jupyterlab: ['jupyter', 'lab', '--no-browser', '--ip=0.0.0.0'],
  notebook: ['jupyter', 'notebook', '--no-browser', '--ip=0.0.0.0'],
  bash: ['bash'],
  python: ['python'],
};

function expectedImage(design: Design, contextFiles?: Record<string, string>): ExpectedImage {
  const home = `/home/${design.user.name}`;
  const expand = (path: string) => path.replace(/^\$HOME/, home);
  const jupyter = design.runtime.command === 'jupyterlab' || design.runtime.command === 'notebook';
  const micromamba = design.conda.installer === 'micromamba';
  const envPrefix = expand(design.paths.envPrefix);
  return {
    user: design.user.name,
    uid: design.user.uid,
    gid: design.user.gid,
    home,
    condaDir: expand(design.paths.condaRoot),
    envPrefix,
    workdir: expand(design.paths.projectDir),
    aptPackages: ['ca-certificates', 'curl', 'tini', ...design.apt.packages],
    entrypoint: ['/usr/bin/tini', '-g', '--', '/usr/local/bin/entrypoint.sh'],
    cmd: [...CMD[design.runtime.command], ...(jupyter ? [`--port=${design.runtime.port}`] : [])],
    exposedPorts: jupyter ? [`${design.runtime.port}/tcp`] : [],
    lockFiles: design.lock ? design.base.platforms.map((platform) => `/tmp/conda-${SUBDIR_OF_PLATFORM[platform]}.lock`) : [],
    ...(design.project.install.enabled && contextFiles
      ? {
          projectSource: {
            present: ['pyproject.toml', 'src/tinyproj/__init__.py', 'notebooks/explore.ipynb', 'Dockerfile', 'environment.yml'],
            absent: ['.env', '.env.local', 'secrets/server.pem', 'data/big.csv', 'data', '.git', 'src/tinyproj/__pycache__', '.ipynb_checkpoints'],
          },
        }
      : {}),
    condaExecutable: micromamba ? '/usr/local/bin/micromamba' : `${expand(design.paths.condaRoot)}/bin/conda`,
    env: {
      ENV_PREFIX: envPrefix,
      CONDA_DIR: expand(design.paths.condaRoot),
      HOME: home,
      ...(micromamba ? { MAMBA_ROOT_PREFIX: expand(design.paths.condaRoot) } : {}),
      // The NVIDIA Container Toolkit reads these to hand the GPUs and CUDA libraries to the container.
      ...(design.gpu.enabled ? { NVIDIA_VISIBLE_DEVICES: 'all', NVIDIA_DRIVER_CAPABILITIES: 'compute,utility' } : {}),
      ...Object.fromEntries(design.runtime.env.map(({ name, value }) => [name, value])),
    },
  };
}

/** The recommended designs: every preset but the 2020 recipe, and the custom designs. */
export const RECOMMENDED_CASES: RealBuildCase[] = [
  ...PRESETS.filter((preset) => !preset.design.compat.recipeLayout).map((preset) => ({ id: preset.id, design: preset.design })),
  ...Object.entries(custom).map(([id, input]) => ({ id, design: designSchema.parse(input) })),
].map(({ id, design }) => ({
  id,
  design,
  expected: expectedImage(design, CONTEXT_FILES[id]),
  ...(CONTEXT_FILES[id] ? { contextFiles: CONTEXT_FILES[id] } : {}),
}));

/** Locked designs the tier builds too: locks solved against the fixture channel (URLs on conda.anaconda.org). */
export const LOCKED_CASE_IDS = ['data-science-locked', 'micromamba-locked'] as const;

/**
 * The locked cases, their locks solved with the real solver against the fixture server.
 * @example const cases = await lockedCases(server)
 */
export async function lockedCases(server: FixtureServer): Promise<RealBuildCase[]> {
  const cases: RealBuildCase[] = [];
  for (const id of LOCKED_CASE_IDS) {
    const variant = LOCKED_VARIANTS.find((candidate) => candidate.id === id)!;
    const design = await lockedVariantDesign(variant, server);
    cases.push({ id, design, expected: expectedImage(design) });
  }
  return cases;
}
