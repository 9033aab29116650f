// fast-check arbitraries for property tests. Values come from pools of realistic entries (so every design is
// valid and meaningful) plus a few awkward-but-valid strings (quotes, "$", backslashes, non-ASCII) that every
// door must carry unchanged. Each design is passed through designSchema.parse, so a pool entry that the schema
// stops accepting fails loudly here instead of producing designs that are silently different.
import fc from 'fast-check';
import { envName, userName } from '@/lib/design/fields';
import { INSTALLERS } from '@/lib/design/installers';
import { COMMANDS, INSTALLER_IDS, PLATFORMS, designSchema, type Design, type DesignInput } from '@/lib/design/schema';

/** Conda specs with distinct package names (the schema rejects a name listed twice) and no `python`. */
export const CONDA_SPEC_POOL = [
  'jupyterlab',
  'numpy',
  'pandas>=2',
  'scipy=1.13',
  'matplotlib-base',
  'scikit-learn>=1.4,<2',
  'xarray',
  'dask',
  'polars',
  'pip',
  'ipywidgets',
  'seaborn',
  'statsmodels',
  'r-base=4.4',
  'r-irkernel',
  'pytorch=*=cuda*',
  'cuda-version=12.6',
  'conda-forge::zarr',
  'h5py>=3.10',
  'numba',
] as const;

/** pip requirement lines, one per distinct project. */
export const PIP_LINE_POOL = [
  'requests',
  'rich>=13',
  'httpx==0.27.0',
  'pydantic>=2,<3',
  'black',
  'tensorboard==2.2.0',
  'typer>=0.12',
  'uvicorn[standard]',
  'fastapi',
  'mlflow>=2.10',
] as const;

/** Debian package names. */
export const APT_PACKAGE_POOL = ['git', 'vim', 'htop', 'libgl1', 'build-essential', 'graphviz', 'less', 'openssh-client'] as const;

const CHANNEL_POOL = ['conda-forge', 'bioconda', 'nodefaults', 'pytorch', 'nvidia', 'conda-forge/label/dev', 'defaults'];
const IMAGE_POOL = [
  'ubuntu:24.04',
  'ubuntu:22.04',
  'ubuntu:26.04',
  'debian:12-slim',
  'debian:13-slim',
  'nvidia/cuda:12.6.3-runtime-ubuntu24.04',
  'ghcr.io/example/base:1.0',
];
const DESCRIPTION_POOL = [
  '',
  'JupyterLab with the PyData stack',
  'Climate model "v2" for $PROJECT & friends',
  "It's a back\\slash `test`",
  'Données météo — analyse 🌦',
];
const PATHS_POOL: Array<DesignInput['paths']> = [
  {},
  { condaRoot: '/opt/conda', projectDir: '$HOME/app', envPrefix: '/opt/conda/envs/app' },
  { condaRoot: '$HOME/miniconda3', projectDir: '$HOME/app', envPrefix: '$HOME/app/env' },
  { condaRoot: '/opt/miniforge', projectDir: '/workspace', envPrefix: '/opt/env' },
];
const POST_BUILD_SCRIPTS = ['', 'echo "done"', 'python -m ipykernel install --user --name app\njupyter lab build\n'];
const ENV_VALUES = ['1', 'all', '', 'a value with spaces', 'quote " and $dollar', 'naïve'];
const CUSTOM_COMMANDS = [['python', '-m', 'http.server'], ['bash', '-lc', 'echo "hi" && sleep 1'], ['ipython']];

const userNames = fc.stringMatching(/^[a-z][a-z0-9_-]{0,15}$/).filter((name) => userName.safeParse(name).success);
const envNames = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,15}$/).filter((name) => envName.safeParse(name).success);

/** A random valid design, parsed through designSchema (so every default is filled in). */
export function validDesign(): fc.Arbitrary<Design> {
  const installer = fc.constantFrom(...INSTALLER_IDS);
  return fc
    .record({
      project: fc.record({
        name: fc.stringMatching(/^[a-z0-9]{1,12}(?:[._-][a-z0-9]{1,8}){0,2}$/),
        description: fc.constantFrom(...DESCRIPTION_POOL),
        install: fc.record({
          enabled: fc.boolean(),
          editable: fc.boolean(),
          extras: fc.shuffledSubarray(['dev', 'test', 'docs', 'brotli', 'all.extras', 'Socks_5'], { maxLength: 3 }),
        }),
      }),
      base: fc.record({
        image: fc.constantFrom(...IMAGE_POOL),
        platforms: fc.subarray([...PLATFORMS], { minLength: 1 }),
      }),
      conda: installer.chain((id) =>
        fc.record({
          installer: fc.constant(id),
          installerVersion: fc.constantFrom('', ...INSTALLERS[id].releases.map((release) => release.version)),
          channels: fc.shuffledSubarray(CHANNEL_POOL, { minLength: 1, maxLength: 4 }),
          pythonVersion: fc.constantFrom('', '3.10', '3.11', '3.12', '3.13'),
          packages: fc.shuffledSubarray([...CONDA_SPEC_POOL], { maxLength: 12 }),
          channelPriority: fc.constantFrom('strict' as const, 'flexible' as const),
        }),
      ),
      pip: fc.record({
        packages: fc.shuffledSubarray([...PIP_LINE_POOL], { maxLength: 6 }),
        indexUrl: fc.constantFrom('', 'https://pypi.org/simple'),
        extraIndexUrls: fc.subarray(['https://download.pytorch.org/whl/cu126', 'https://example.org/simple']),
      }),
      apt: fc.record({ packages: fc.shuffledSubarray([...APT_PACKAGE_POOL], { maxLength: 4 }) }),
      user: fc.record({
        name: userNames,
        uid: fc.integer({ min: 1000, max: 60000 }),
        gid: fc.oneof(fc.constant(100), fc.integer({ min: 1000, max: 60000 })),
      }),
      paths: fc.constantFrom(...PATHS_POOL),
      postBuild: fc.record({
        jupyterExtensions: fc.subarray(['jupyterlab-git>=0.50', 'jupyterlab-lsp', 'ipywidgets']),
        script: fc.constantFrom(...POST_BUILD_SCRIPTS),
      }),
      runtime: fc.record({
        command: fc.constantFrom(...COMMANDS),
        customCommand: fc.constantFrom(...CUSTOM_COMMANDS),
        port: fc.integer({ min: 1024, max: 65535 }),
        env: fc.uniqueArray(fc.record({ name: envNames, value: fc.constantFrom(...ENV_VALUES) }), {
          maxLength: 3,
          selector: (variable) => variable.name,
        }),
      }),
      gpu: fc.record({ enabled: fc.boolean(), cudaVersion: fc.constantFrom('11.8', '12.4', '12.6', '12.8') }),
      files: fc.record({
        dockerignore: fc.boolean(),
        compose: fc.boolean(),
        readme: fc.boolean(),
        makefile: fc.boolean(),
        devcontainer: fc.boolean(),
        githubWorkflow: fc.boolean(),
      }),
      dockerfile: fc.record({ comments: fc.boolean() }),
      compat: fc.record({
        shellWithoutPipefail: fc.boolean(),
        recipeLayout: fc.boolean(),
        profileActivation: fc.boolean(),
        updateBaseConda: fc.boolean(),
        forceEnvCreate: fc.boolean(),
        unverifiedInstaller: fc.boolean(),
        noInit: fc.boolean(),
      }),
    })
    .map((input) => designSchema.parse(input satisfies DesignInput));
}

const LOCK_CHANNEL_POOL = ['https://conda.anaconda.org/conda-forge', 'https://conda.anaconda.org/bioconda', 'https://repo.anaconda.com/pkgs/main', 'http://127.0.0.1:8080/extra-channel'];
const hexOf = (length: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${length}}$`));

/** A random locked conda package for a subdir (valid names, versions, builds and hashes; channel index below `channels`). */
function lockedPackage(subdir: 'linux-64' | 'linux-aarch64', channels: number) {
  return fc.record({
    name: fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{0,20}$/),
    version: fc.stringMatching(/^[0-9]{1,3}(?:\.[0-9a-z]{1,4}){0,3}$/),
    build: fc.stringMatching(/^[a-z0-9_]{1,12}_[0-9]{1,2}$/),
    channel: fc.integer({ min: 0, max: channels - 1 }),
    subdir: fc.constantFrom(subdir, 'noarch' as const),
    ext: fc.constantFrom('.conda' as const, '.tar.bz2' as const),
    md5: hexOf(32),
    sha256: fc.option(hexOf(64), { nil: undefined }),
    size: fc.integer({ min: 0, max: 2 ** 40 }),
  }).map(({ sha256, ...pkg }) => (sha256 === undefined ? pkg : { ...pkg, sha256 }));
}

/**
 * A random valid design with a lock: fresh (its inputs are the design's) or, when `stale` may be true, sometimes solved
 * for other specs. Pass `lockInputs` from lib/solve/lock (kept out of this module so it needs no solver imports).
 */
export function validLockedDesign(lockInputs: (design: Design) => NonNullable<Design['lock']>['inputs']): fc.Arbitrary<Design> {
  return validDesign().chain((design) =>
    fc
      .record({
        channels: fc.shuffledSubarray(LOCK_CHANNEL_POOL, { minLength: 1 }),
        stale: fc.boolean(),
        pipVersions: fc.array(fc.stringMatching(/^[0-9]{1,2}\.[0-9]{1,2}(?:\.[0-9]{1,2})?$/), { minLength: design.pip.packages.length, maxLength: design.pip.packages.length }),
      })
      .chain(({ channels, stale, pipVersions }) => {
        const subdirs = design.base.platforms.map((platform) => (platform === 'linux/amd64' ? 'linux-64' : 'linux-aarch64') as 'linux-64' | 'linux-aarch64');
        return fc.tuple(...subdirs.map((subdir) => fc.array(lockedPackage(subdir, channels.length), { minLength: 1, maxLength: 8 }))).map((lists) => {
          const inputs = lockInputs(design);
          return designSchema.parse({
            ...design,
            lock: {
              inputs: stale ? { ...inputs, specs: [...inputs.specs, 'stale-package'] } : inputs,
              channels,
              platforms: Object.fromEntries(subdirs.map((subdir, index) => [subdir, lists[index]])),
              pip: design.pip.packages.map((line, index) => ({ line, version: pipVersions[index] })),
            },
          });
        });
      }),
  );
}
