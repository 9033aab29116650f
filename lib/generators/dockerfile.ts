import { ARCHES } from '@/lib/design/installers';
import { MICROMAMBA_BINARY, type ResolvedDesign } from '@/lib/design/resolve';
import { dockerfile as d, type Block, type CacheMount, type DockerfileModel, type Instruction } from '@/lib/dockerfile/model';
import { writeDockerfile } from '@/lib/dockerfile/writer';
import { shellCommand } from '@/lib/shell-quote';
import { explicitLockFileName } from '@/lib/solve/explicit-lock';
import { lockedSubdirs } from './conda-lock';
import { textFile, type GeneratedFile } from './types';

// Reasoning that the output builds, from primary sources, is kept next to each block:
// - Debian's /etc/profile resets PATH for login shells (base-files), so the recommended SHELL has no --login and
//   puts the env on PATH with ENV instead; only the recipe's profile activation needs --login.
// - ubuntu:23.04 and later ship user "ubuntu" with UID/GID 1000 (jupyterhub/repo2docker#1346): the recommended
//   user step removes whatever user holds the UID first, as jupyter/docker-stacks does.
// - `useradd` (package passwd, essential in Debian and Ubuntu images) is used because `adduser` is not in every
//   slim image.
// - BuildKit sets TARGETARCH; the classic builder does not, so dpkg's architecture is the fallback.
// - `conda env create --force` was removed in conda 24.3 (NVIDIA/cudf#15403); the recommended path never uses it.
// - With a (fresh) lock the env is created from the explicit file of the target platform: conda and micromamba
//   install such a file as listed, without a solver (conda/misc.py explicit(); micromamba reads @EXPLICIT files
//   given to --file). pip then installs requirements.txt itself, because no environment.yml drives it.

const ENTRYPOINT_PATH = '/usr/local/bin/entrypoint.sh';
const POSTBUILD_PATH = '/usr/local/bin/postBuild.sh';
const ENV_FILE = '/tmp/environment.yml';
const REQUIREMENTS_FILE = '/tmp/requirements.txt';
const VERSION_ENV: Record<string, string> = {
  miniforge: 'MINIFORGE_VERSION',
  miniconda: 'MINICONDA_VERSION',
  micromamba: 'MICROMAMBA_VERSION',
};

const block = (comment: string[], ...instructions: Instruction[]): Block => ({ comment, instructions });

// BuildKit cache mounts keep downloads between builds on the builder without putting them in the image, so adding
// one package re-downloads one package. Every builder that reads `# syntax=docker/dockerfile:1` (BuildKit,
// buildah/podman) accepts them; `sharing=locked` makes concurrent builds wait instead of corrupting a cache.
// uid/gid make a new cache the user's: the RUNs that use them run as the user.
const APT_CACHES: CacheMount[] = [
  { target: '/var/cache/apt', sharing: 'locked' },
  { target: '/var/lib/apt/lists', sharing: 'locked' },
];
const userCache = (target: string): CacheMount => ({ target, uid: '${uid}', gid: '${gid}', sharing: 'locked' });
const CONDA_PKGS_CACHE = userCache('${CONDA_DIR}/pkgs');
const PIP_CACHE = userCache('${HOME}/.cache/pip');
// The official Debian and Ubuntu images delete every downloaded .deb after each install (docker-clean); it is moved
// aside for this RUN only, so the .debs stay in the cache mount and later apt-get calls in derived images still clean.
const DOCKER_CLEAN = '/etc/apt/apt.conf.d/docker-clean';

/**
 * The user's `$HOME` paths keep `$HOME` so that a `--build-arg username=…` moves them with the home. Two ENV
 * instructions, because Docker substitutes variables with the values from before the instruction: PATH in the
 * same ENV as ENV_PREFIX would see it empty.
 */
function envPaths(r: ResolvedDesign): Instruction[] {
  const { paths } = r.design;
  const micromamba = r.condaCommand === 'micromamba';
  return [
    d.env(['CONDA_DIR', paths.condaRoot], ['ENV_PREFIX', paths.envPrefix], ['PROJECT_DIR', paths.projectDir]),
    d.env(
      ...(micromamba ? [['MAMBA_ROOT_PREFIX', '${CONDA_DIR}'] as const] : []),
      ['PATH', `\${ENV_PREFIX}/bin:${micromamba ? '' : '${CONDA_DIR}/bin:'}\${PATH}`],
    ),
  ];
}

function baseBlock(r: ResolvedDesign): Block {
  const { design } = r;
  if (design.compat.recipeLayout) return block(['The base image.'], d.from(design.base.image));
  return block(
    ['The base image; override it with --build-arg BASE_IMAGE=… to try another release.'],
    d.arg('BASE_IMAGE', design.base.image),
    d.from('${BASE_IMAGE}'),
  );
}

function labelBlock(r: ResolvedDesign): Block | null {
  if (r.design.compat.recipeLayout) return null;
  const { name, description } = r.design.project;
  const labels: Array<readonly [string, string]> = [['org.opencontainers.image.title', name]];
  if (description) labels.push(['org.opencontainers.image.description', description]);
  return block(['Image metadata (OCI annotations).'], d.label(...labels));
}

function shellBlock(r: ResolvedDesign): Block {
  const { shellWithoutPipefail, profileActivation: login } = r.design.compat;
  const comment = [
    shellWithoutPipefail
      ? 'Run RUN instructions in bash.'
      : 'Fail a RUN when any command of a pipe fails (hadolint DL4006).',
    login
      ? 'A login shell reads ~/.profile, where conda is activated.'
      : "No --login: Debian's /etc/profile resets PATH; the env is on PATH through ENV instead.",
  ];
  const argv = ['/bin/bash', ...(login ? ['--login'] : []), ...(shellWithoutPipefail ? [] : ['-o', 'pipefail']), '-c'];
  return block(comment, d.shell(...argv));
}

function aptBlock(r: ResolvedDesign): Block | null {
  if (r.aptPackages.length === 0) return null;
  const install = shellCommand(['apt-get', 'install', '--yes', '--no-install-recommends', ...r.aptPackages]);
  const init = r.design.compat.noInit ? [] : ['tini reaps zombie processes and forwards signals as PID 1.'];
  if (r.design.compat.recipeLayout)
    return block(
      ['System packages in one layer, without recommends, lists removed in the same RUN (hadolint DL3009, DL3015).', ...init],
      d.arg('DEBIAN_FRONTEND', 'noninteractive'),
      d.run('apt-get update', install, 'rm -rf /var/lib/apt/lists/*'),
    );
  return block(
    [
      'System packages in one layer, without recommends (hadolint DL3015). The package lists and .debs live in',
      'cache mounts, so they never land in the image (DL3009) and adding a package downloads only that package.',
      ...init,
    ],
    d.arg('DEBIAN_FRONTEND', 'noninteractive'),
    d.runWithCaches(
      APT_CACHES,
      `if [ -f ${DOCKER_CLEAN} ]; then mv ${DOCKER_CLEAN} /tmp/docker-clean; fi`,
      'apt-get update',
      install,
      `if [ -f /tmp/docker-clean ]; then mv /tmp/docker-clean ${DOCKER_CLEAN}; fi`,
    ),
  );
}

function userArgs(r: ResolvedDesign): Instruction[] {
  const { user } = r.design;
  return [d.arg('username', user.name), d.arg('uid', String(user.uid)), d.arg('gid', String(user.gid))];
}

/** The files the env step needs in /tmp: environment.yml, or the lock files; requirements.txt when pip installs. */
function envFiles(r: ResolvedDesign): string[] {
  const conda = r.lock ? lockedSubdirs(r).map(explicitLockFileName) : ['environment.yml'];
  return [...conda, ...(r.requirementLines.length ? ['requirements.txt'] : [])];
}

function recipeUserBlocks(r: ResolvedDesign): Block[] {
  return [
    block(
      ['Create a non-root user; build args let you match your own UID/GID.'],
      ...userArgs(r),
      d.env(['USER', '$username']),
      d.env(['UID', '$uid']),
      d.env(['GID', '$gid']),
      d.env(['HOME', '/home/$USER']),
      d.run('adduser --disabled-password --gecos "Non-root user" --uid $UID --gid $GID --home $HOME $USER'),
    ),
    block(
      ['Copy the environment files, postBuild and the entrypoint, then hand them to the user.'],
      d.copy(envFiles(r), '/tmp/'),
      d.run(`chown $UID:$GID ${envFiles(r).map((file) => `/tmp/${file}`).join(' ')}`),
      ...(r.hasPostBuild
        ? [d.copy(['postBuild'], POSTBUILD_PATH), d.run(`chown $UID:$GID ${POSTBUILD_PATH}`, `chmod u+x ${POSTBUILD_PATH}`)]
        : []),
      d.copy(['docker/entrypoint.sh'], '/usr/local/bin/'),
      d.run(`chown $UID:$GID ${ENTRYPOINT_PATH}`, `chmod u+x ${ENTRYPOINT_PATH}`),
    ),
    block(['Everything from here on runs as the user.'], d.user('$USER')),
  ];
}

function userDirectories(r: ResolvedDesign): string[] {
  const { paths } = r.design;
  const parent = paths.envPrefix.slice(0, paths.envPrefix.lastIndexOf('/')) || '/';
  // ~/.cache is the user's before the pip cache mount below would create it as root.
  const dirs = [paths.condaRoot, parent, paths.projectDir, '$HOME/.cache']
    .filter((dir) => dir !== '/' && dir !== '$HOME')
    .map((dir) => dir.replace(/^\$HOME/, '${HOME}'));
  return [...new Set(dirs)];
}

function recommendedUserBlocks(r: ResolvedDesign): Block[] {
  const dirs = userDirectories(r).map((dir) => `"${dir}"`).join(' ');
  return [
    block(
      [
        'The non-root user. Build with --build-arg uid=$(id -u) --build-arg gid=$(id -g) to match your own IDs,',
        'so files written to bind mounts belong to you. ubuntu:24.04 ships user "ubuntu" with UID 1000, so',
        'whatever user already holds the UID is removed first (as jupyter/docker-stacks does).',
      ],
      ...userArgs(r),
      d.env(['USER', '${username}'], ['HOME', '/home/${username}']),
      d.run(
        'if getent passwd "${uid}" > /dev/null; then userdel --remove "$(getent passwd "${uid}" | cut -d: -f1)"; fi',
        'if getent passwd "${username}" > /dev/null; then userdel --remove "${username}"; fi',
        'if ! getent group "${gid}" > /dev/null; then groupadd --gid "${gid}" "${username}"; fi',
        'useradd --no-log-init --create-home --home-dir "${HOME}" --uid "${uid}" --gid "${gid}" --shell /bin/bash "${username}"',
        `install --directory --owner="\${uid}" --group="\${gid}" ${dirs}`,
      ),
    ),
  ];
}

function micromambaBinaryBlock(r: ResolvedDesign): Block | null {
  if (r.condaCommand !== 'micromamba' || r.design.compat.unverifiedInstaller) return null;
  return block(
    ['micromamba is one static binary: install it for everybody, verified by its published checksum.'],
    d.arg('TARGETARCH'),
    d.run(...downloadCommands(r, MICROMAMBA_BINARY), `chmod 0755 ${MICROMAMBA_BINARY}`),
  );
}

/** The case statement that maps TARGETARCH to the installer's URL and checksum for that architecture. */
function archCase(r: ResolvedDesign, withChecksum: boolean): string {
  const branches = r.arches.map((arch) => {
    const url = r.installer.url(r.installerVersion, ARCHES[arch]);
    const sha = withChecksum ? `; sha256=${r.release?.sha256[arch]}` : '';
    return `${arch}) url=${url}${sha} ;;`;
  });
  return `case "\${TARGETARCH:-$(dpkg --print-architecture)}" in ${branches.join(' ')} *) echo "Unsupported architecture: \${TARGETARCH:-unknown}" >&2; exit 1 ;; esac`;
}

function downloadCommands(r: ResolvedDesign, target: string): string[] {
  const verify = r.checksumsKnown;
  return [
    archCase(r, verify),
    `curl --fail --silent --show-error --location --proto '=https' --output ${target} "\${url}"`,
    ...(verify ? [`echo "\${sha256}  ${target}" | sha256sum --check --strict -`] : []),
  ];
}

function condarcCommand(r: ResolvedDesign): string {
  const channels = r.design.conda.channels.filter((channel) => channel !== 'nodefaults');
  const lines = [
    'channels:',
    ...channels.map((channel) => `  - ${channel}`),
    `channel_priority: ${r.design.conda.channelPriority}`,
    'auto_update_conda: false',
    'show_channel_urls: true',
  ];
  return `${shellCommand(['printf', '%s\\n', ...lines])} > "\${CONDA_DIR}/.condarc"`;
}

/** In the recipe layout the installer block defines CONDA_DIR and PATH itself, as the recipe did. */
function recipeInstallerEnv(r: ResolvedDesign): { before: Instruction[]; after: Instruction[] } {
  if (!r.design.compat.recipeLayout) return { before: [], after: [] };
  const micromamba = r.condaCommand === 'micromamba';
  return {
    before: [d.env(['CONDA_DIR', r.design.paths.condaRoot]), ...(micromamba ? [d.env(['MAMBA_ROOT_PREFIX', '$CONDA_DIR'])] : [])],
    after: [d.env(['PATH', '$CONDA_DIR/bin:$PATH'])],
  };
}

function unverifiedInstallerBlock(r: ResolvedDesign): Block {
  const { before, after } = recipeInstallerEnv(r);
  const versionVar = VERSION_ENV[r.installer.id];
  const url = r.installer.url(`$${versionVar}`, 'x86_64');
  const run =
    r.condaCommand === 'micromamba'
      ? d.run('mkdir -p $CONDA_DIR/bin', `wget --quiet ${url} -O $CONDA_DIR/bin/micromamba`, 'chmod +x $CONDA_DIR/bin/micromamba')
      : d.run(`wget --quiet ${url} -O ~/miniconda.sh`, 'chmod +x ~/miniconda.sh', '~/miniconda.sh -b -p $CONDA_DIR', 'rm ~/miniconda.sh');
  return block(
    [`Install ${r.installer.label} (downloaded without a checksum, x86_64 only).`],
    d.env([versionVar, r.installerVersion]),
    ...before,
    run,
    ...after,
  );
}

function installerBlock(r: ResolvedDesign): Block {
  if (r.design.compat.unverifiedInstaller) return unverifiedInstallerBlock(r);
  const { before, after } = recipeInstallerEnv(r);
  if (r.condaCommand === 'micromamba')
    return block(
      ['micromamba needs no base install; this .condarc pins the channels for every later install.'],
      ...before,
      d.run(`mkdir -p "\${CONDA_DIR}"`, condarcCommand(r)),
      ...after,
    );
  const installer = '/tmp/installer.sh';
  return block(
    [
      `Install ${r.installer.label} ${r.installerVersion} for the target architecture (BuildKit sets TARGETARCH),`,
      r.checksumsKnown
        ? 'verified against the checksum its publisher lists, then pin the channels in .condarc.'
        : 'WITHOUT a checksum: Condocker knows none for this version. Then pin the channels in .condarc.',
    ],
    ...before,
    d.arg('TARGETARCH'),
    d.run(
      ...downloadCommands(r, installer),
      `bash ${installer} -b -u -p "\${CONDA_DIR}"`,
      `rm ${installer}`,
      condarcCommand(r),
      '"${CONDA_DIR}/bin/conda" clean --all --yes',
    ),
    ...after,
  );
}

function profileActivationBlock(r: ResolvedDesign): Block | null {
  if (!r.design.compat.profileActivation) return null;
  const hook =
    r.condaCommand === 'micromamba'
      ? `RUN echo 'eval "$(micromamba shell hook --shell bash)"' >> ~/.profile`
      : 'RUN echo ". $CONDA_DIR/etc/profile.d/conda.sh" >> ~/.profile';
  const instructions: Instruction[] = [d.run(hook.slice('RUN '.length))];
  if (r.condaCommand === 'conda') instructions.push(d.run('conda init bash'));
  return block(['Make `conda activate` work in login shells (~/.profile) and interactive shells (conda init).'], ...instructions);
}

function projectBlock(r: ResolvedDesign): Block {
  if (r.design.compat.recipeLayout)
    return block(
      ['A project directory inside the home directory.'],
      d.env(['PROJECT_DIR', r.design.paths.projectDir]),
      d.run('mkdir $PROJECT_DIR'),
      d.workdir('$PROJECT_DIR'),
    );
  return block(['The project directory (created above, owned by the user).'], d.workdir('${PROJECT_DIR}'));
}

function envCreateCommand(r: ResolvedDesign, prefix: string): string {
  const { design } = r;
  const cuda = design.gpu.enabled ? `CONDA_OVERRIDE_CUDA=${design.gpu.cudaVersion} ` : '';
  return r.condaCommand === 'micromamba'
    ? `${cuda}micromamba create --yes --prefix ${prefix} --file ${ENV_FILE}`
    : `${cuda}conda env create --prefix ${prefix} --file ${ENV_FILE}${design.compat.forceEnvCreate ? ' --force' : ''}`;
}

/** Docker architecture of each conda subdir, for the lock file's case statement. */
const ARCH_OF_SUBDIR: Record<string, string> = { 'linux-64': 'amd64', 'linux-aarch64': 'arm64' };

/** Picks the lock file of the target architecture (TARGETARCH, else dpkg's architecture, as the installer step). */
function lockSubdirCase(r: ResolvedDesign): string {
  const branches = lockedSubdirs(r).map((subdir) => `${ARCH_OF_SUBDIR[subdir]}) subdir=${subdir} ;;`);
  return `case "\${TARGETARCH:-$(dpkg --print-architecture)}" in ${branches.join(' ')} *) echo "No conda lock for architecture: \${TARGETARCH:-unknown}" >&2; exit 1 ;; esac`;
}

/** Installs the lock of the target platform, then the pinned pip packages, without a solver. */
function lockInstallCommands(r: ResolvedDesign, prefix: string, python: string, pipCacheMounted: boolean): string[] {
  const file = '"/tmp/conda-${subdir}.lock"';
  return [
    lockSubdirCase(r),
    r.condaCommand === 'micromamba'
      ? `micromamba create --yes --prefix ${prefix} --file ${file}`
      : `conda create --yes --prefix ${prefix} --file ${file}`,
    // Without a cache mount (the recipe layout) pip's cache would stay in the layer (hadolint DL3042).
    ...(r.requirementLines.length ? [`${python} -m pip install${pipCacheMounted ? '' : ' --no-cache-dir'} --requirement ${REQUIREMENTS_FILE}`] : []),
  ];
}

/** The package caches of a RUN that installs into the env: conda's always, pip's when pip installs too. */
function envCaches(withPip: boolean): CacheMount[] {
  return withPip ? [CONDA_PKGS_CACHE, PIP_CACHE] : [CONDA_PKGS_CACHE];
}

function envBlock(r: ResolvedDesign): Block {
  const { design } = r;
  // The unverified (recipe) installer declares no TARGETARCH; the lock's case statement needs it.
  const targetArch = r.lock && design.compat.unverifiedInstaller ? [d.arg('TARGETARCH')] : [];
  const updateBase = design.compat.updateBaseConda ? ['conda update --name base --channel defaults conda'] : [];
  if (design.compat.recipeLayout) {
    return block(
      [r.lock ? 'Build the conda environment from the lock of the target architecture, then the pip packages.' : 'Build the conda environment.'],
      d.env(['ENV_PREFIX', design.paths.envPrefix]),
      ...targetArch,
      d.run(
        ...updateBase,
        ...(r.lock ? lockInstallCommands(r, '$ENV_PREFIX', '$ENV_PREFIX/bin/python', false) : [envCreateCommand(r, '$ENV_PREFIX')]),
        `${r.condaCommand} clean --all --yes`,
      ),
    );
  }
  const caches = [
    "conda's package cache (and pip's) are cache mounts: a rebuild after adding one package downloads only that",
    'package, and no cache lands in the image, so no `conda clean` is needed.',
  ];
  if (r.lock)
    return block(
      [
        'The lock files come first so that editing the project does not reinstall the environment. conda installs the',
        "lock of the target architecture (TARGETARCH from BuildKit, else dpkg's) package for package, checksums",
        'verified, without solving.',
        ...(r.requirementLines.length ? ["pip then installs requirements.txt, each line pinned to the checked version (pip's dependencies are not locked)."] : []),
        ...caches,
      ],
      d.copy(envFiles(r), '/tmp/'),
      ...targetArch,
      d.runWithCaches(envCaches(r.requirementLines.length > 0), ...updateBase, ...lockInstallCommands(r, '"${ENV_PREFIX}"', '"${ENV_PREFIX}/bin/python"', true)),
    );
  return block(
    [
      'The environment files come first so that editing the project does not re-solve the environment.',
      ...(design.gpu.enabled
        ? [`CONDA_OVERRIDE_CUDA lets the solver pick CUDA ${design.gpu.cudaVersion} builds on a machine without a GPU.`]
        : []),
      ...caches,
    ],
    d.copy(envFiles(r), '/tmp/'),
    d.runWithCaches(envCaches(r.requirementLines.length > 0), ...updateBase, envCreateCommand(r, '"${ENV_PREFIX}"')),
  );
}

function postBuildBlock(r: ResolvedDesign): Block | null {
  if (!r.hasPostBuild) return null;
  const { compat } = r.design;
  const activate = r.condaCommand === 'micromamba' ? 'micromamba' : 'conda';
  if (compat.profileActivation) {
    const copy = compat.recipeLayout ? [] : [d.copy(['postBuild'], POSTBUILD_PATH, { chmod: '0755' })];
    return block(
      ['Run postBuild inside the activated environment (JupyterLab extensions and your own steps).'],
      ...copy,
      d.run(`${activate} activate $ENV_PREFIX`, POSTBUILD_PATH, `${activate} deactivate`),
    );
  }
  return block(
    ['Run postBuild as the user, with the environment on PATH (JupyterLab extensions and your own steps).'],
    ...(compat.recipeLayout ? [] : [d.copy(['postBuild'], POSTBUILD_PATH, { chmod: '0755' })]),
    // The recipe layout puts only conda itself on PATH.
    compat.recipeLayout ? d.run(`PATH="$ENV_PREFIX/bin:$PATH" ${POSTBUILD_PATH}`) : d.runWithCaches(envCaches(true), POSTBUILD_PATH),
  );
}

/**
 * The project itself (`pip install -e .`), after the environment and postBuild, so that editing the code re-runs only
 * these two instructions. `--no-deps`: the environment holds the dependencies, and pip must not add unpinned ones
 * behind the solver's back. Owned by the user: an editable install writes its metadata into the source folder.
 */
function projectInstallBlock(r: ResolvedDesign): Block | null {
  const install = r.projectInstall;
  if (!install) return null;
  const recipe = r.design.compat.recipeLayout;
  const args = ['-m', 'pip', 'install', ...(recipe ? ['--no-cache-dir'] : []), '--no-deps', ...(install.editable ? ['--editable'] : []), install.target];
  const pip = `${recipe ? '$ENV_PREFIX/bin/python' : 'python'} ${shellCommand(args)}`;
  return block(
    [
      'The project itself, copied after the environment so that a code change leaves the layers above cached.',
      '.dockerignore keeps data, secrets, VCS and caches out of this COPY. --no-deps: the environment already has the',
      `dependencies. ${install.editable ? 'Editable: the env points at the source here, so mounting the project over it runs your current code.' : 'Not editable: the env holds a copy; rebuild after changing the code.'}`,
      ...(recipe ? [] : ["pip's cache is a cache mount, as above (building the project may download its build backend)."]),
    ],
    d.copy(['.'], recipe ? '$PROJECT_DIR/' : '${PROJECT_DIR}/', { chown: recipe ? '$UID:$GID' : '${uid}:${gid}' }),
    recipe ? d.run(pip) : d.runWithCaches([PIP_CACHE], pip),
  );
}

function runtimeEnvBlock(r: ResolvedDesign): Block | null {
  const { design } = r;
  const vars: Array<readonly [string, string]> = [];
  if (design.gpu.enabled) vars.push(['NVIDIA_VISIBLE_DEVICES', 'all'], ['NVIDIA_DRIVER_CAPABILITIES', 'compute,utility']);
  for (const { name, value } of design.runtime.env) vars.push([name, value]);
  if (vars.length === 0) return null;
  return block(
    [
      design.gpu.enabled
        ? 'Runtime settings; the NVIDIA variables ask the NVIDIA Container Toolkit for the GPUs and CUDA libraries.'
        : 'Runtime settings.',
    ],
    d.env(...vars),
  );
}

function entrypointBlock(r: ResolvedDesign): Block {
  const { design } = r;
  const entrypoint = design.compat.noInit ? [ENTRYPOINT_PATH] : ['/usr/bin/tini', '-g', '--', ENTRYPOINT_PATH];
  const copy = design.compat.recipeLayout ? [] : [d.copy(['docker/entrypoint.sh'], ENTRYPOINT_PATH, { chmod: '0755' })];
  const expose = r.servesJupyter && design.runtime.expose ? [d.expose(design.runtime.port)] : [];
  return block(
    [
      design.compat.noInit
        ? 'The entrypoint activates the environment, then execs the command.'
        : 'tini runs as PID 1 and forwards signals; the entrypoint activates the environment, then execs the command.',
      'Never `conda run` here: it does not forward signals (conda/conda#10351).',
    ],
    ...copy,
    ...expose,
    d.entrypoint(...entrypoint),
    d.cmd(...r.command),
  );
}

/** Builds the typed Dockerfile model for a resolved design. */
export function buildDockerfileModel(r: ResolvedDesign): DockerfileModel {
  const { design } = r;
  const recipe = design.compat.recipeLayout;
  const userSection = recipe ? recipeUserBlocks(r) : recommendedUserBlocks(r);
  const blocks: Array<Block | null> = [
    baseBlock(r),
    shellBlock(r),
    aptBlock(r),
    micromambaBinaryBlock(r),
    ...userSection,
    recipe ? null : block(['Where conda, the environment and the project live.'], ...envPaths(r)),
    recipe ? null : block(['Everything from here on runs as the user (numeric, so Kubernetes can verify it is not root).'], d.user('${uid}:${gid}')),
    installerBlock(r),
    profileActivationBlock(r),
    projectBlock(r),
    envBlock(r),
    postBuildBlock(r),
    projectInstallBlock(r),
    runtimeEnvBlock(r),
    // Last but the entrypoint: editing the name or description must not invalidate the cached layers above.
    labelBlock(r),
    entrypointBlock(r),
  ];
  return {
    directives: [['syntax', 'docker/dockerfile:1']],
    header: [
      `${design.project.name}${design.project.description ? ` — ${design.project.description}` : ''}`,
      'Generated by Condocker. Build: docker build -t ' + design.project.name + ' .',
    ],
    blocks: blocks.filter((b): b is Block => b !== null),
  };
}

/** Generates the Dockerfile. */
export function generateDockerfile(r: ResolvedDesign): GeneratedFile {
  return textFile('Dockerfile', writeDockerfile(buildDockerfileModel(r), { comments: r.design.dockerfile.comments }), 'dockerfile');
}
