// What Condocker knows about the commands a RUN calls: which Debian and conda-forge package provides each one, and
// which of those packages each known base image lacks. Checked on KNOWLEDGE_DATE; commands-data.test.ts keeps the
// tables consistent with each other and with BASE_IMAGES.
//
// Sources:
// - Debian package of each command: `dpkg -S /usr/bin/<command>` on Debian 12 (bookworm) and packages.debian.org;
//   every package below is Priority optional or standard, so no Debian minbase (what the official images are built
//   from: Priority required plus apt) contains it.
// - Image contents: docker-library/repo-info, the package list of each official image,
//   https://github.com/docker-library/repo-info/blob/master/repos/ubuntu/local/24.04.md and
//   https://github.com/docker-library/repo-info/blob/master/repos/debian/local/bookworm-slim.md (ubuntu:24.04 ships
//   procps, gpgv, perl-base; neither ships curl, wget, git, unzip, xz-utils (only liblzma5), bzip2 (only libbz2-1.0)
//   nor gpg (only gpgv)).
// - NVIDIA CUDA images: their base Dockerfile installs gnupg2, curl and ca-certificates for the CUDA keyring, then
//   purges curl (gitlab.com/nvidia/container-images/cuda, dist/*/ubuntu2404/base/Dockerfile).
// - conda-forge packages: https://anaconda.org/conda-forge/<name> (each puts the command into the env's bin/).

/** Where a command comes from. */
export interface CommandProvider {
  /** The Debian/Ubuntu package that installs it (also its name in Ubuntu). */
  debian: string;
  /** The conda-forge package that puts it into the environment's bin/, if there is one. */
  conda?: string;
}

/**
 * Commands a RUN or postBuild often calls that minimal base images lack. Only these are checked: a command not
 * listed here is never reported, so the table may be incomplete but must not be wrong. `adduser` is left to CD004.
 */
export const COMMAND_PROVIDERS: Readonly<Record<string, CommandProvider>> = {
  curl: { debian: 'curl', conda: 'curl' },
  wget: { debian: 'wget', conda: 'wget' },
  git: { debian: 'git', conda: 'git' },
  unzip: { debian: 'unzip', conda: 'unzip' },
  zip: { debian: 'zip', conda: 'zip' },
  make: { debian: 'make', conda: 'make' },
  gcc: { debian: 'gcc', conda: 'gcc' },
  // /usr/bin/cc and c++ are alternatives that gcc and g++ register; conda's compilers set $CC/$CXX instead.
  cc: { debian: 'gcc' },
  'g++': { debian: 'g++', conda: 'gxx' },
  'c++': { debian: 'g++' },
  ssh: { debian: 'openssh-client', conda: 'openssh' },
  scp: { debian: 'openssh-client', conda: 'openssh' },
  rsync: { debian: 'rsync', conda: 'rsync' },
  xz: { debian: 'xz-utils', conda: 'xz' },
  unxz: { debian: 'xz-utils', conda: 'xz' },
  bzip2: { debian: 'bzip2', conda: 'bzip2' },
  bunzip2: { debian: 'bzip2', conda: 'bzip2' },
  // Debian 10+ and Ubuntu 18.04+ have /usr/bin/gpg in package gpg (the gnupg metapackage depends on it).
  gpg: { debian: 'gpg', conda: 'gnupg' },
  jq: { debian: 'jq', conda: 'jq' },
};

const EVERY_PACKAGE = [...new Set(Object.values(COMMAND_PROVIDERS).map((p) => p.debian))];
// Ubuntu releases whose package list was not checked here: only the packages that no Ubuntu image has ever shipped
// (optional, outside ubuntu-minimal). gpg (16.04's apt needed gnupg), xz-utils, bzip2 and openssh-client stay unknown.
const NOT_IN_ANY_UBUNTU_IMAGE = ['curl', 'wget', 'git', 'unzip', 'zip', 'make', 'gcc', 'g++', 'rsync', 'jq'];

/**
 * The Debian packages of COMMAND_PROVIDERS that each known base image does not ship, by BASE_IMAGES image. A base
 * missing here (or a custom image) is unknown: nothing is reported for it.
 */
export const BASE_IMAGE_LACKS: Readonly<Record<string, readonly string[]>> = {
  // Checked against the repo-info package list.
  'ubuntu:24.04': EVERY_PACKAGE,
  'debian:12-slim': EVERY_PACKAGE,
  // Debian images are minbase (Priority required + apt) in every release, and no package above is required.
  'debian:13-slim': EVERY_PACKAGE,
  'debian:11-slim': EVERY_PACKAGE,
  'nvidia/cuda:12.8.1-runtime-ubuntu24.04': EVERY_PACKAGE.filter((pkg) => pkg !== 'gpg'),
  'nvidia/cuda:12.6.3-runtime-ubuntu24.04': EVERY_PACKAGE.filter((pkg) => pkg !== 'gpg'),
  'ubuntu:26.04': NOT_IN_ANY_UBUNTU_IMAGE,
  'ubuntu:22.04': NOT_IN_ANY_UBUNTU_IMAGE,
  'ubuntu:20.04': NOT_IN_ANY_UBUNTU_IMAGE,
  'ubuntu:18.04': NOT_IN_ANY_UBUNTU_IMAGE,
  'ubuntu:16.04': NOT_IN_ANY_UBUNTU_IMAGE,
};

/**
 * Debian packages that install others of COMMAND_PROVIDERS through their Depends (always) or Recommends (unless
 * --no-install-recommends). From `apt-cache show` on Debian 12.
 */
export const APT_PACKAGE_BRINGS: Readonly<Record<string, { depends: readonly string[]; recommends?: readonly string[] }>> = {
  'build-essential': { depends: ['gcc', 'g++', 'make'] },
  gnupg: { depends: ['gpg'] },
  gnupg2: { depends: ['gpg'] },
  git: { depends: [], recommends: ['openssh-client'] },
};

/**
 * Debian packages known to bring none of the commands above. When an earlier apt-get install names any other
 * package, its dependencies are unknown here, so a missing command is only a warning.
 */
export const APT_PACKAGES_WITHOUT_TOOLS: ReadonlySet<string> = new Set([
  'ca-certificates', 'tini', 'adduser', 'locales', 'tzdata', 'sudo', 'less', 'vim', 'nano', 'procps',
  ...EVERY_PACKAGE, ...Object.keys(APT_PACKAGE_BRINGS),
]);

/**
 * Commands the base environment of Miniforge or Miniconda may already have on PATH (bzip2 and xz come with its
 * python). Condocker does not rely on them, but does not call them missing either.
 */
export const CONDA_BASE_MAY_PROVIDE: ReadonlySet<string> = new Set(['xz', 'unxz', 'bzip2', 'bunzip2']);
