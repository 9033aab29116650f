import { findBaseImage, type BaseImageInfo } from './base-images';
import { INSTALLERS, findRelease, type DockerArch, type InstallerInfo, type InstallerRelease } from './installers';
import { lockInputsOf, lockStateOf, type LockState } from './lock';
import type { Lock } from './lock-schema';
import type { Design } from './schema';
import { condaSpecName } from '@/lib/specs/conda-spec';
import { formatPipLine, parsePipLine, type PipLine } from '@/lib/specs/pip-requirement';

/** The values every generator needs, derived once from a design. */
export interface ResolvedDesign {
  design: Design;
  installer: InstallerInfo;
  installerVersion: string;
  /** The known release of that version (with checksums), if Condocker has it. */
  release?: InstallerRelease;
  /** Docker architectures to build, from the platforms. */
  arches: DockerArch[];
  /** Are published checksums known for every architecture built, so the download can be verified? */
  checksumsKnown: boolean;
  /** micromamba, or conda for Miniforge and Miniconda. */
  condaCommand: 'conda' | 'micromamba';
  /** Where that command is installed in the image, as a shell word (may reference ${CONDA_DIR}). */
  condaExecutable: string;
  /** Conda dependencies in environment.yml order: python pin, packages, pip when pip packages exist. */
  condaDependencies: string[];
  /** requirements.txt lines: index options first, then the requirements (pinned to the lock's versions with a lock). */
  requirementLines: string[];
  /** The design's lock when it is fresh: the generators install it. A stale lock is left out here (lint flags it). */
  lock?: Lock;
  /** none, fresh or stale (with what changed since locking). */
  lockState: LockState;
  /** Debian packages in the apt layer: what the recipe needs, then the user's. */
  aptPackages: string[];
  /** The container's default command (exec form). */
  command: string[];
  /** Does the default command serve Jupyter on the port? */
  servesJupyter: boolean;
  /** Is a postBuild script generated? */
  hasPostBuild: boolean;
  /** Known facts about the base image, if Condocker knows it. */
  baseImage?: BaseImageInfo;
  /** The user's home directory in the image: /home/<name>. */
  homeDir: string;
  /** The project directory with `$HOME` expanded. */
  projectDir: string;
  /** The environment prefix with `$HOME` expanded. */
  envPrefix: string;
  /** Is the env inside the project directory, where a bind mount of the project would hide it? */
  envInsideProject: boolean;
  /**
   * The project itself, when the design installs it: pip's target (`.` or `.[dev,test]`, relative to the project
   * directory, where the source is copied) and whether the install is editable.
   */
  projectInstall?: { target: string; editable: boolean };
  /** Bind mounts for compose, make and devcontainers that never hide the env. */
  bindMounts: Array<{ source: string; target: string }>;
}

/** Where the recommended layout installs the static micromamba binary, for every user. */
export const MICROMAMBA_BINARY = '/usr/local/bin/micromamba';

// With the env inside the project directory, mounting the whole project would hide the env, so the recipe's
// README mounted working sub-folders instead.
const WORK_FOLDERS = ['notebooks', 'data', 'src'];

/**
 * Replaces a leading `$HOME` with the user's home directory, and a leading `$PWD` with nothing: Docker substitutes
 * only variables set by ENV/ARG, and no image sets PWD, so the recipe's `$PWD/env` really is `/env`.
 * @example expandHome('$HOME/app', '/home/me') // => '/home/me/app'
 */
export function expandHome(path: string, homeDir: string): string {
  if (path.startsWith('$HOME')) return homeDir + path.slice('$HOME'.length);
  return path.startsWith('$PWD') ? path.slice('$PWD'.length) : path;
}

function commandFor(design: Design): string[] {
  const port = String(design.runtime.port);
  switch (design.runtime.command) {
    case 'jupyterlab':
      return design.compat.recipeLayout
        ? ['jupyter', 'lab', '--no-browser', '--ip', '0.0.0.0']
        : ['jupyter', 'lab', '--no-browser', '--ip=0.0.0.0', `--port=${port}`];
    case 'notebook':
      return ['jupyter', 'notebook', '--no-browser', '--ip=0.0.0.0', `--port=${port}`];
    case 'bash':
      return ['bash'];
    case 'python':
      return ['python'];
    case 'custom':
      return [...design.runtime.customCommand];
  }
}

/** A plain requirement pinned to the version the lock checked (`==`), extras and marker kept; others unchanged. */
function pinnedTo(line: PipLine, version: string | undefined): PipLine {
  if (!version || line.kind !== 'requirement' || line.url !== undefined || line.hashes.length > 0) return line;
  return { ...line, specifier: `==${version}` };
}

function requirementLinesFor(design: Design, lock?: Lock): string[] {
  const { indexUrl, extraIndexUrls, packages } = design.pip;
  if (packages.length === 0) return [];
  const versions = new Map((lock?.pip ?? []).map((entry) => [entry.line, entry.version]));
  const parsed = packages.flatMap((text) => {
    const result = parsePipLine(text);
    return result.ok ? [pinnedTo(result.line, versions.get(text))] : [];
  });
  const isOption = (line: PipLine) => line.kind === 'option';
  // pip reads options anywhere, but people read files top-down: index options first, as DESIGN.md asks.
  return [
    ...(indexUrl ? [`--index-url ${indexUrl}`] : []),
    ...extraIndexUrls.map((url) => `--extra-index-url ${url}`),
    ...parsed.filter(isOption).map(formatPipLine),
    ...parsed.filter((line) => !isOption(line)).map(formatPipLine),
  ];
}

function condaDependenciesFor(design: Design): string[] {
  const { pythonVersion, packages } = design.conda;
  // Installing the project runs pip too.
  const hasPip = design.pip.packages.length > 0 || design.project.install.enabled;
  const names = new Set(packages.map(condaSpecName));
  return [
    ...(pythonVersion ? [`python=${pythonVersion}`] : []),
    ...packages,
    // conda warns and may pick another pip when pip packages exist but pip is not a dependency; the project
    // install needs the env's own pip (and so its python), not whatever pip is on PATH.
    ...(hasPip && !names.has('pip') ? ['pip'] : []),
  ];
}

function aptPackagesFor(design: Design): string[] {
  // The recipe relied on wget being in the base image (ubuntu:16.04 has none); lint says so and offers the fix.
  // Every verified download (the installer, or micromamba's binary) runs curl: official images ship none.
  const downloader = design.compat.unverifiedInstaller ? [] : ['ca-certificates', 'curl'];
  const init = design.compat.noInit ? [] : ['tini'];
  const needed = [...downloader, ...init];
  return [...needed, ...design.apt.packages.filter((pkg) => !needed.includes(pkg))];
}

function projectInstallFor(design: Design): { target: string; editable: boolean } {
  const { editable, extras } = design.project.install;
  return { target: extras.length ? `.[${extras.join(',')}]` : '.', editable };
}

/** Derives everything the generators share from a validated design. */
export function resolveDesign(design: Design): ResolvedDesign {
  const installer = INSTALLERS[design.conda.installer];
  const installerVersion = design.conda.installerVersion || installer.defaultVersion;
  const homeDir = `/home/${design.user.name}`;
  const release = findRelease(installer.id, installerVersion);
  const arches = design.base.platforms.map((platform) => platform.replace('linux/', '') as DockerArch);
  const projectDir = expandHome(design.paths.projectDir, homeDir);
  const envPrefix = expandHome(design.paths.envPrefix, homeDir);
  const envInsideProject = envPrefix === projectDir || envPrefix.startsWith(`${projectDir}/`);
  const condaDependencies = condaDependenciesFor(design);
  const lockState = lockStateOf(design, lockInputsOf(design, condaDependencies));
  const lock = lockState.kind === 'fresh' ? lockState.lock : undefined;
  return {
    design,
    installer,
    installerVersion,
    release,
    arches,
    checksumsKnown: arches.every((arch) => Boolean(release?.sha256[arch])),
    condaCommand: installer.id === 'micromamba' ? 'micromamba' : 'conda',
    condaExecutable:
      installer.id !== 'micromamba'
        ? '${CONDA_DIR}/bin/conda'
        : design.compat.unverifiedInstaller
          ? '${CONDA_DIR}/bin/micromamba'
          : MICROMAMBA_BINARY,
    condaDependencies,
    requirementLines: requirementLinesFor(design, lock),
    ...(lock ? { lock } : {}),
    lockState,
    ...(design.project.install.enabled ? { projectInstall: projectInstallFor(design) } : {}),
    aptPackages: aptPackagesFor(design),
    command: commandFor(design),
    servesJupyter: design.runtime.command === 'jupyterlab' || design.runtime.command === 'notebook',
    hasPostBuild: design.postBuild.jupyterExtensions.length > 0 || design.postBuild.script.trim() !== '',
    baseImage: findBaseImage(design.base.image),
    homeDir,
    projectDir,
    envPrefix,
    envInsideProject,
    bindMounts: envInsideProject
      ? WORK_FOLDERS.map((folder) => ({ source: `./${folder}`, target: `${projectDir}/${folder}` }))
      : [{ source: '.', target: projectDir }],
  };
}

