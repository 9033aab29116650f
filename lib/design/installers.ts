// Conda installers that Condocker can put into a generated Dockerfile, with the
// SHA-256 of each installer file where a public source for it was found.
//
// These checksums were not computed here; they were copied from public files.
// A wrong one would break every generated build, so the rules were:
//   * a checksum is listed only if the publisher printed it (conda-docs hash list),
//     or two or more unrelated public files pin the same value, or a verbatim
//     copy of a publisher-maintained, checksum-verified recipe pins it;
//   * a checksum found in only one ordinary file is left out (the arch is simply
//     absent from `sha256`), and the comment says so.
// "index id" below is the id of a stored copy of a public GitHub file in the
// research index used to find these; it is kept so the lookup can be repeated.

/** CPU architectures as Docker's TARGETARCH names them, and as installer file names spell them. */
export const ARCHES = { amd64: 'x86_64', arm64: 'aarch64' } as const;
/** A CPU architecture as Docker's TARGETARCH names it. */
export type DockerArch = keyof typeof ARCHES;
/** The installers Condocker knows how to write into a Dockerfile. */
export type InstallerId = 'miniforge' | 'micromamba' | 'miniconda';

/** One published version of an installer and the checksums known for it. */
export interface InstallerRelease {
  version: string;
  /** sha256 per Docker arch, only where the publisher's checksum was found in a primary source. */
  sha256: Partial<Record<DockerArch, string>>;
  /** Where the checksums came from (URL or repo/path), for the record. */
  source?: string;
  /** The architectures the publisher built, when not all of them (old releases were x86_64 only). */
  arches?: DockerArch[];
}

/** What Condocker needs to know to download and verify one installer. */
export interface InstallerInfo {
  id: InstallerId;
  label: string; // 'Miniforge', 'micromamba', 'Miniconda'
  /** Download URL of the installer for a version and an installer arch name (x86_64/aarch64). */
  url: (version: string, arch: (typeof ARCHES)[DockerArch]) => string;
  defaultVersion: string;
  releases: InstallerRelease[]; // newest first; defaultVersion must be among them
  channelsIncluded: string[]; // channels its default .condarc uses ('conda-forge' for miniforge; 'defaults' for miniconda)
  docs: string; // URL of its docs
}

// --- Miniforge -------------------------------------------------------------
// Publisher: https://github.com/conda-forge/miniforge/releases — every release
// ships `Miniforge3-<ver>-Linux-<arch>.sh` plus a `.sha256` file next to it
// (conda-forge/miniforge README.md, "Release": "One installer with the version
// name / One installer without the version name / The SHA256").
const MINIFORGE_RELEASES: InstallerRelease[] = [
  {
    version: '26.7.2-0',
    sha256: {
      // Same value in 6+ unrelated files, e.g. a Dockerfile whose comment says it is
      // "from the release *.sh.sha256 assets" (index ids 69548680285, 71123833374), a
      // provisioning manifest (66797649168), a Terraform test (70113609209), a Nix
      // manifest with size 124514161 (71009660859), and a note that the release asset
      // digest and the `.sha256` file agree (69486717384).
      amd64: '281b0ac7d550802efc81af633225a5e6116d29ae72f3ab4eae7168c3931a4c05',
      // Same value in 5+ unrelated files: index ids 69548680285, 66797649168,
      // 70183787334, 67355335370, 69298270386, 71462626637.
      arm64: '89b786c8d2c8b0fda7553914c1314ae4ddaa094503802f279377b19ac4463cb2',
    },
    source:
      'https://github.com/conda-forge/miniforge/releases/download/26.7.2-0/Miniforge3-26.7.2-0-Linux-<arch>.sh.sha256, as pinned in several independent public Dockerfiles/scripts (see comments)',
  },
  {
    version: '25.11.0-1',
    sha256: {
      // AUR package `miniforge` PKGBUILD pkgver=25.11.0.1 (index id 11356163482), plus
      // 4 unrelated scripts/docs (index ids 67369945955, 67164049373, 69364219919, 63558233333).
      amd64: 'be1bad9d4e67a8753eb76fb4940e9a08036786675c7adf060627e55791bf110d',
      // AUR package `miniforge` PKGBUILD pkgver=25.11.0.1 (index id 11356163482): a
      // packaging recipe whose makepkg build verifies this hash against the download.
      arm64: '43a3783f9e121088f1c92b131b4305b9ebf159424ad2543dfcfc0f1952b5e127',
    },
    source: 'AUR miniforge PKGBUILD (sha256sums_x86_64 / sha256sums_aarch64), pkgver=25.11.0.1',
  },
  {
    version: '25.3.1-0',
    sha256: {
      // AUR `miniforge` PKGBUILD pkgver=25.3.1.0 (index id 10519113019) and 8+ other
      // files, one recording size 93,870,801 bytes and the `.sha256` sidecar (71077556562).
      amd64: '376b160ed8130820db0ab0f3826ac1fc85923647f75c1b8231166e3d559ab768',
      // AUR `miniforge` PKGBUILD (10519113019) and an unrelated NVIDIA offline-cache
      // script that checks it with `sha256sum --check` (67510357538, 67422941874).
      arm64: 'a57c9e3d6c0c449c0283fd07e0bfa30d95eb8d547a14e8dc06c606405d01a7f0',
    },
    source: 'AUR miniforge PKGBUILD pkgver=25.3.1.0, corroborated by independent pins (see comments)',
  },
];

// --- Miniconda -------------------------------------------------------------
// Publisher: https://repo.anaconda.com/miniconda/ (file names are
// `Miniconda3-<pyXY_version>-Linux-<arch>.sh`). The version string Condocker
// stores therefore includes the Python tag, e.g. 'py312_25.1.1-2'.
const MINICONDA_RELEASES: InstallerRelease[] = [
  {
    version: 'py313_26.3.2-2',
    sha256: {
      // 3+ unrelated files (index ids 56834772488, 60842289440), and a quote of
      // repo.anaconda.com/miniconda/.files.json for Miniconda3-latest-Linux-x86_64.sh
      // (size 163179296) while latest was this build (55861966831).
      amd64: '2284bafb7863a23411b19874d216e237964d4b32dd9beb6807fa8b2d84570961',
      // arm64 left out: 81a5e828… was found in one file only (index id 56834772488).
    },
    source: 'independent public pins of Miniconda3-py313_26.3.2-2-Linux-x86_64.sh (see comments)',
  },
  {
    version: 'py313_26.1.1-1',
    sha256: {
      // Two unrelated files: an installer script (index ids 51836359370, 51767357941)
      // and a Dockerfile (52943001978, where it is mislabelled MINICONDA_MD5).
      amd64: 'f6dfb5b59614fd7b2956b240b2575a9d58203ec7f7a99f85128158a0fdc5c1d7',
      // arm64 left out: 07c82b5a… was found in one project only.
    },
    source: 'independent public pins of Miniconda3-py313_26.1.1-1-Linux-x86_64.sh (see comments)',
  },
  {
    version: 'py312_25.1.1-2',
    sha256: {
      // spack/spack-packages builtin/packages/miniconda3/package.py ("25.1.1", index id
      // 55826878802) and 8+ Dockerfiles/scripts that run `sha256sum --check` on it.
      amd64: '4766d85b5f7d235ce250e998ebb5a8a8210cbd4f2b0fea4d2177b3ed9ea87884',
      // A verbatim copy of the ContinuumIO/docker-images miniconda3/debian Dockerfile
      // recipe (renovate-managed INSTALLER_URL_*/SHA256SUM_* pairs, checked with
      // `sha256sum --check`) at py312_25.1.1-2 (index id 6323246706).
      arm64: '6d05b9f9b7f327b90797a4cf56d68c81578bab2f63257a3e7a8b72cb0f0e4b5d',
    },
    source:
      'ContinuumIO/docker-images miniconda3/debian/Dockerfile recipe (SHA256SUM_LINUX64 / SHA256SUM_AARCH64), as copied into a public setup script; x86_64 also in spack miniconda3 package.py',
  },
  {
    // The 2020 names: from 4.8.2 on, Anaconda published only python-tagged files
    // (py37_/py38_). There is no `Miniconda3-4.8.2-Linux-x86_64.sh` in the
    // publisher's hash list, so the old `Miniconda3-$MINICONDA_VERSION-...` recipe
    // with MINICONDA_VERSION=4.8.2 would 404; use one of these two instead.
    version: 'py38_4.8.2',
    arches: ['amd64'],
    sha256: {
      // conda/conda-docs docs/source/miniconda_hashes.rst @07d42a7ea6bff9be08d5db9ffcb5bc1eca3cddfa:
      // "Miniconda3-py38_4.8.2-Linux-x86_64.sh 85.7 MiB 2020-03-11 10:39:44".
      amd64: '5bbb193fd201ebe25f4aeb3c58ba83feced6a25982ef4afa86d5506c3656c142',
      // No Linux aarch64 installer existed for 4.8.2 (not in the publisher's list).
    },
    source:
      'https://github.com/conda/conda-docs/blob/07d42a7ea6bff9be08d5db9ffcb5bc1eca3cddfa/docs/source/miniconda_hashes.rst',
  },
  {
    version: 'py37_4.8.2',
    arches: ['amd64'],
    sha256: {
      // Same publisher list: "Miniconda3-py37_4.8.2-Linux-x86_64.sh 81.1 MiB 2020-03-11 10:37:27".
      // This was also "Miniconda3-latest-Linux-x86_64.sh" in conda-docs miniconda.rst at the time.
      amd64: '957d2f0f0701c3d1335e3b39f235d197837ad69a944fa6f5d8ad2c686b69df3b',
    },
    source:
      'https://github.com/conda/conda-docs/blob/07d42a7ea6bff9be08d5db9ffcb5bc1eca3cddfa/docs/source/miniconda_hashes.rst',
  },
];

// --- micromamba (static binary) ----------------------------------------------
// Publisher: https://github.com/mamba-org/micromamba-releases/releases — bare
// executables named `micromamba-linux-64` and `micromamba-linux-aarch64`.
const MICROMAMBA_RELEASES: InstallerRelease[] = [
  {
    version: '2.9.0-0',
    sha256: {
      // 10+ unrelated files, e.g. a Python module "taken from the GitHub release API"
      // (index id 62577270501), a Rust table with size 18_292_808 (71435705573), and
      // several Dockerfiles keyed on TARGETARCH (68342534581, 68440235175).
      amd64: '366cd9cd8be14df1ab8ed50352a82111082a36686b2d389fdb79a92c3fafb3e3',
      // 8+ unrelated files: 62577270501, 71435705573 (size 22_020_296), 68342534581,
      // 67355952868, 69385989064, 70291004517, 66536093045.
      arm64: '9f93b974adcb4d166996af969b6cd371287d1a3e52733704727884d9b74cb7a7',
    },
    source:
      'https://github.com/mamba-org/micromamba-releases/releases/tag/2.9.0-0 (release asset digests), as pinned in many independent public files (see comments)',
  },
];

/** Every installer Condocker supports, keyed by id. */
export const INSTALLERS: Record<InstallerId, InstallerInfo> = {
  miniforge: {
    id: 'miniforge',
    label: 'Miniforge',
    url: (version, arch) =>
      `https://github.com/conda-forge/miniforge/releases/download/${version}/Miniforge3-${version}-Linux-${arch}.sh`,
    defaultVersion: '26.7.2-0',
    releases: MINIFORGE_RELEASES,
    // Miniforge3/construct.yaml: `channels: [conda-forge]` with `write_condarc: True`;
    // README: "conda-forge set as the default (and only) channel".
    channelsIncluded: ['conda-forge'],
    docs: 'https://github.com/conda-forge/miniforge',
  },
  micromamba: {
    id: 'micromamba',
    label: 'micromamba',
    // The release assets use conda's subdir spelling: linux-64 for x86_64.
    url: (version, arch) =>
      `https://github.com/mamba-org/micromamba-releases/releases/download/${version}/micromamba-linux-${arch === 'x86_64' ? '64' : 'aarch64'}`,
    defaultVersion: '2.9.0-0',
    releases: MICROMAMBA_RELEASES,
    // "There is also no pre-configured .condarc/.mambarc shipped with micromamba"
    // (micromamba-installation docs), and the mambaorg/micromamba image writes none;
    // since 2.0 micromamba falls back to conda-forge when no channel is configured
    // (mamba-org/mamba#2698, #2758). Generated files should still list channels.
    channelsIncluded: ['conda-forge'],
    docs: 'https://mamba.readthedocs.io/en/latest/installation/micromamba-installation.html',
  },
  miniconda: {
    id: 'miniconda',
    label: 'Miniconda',
    url: (version, arch) => `https://repo.anaconda.com/miniconda/Miniconda3-${version}-Linux-${arch}.sh`,
    // The newest build for which both Linux checksums met the rules above.
    defaultVersion: 'py312_25.1.1-2',
    releases: MINICONDA_RELEASES,
    // Anaconda's defaults (pkgs/main, pkgs/r); since July 2025 these need ToS acceptance
    // (CONDA_PLUGINS_AUTO_ACCEPT_TOS=yes or `conda tos accept`) in non-interactive builds.
    channelsIncluded: ['defaults'],
    docs: 'https://www.anaconda.com/docs/getting-started/miniconda/install',
  },
};

/** The release entry for an installer version, if Condocker knows it. */
export function findRelease(id: InstallerId, version: string): InstallerRelease | undefined {
  return INSTALLERS[id].releases.find((release) => release.version === version);
}

/** micromamba Docker image pinned by digest, if a digest was found in a primary source (else digest undefined). */
export const MICROMAMBA_IMAGE: {
  repository: 'mambaorg/micromamba';
  tag: string;
  digest?: string;
  binaryPath: string;
  source?: string;
} = {
  repository: 'mambaorg/micromamba',
  // '2.9.0' is used with the same digests as '2.9.0-debian13-slim' in public files, so
  // it is the Debian slim variant. It is a rolling tag: mamba-org/micromamba-docker
  // docs/tags.rst says tags without "git" "get reassigned to new images each time
  // these images are built" and recommends pinning the sha256 digest.
  tag: '2.9.0',
  // Left undefined on purpose. Public files pin three different digests for this tag
  // (e0a99b0f…, b62ed0c5…, 5681ae3c…) because the tag is rebuilt, one of them is
  // explicitly a linux/amd64 platform manifest, and no mamba-org file publishes the
  // multi-arch index digest. A single-platform digest would break arm64 builds.
  digest: undefined,
  // debian.Dockerfile: ENV MAMBA_EXE="/bin/micromamba", MAMBA_ROOT_PREFIX="/opt/conda",
  // ENV_NAME="base", MAMBA_USER=mambauser (uid/gid 57439); ENTRYPOINT
  // /usr/local/bin/_entrypoint.sh, SHELL /usr/local/bin/_dockerfile_shell.sh
  // (activates $ENV_NAME in RUN only when ARG MAMBA_DOCKERFILE_ACTIVATE=1).
  binaryPath: '/bin/micromamba',
  source: 'https://github.com/mamba-org/micromamba-docker (debian.Dockerfile, _entrypoint.sh, _activate_current_env.sh, docs/tags.rst)',
};
