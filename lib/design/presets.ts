import { designSchema, type Design, type DesignInput } from './schema';

/** A named starting point for a design. */
export interface Preset {
  id: string;
  label: string;
  description: string;
  design: Design;
}

const RECIPE_POST_BUILD = [
  '# The 2020 recipe built JupyterLab extensions with Node.js; JupyterLab 3+ installs them prebuilt with pip.',
  'jupyter labextension install --no-build @jupyter-widgets/jupyterlab-manager',
  'jupyter lab build',
].join('\n');

const PRESET_INPUTS: ReadonlyArray<{ id: string; label: string; description: string; input: DesignInput }> = [
  {
    id: 'data-science',
    label: 'Data science (recommended)',
    description: 'JupyterLab with numpy, pandas, matplotlib and scikit-learn from conda-forge.',
    input: {},
  },
  {
    id: 'minimal-python',
    label: 'Minimal Python',
    description: 'Python and pip in a conda-forge environment, bash as the command.',
    input: {
      project: { name: 'minimal-python', description: 'Python 3.13 from conda-forge' },
      conda: { pythonVersion: '3.13', packages: ['pip'] },
      runtime: { command: 'python' },
      files: { compose: false },
    },
  },
  {
    id: 'pytorch-gpu',
    label: 'PyTorch on GPU',
    description: 'PyTorch CUDA builds from conda-forge, solved without a GPU, with a compose GPU reservation.',
    input: {
      project: { name: 'pytorch-gpu', description: 'PyTorch with CUDA 12.6 from conda-forge, JupyterLab' },
      // conda-forge has no pytorch for arm64 + CUDA in every version; amd64 is the safe default for GPUs.
      base: { platforms: ['linux/amd64'] },
      conda: {
        pythonVersion: '3.12',
        packages: ['jupyterlab', 'pytorch=*=cuda*', 'torchvision', 'cuda-version=12.6', 'numpy', 'pandas', 'matplotlib'],
      },
      gpu: { enabled: true, cudaVersion: '12.6' },
    },
  },
  {
    id: 'r-and-python',
    label: 'R and Python',
    description: 'JupyterLab with the R kernel, tidyverse and the PyData basics from conda-forge.',
    input: {
      project: { name: 'r-and-python', description: 'JupyterLab with R (IRkernel, tidyverse) and Python' },
      conda: {
        packages: ['jupyterlab', 'numpy', 'pandas', 'matplotlib', 'r-base=4.4', 'r-irkernel', 'r-tidyverse'],
      },
    },
  },
  {
    id: 'micromamba',
    label: 'micromamba (small image)',
    description: 'The data-science environment installed with the static micromamba binary instead of Miniforge.',
    input: {
      project: { name: 'micromamba-lab', description: 'JupyterLab and the PyData stack, installed with micromamba' },
      conda: { installer: 'micromamba' },
    },
  },
  {
    id: 'recipe-2020',
    label: 'Recipe 2020 ("Conda, pip, and Docker FTW!")',
    description: 'The original 2020 recipe, instruction for instruction; the findings say what no longer builds.',
    input: {
      project: { name: 'recipe-2020', description: 'The 2020 "Conda (+ pip) and Docker FTW!" recipe' },
      base: { image: 'ubuntu:16.04', platforms: ['linux/amd64'] },
      conda: {
        installer: 'miniconda',
        // Word for word: the blog's MINICONDA_VERSION=4.8.2 names no file (only py37_/py38_ builds of 4.8.2
        // were published), which lint explains (CD029) and Modernize fixes.
        installerVersion: '4.8.2',
        channels: ['conda-forge', 'defaults'],
        pythonVersion: '',
        // The recipe pinned 2020 versions; today's solver would not find them together with a current Python, so
        // only python keeps its 2020 pin and the findings explain what that breaks.
        packages: ['python=3.8', 'jupyterlab', 'pip', 'numpy', 'pandas', 'matplotlib'],
      },
      pip: { packages: ['tensorboard==2.2.0'] },
      // The blog's ENV_PREFIX $PWD/env: PWD is not set during a build, so it is /env (lint CD030 explains).
      paths: { condaRoot: '$HOME/miniconda3', projectDir: '$HOME/app', envPrefix: '$PWD/env' },
      postBuild: { script: RECIPE_POST_BUILD },
      runtime: { command: 'jupyterlab', expose: false },
      files: { dockerignore: false, makefile: false },
      compat: {
        shellWithoutPipefail: true,
        recipeLayout: true,
        profileActivation: true,
        updateBaseConda: true,
        forceEnvCreate: true,
        unverifiedInstaller: true,
        noInit: true,
      },
    },
  },
];

/** Every preset, validated through the schema at load time. */
export const PRESETS: readonly Preset[] = PRESET_INPUTS.map(({ id, label, description, input }) => ({
  id,
  label,
  description,
  design: designSchema.parse(input),
}));

/** The preset with this id, or undefined for an unknown id. */
export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((preset) => preset.id === id);
}
