import { KNOWLEDGE_DATE } from '@/lib/design/base-images';
import { findRelease } from '@/lib/design/installers';
import type { ResolvedDesign } from '@/lib/design/resolve';
import type { Design } from '@/lib/design/schema';
import { generateFiles } from '@/lib/generators';
import type { GeneratedFile } from '@/lib/generators/types';
import { condaForgeAlternative, hasCondaForgeChannel } from '@/lib/mapping/conda-alternative';
import { condaNamesForPypi } from '@/lib/mapping/pypi-conda';
import { parseCondaSpec } from '@/lib/specs/conda-spec';
import { normalizePipName, parsePipLine } from '@/lib/specs/pip-requirement';
import { BASE_IMAGE_LACKS } from './commands-data';
import { findMissingCommands } from './commands';
import type { Finding, Fix, Severity } from './types';

/** Where a design finding points in the generated files: the first line that matches. */
export interface LineHint {
  file: string;
  match: RegExp;
}

/** A design finding before the engine turns its line hint into a line number. */
export type DesignFinding = Omit<Finding, 'line'> & { at?: LineHint };

/** A design rule: its ID, what it is about, and the check. */
export interface DesignRule {
  id: string;
  title: string;
  /** `files` are the design's generated files, for rules that read what the design generates. */
  check: (r: ResolvedDesign, files: readonly GeneratedFile[]) => DesignFinding[];
}

const RECOMMENDED_IMAGE = 'ubuntu:24.04';
const RECOMMENDED_PYTHON = '3.12';
// Python versions past end of life on KNOWLEDGE_DATE (python.org/downloads, "Status of Python versions").
const PYTHON_END_OF_LIFE: Record<string, string> = {
  '3.6': '2021-12-23', '3.7': '2023-06-27', '3.8': '2024-10-07', '3.9': '2025-10-31',
};
const GPU_PACKAGES = new Set(['cupy', 'cuda-version', 'cudatoolkit', 'pytorch-gpu', 'tensorflow-gpu', 'jaxlib-cuda', 'cuda-runtime']);

const fix = (label: string, ...changes: Fix['changes']): Fix => ({ label, changes });
const set = (path: Array<string | number>, value: unknown) => ({ path, value });

function finding(
  rule: DesignRule['id'],
  severity: Severity,
  message: string,
  why: string,
  source: Finding['source'],
  extra: Partial<DesignFinding> = {},
): DesignFinding {
  return { rule, severity, message, why, source, ...extra };
}

/**
 * Leaving the recipe layout: a `$PWD` env prefix is valid only there (the schema refuses it elsewhere), so the same
 * fix moves the env to where CD030 would, or the layout fix would be refused.
 */
function recipeLayoutOff(design: Design): Fix['changes'] {
  return [
    set(['compat', 'recipeLayout'], false),
    ...(design.paths.envPrefix.startsWith('$PWD') ? [set(['paths', 'envPrefix'], envInCondaRoot(design))] : []),
  ];
}

/** `<conda root>/envs/<project>`: where conda puts named envs, owned by the user, outside the project directory. */
function envInCondaRoot(design: Design): string {
  return `${design.paths.condaRoot}/envs/${design.project.name.replace(/[^A-Za-z0-9_.-]/g, '-')}`;
}

function condaNames(design: Design): Map<string, number> {
  const names = new Map<string, number>();
  design.conda.packages.forEach((spec, index) => {
    const parsed = parseCondaSpec(spec);
    if (parsed.ok) names.set(parsed.spec.name, index);
  });
  return names;
}

function pythonMinor(design: Design): string | undefined {
  if (design.conda.pythonVersion) return design.conda.pythonVersion;
  for (const spec of design.conda.packages) {
    const parsed = parseCondaSpec(spec);
    if (parsed.ok && parsed.spec.name === 'python') return parsed.spec.version?.match(/(\d+\.\d+)/)?.[1];
  }
  return undefined;
}

/** The conda version an installer release ships, when its version says so (Miniforge X.Y, Miniconda pyXY_A.B). */
function bundledCondaVersion(r: ResolvedDesign): number | undefined {
  if (r.installer.id === 'micromamba') return undefined;
  const match = r.installerVersion.match(/(?:^|_)(\d+)\.(\d+)/);
  return match ? Number(match[1]) + Number(match[2]) / 100 : undefined;
}

const SOURCES = {
  condaExplicit: { title: 'conda docs: Building identical conda environments (explicit specification files)', url: 'https://docs.conda.io/projects/conda/en/latest/user-guide/tasks/manage-environments.html#building-identical-conda-environments' },
  ubuntuCycle: { title: 'Ubuntu release cycle', url: 'https://ubuntu.com/about/release-cycle' },
  debianReleases: { title: 'Debian releases', url: 'https://wiki.debian.org/DebianReleases' },
  repo2docker1346: { title: 'jupyterhub/repo2docker#1346: ubuntu:24.04 has a user with UID 1000', url: 'https://github.com/jupyterhub/repo2docker/issues/1346' },
  condaTos: { title: 'Anaconda: conda Terms of Service plugin (CONDA_PLUGINS_AUTO_ACCEPT_TOS)', url: 'https://www.anaconda.com/docs/getting-started/tos-plugin' },
  minicondaFiles: { title: 'conda-docs: Miniconda hashes (4.8.2 and later only as py37_/py38_… files)', url: 'https://github.com/conda/conda-docs/blob/main/docs/source/miniconda_hashes.rst' },
  dockerEnvSubstitution: { title: 'Dockerfile reference: environment replacement (only ENV and ARG variables)', url: 'https://docs.docker.com/reference/dockerfile/#environment-replacement' },
  dockerignore: { title: 'Docker docs: .dockerignore files', url: 'https://docs.docker.com/build/concepts/context/#dockerignore-files' },
  condaForce: { title: 'conda 24.3.0 changelog: conda env create --force removed (NVIDIA/cudf#15403)', url: 'https://github.com/conda/conda/blob/main/CHANGELOG.md#2430-2024-03-12' },
  dockerTags: { title: 'Docker docs: image tags and digests', url: 'https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier' },
  miniforge: { title: 'conda-forge/miniforge releases (each with a .sha256)', url: 'https://github.com/conda-forge/miniforge/releases' },
  condaCuda: { title: 'conda-forge docs: installing CUDA builds without a GPU (CONDA_OVERRIDE_CUDA)', url: 'https://conda-forge.org/docs/user/tipsandtricks/#installing-cuda-enabled-packages-like-tensorflow-and-pytorch' },
  pytorchChannel: { title: 'pytorch/pytorch#138506: no more conda packages on the pytorch channel after 2.5', url: 'https://github.com/pytorch/pytorch/issues/138506' },
  condaRun: { title: 'conda/conda#10351: conda run does not forward signals', url: 'https://github.com/conda/conda/issues/10351' },
  pipInConda: { title: 'conda docs: using pip in an environment', url: 'https://docs.conda.io/projects/conda/en/latest/user-guide/tasks/manage-environments.html#using-pip-in-an-environment' },
  pipPins: { title: 'pip docs: repeatable installs', url: 'https://pip.pypa.io/en/stable/topics/repeatable-installs/' },
  pythonVersions: { title: 'Python: status of Python versions', url: 'https://devguide.python.org/versions/' },
  tini: { title: 'krallin/tini: why an init process', url: 'https://github.com/krallin/tini#why-tini' },
  bindMounts: { title: 'Docker docs: bind mounts hide what the image has at the target', url: 'https://docs.docker.com/engine/storage/bind-mounts/#mount-into-a-non-empty-directory-on-the-container' },
  expose: { title: 'Dockerfile reference: EXPOSE', url: 'https://docs.docker.com/reference/dockerfile/#expose' },
  labextension: { title: 'JupyterLab 4 changelog: jupyter labextension install removed', url: 'https://jupyterlab.readthedocs.io/en/latest/extension/extension_migration.html' },
  matchSpec: { title: 'conda docs: package match specifications', url: 'https://docs.conda.io/projects/conda/en/latest/user-guide/concepts/pkg-specs.html#package-match-specifications' },
  pipefail: { title: 'hadolint DL4006: set pipefail', url: 'https://github.com/hadolint/hadolint/wiki/DL4006' },
  debianProfile: { title: "Debian base-files: /etc/profile sets PATH for login shells", url: 'https://sources.debian.org/src/base-files/latest/share/profile/' },
  adduser: { title: 'ubuntu:24.04 has no adduser package; useradd comes with passwd', url: 'https://packages.ubuntu.com/noble/passwd' },
  ubuntuImagePackages: { title: 'docker-library/repo-info: the packages in ubuntu:24.04 (no curl, wget, git, unzip)', url: 'https://github.com/docker-library/repo-info/blob/master/repos/ubuntu/local/24.04.md' },
  debianImagePackages: { title: 'docker-library/repo-info: the packages in debian:bookworm-slim (no curl, wget, git, unzip)', url: 'https://github.com/docker-library/repo-info/blob/master/repos/debian/local/bookworm-slim.md' },
};

/** Every design rule, by ID. The IDs are stable: people search for them. */
export const DESIGN_RULES: readonly DesignRule[] = [
  {
    id: 'CD001',
    title: 'Base image past its end of support',
    check: ({ design, baseImage }) => {
      if (!baseImage || baseImage.endOfSupport >= KNOWLEDGE_DATE) return [];
      const lts = baseImage.extendedUntil && baseImage.extendedUntil >= KNOWLEDGE_DATE;
      return [
        finding(
          'CD001',
          lts ? 'warning' : 'error',
          lts
            ? `${design.base.image} is past regular support and only in long-term support until ${baseImage.extendedUntil}.`
            : `${design.base.image} reached its end of support on ${baseImage.endOfSupport}.`,
          'An image without security updates ships known vulnerabilities, and its package archives move or vanish, so apt-get fails in new builds.',
          baseImage.family === 'ubuntu' ? SOURCES.ubuntuCycle : SOURCES.debianReleases,
          { field: 'base.image', at: { file: 'Dockerfile', match: /^(ARG BASE_IMAGE|FROM)/ }, fix: fix(`Use ${RECOMMENDED_IMAGE}`, set(['base', 'image'], RECOMMENDED_IMAGE)) },
        ),
      ];
    },
  },
  {
    id: 'CD002',
    title: 'Base image without a tag, or tagged latest',
    check: ({ design }) => {
      const image = design.base.image;
      const lastPart = image.split('/').pop() ?? image;
      if (image.includes('@sha256:') || (lastPart.includes(':') && !lastPart.endsWith(':latest'))) return [];
      const repository = lastPart.split(':')[0];
      const suggestion = repository === 'ubuntu' || repository === 'debian' ? (repository === 'ubuntu' ? 'ubuntu:24.04' : 'debian:13-slim') : undefined;
      return [
        finding('CD002', 'warning', `${image} names no version, so every build may get a different base.`,
          'Without a tag (or with latest) the base changes under you: builds stop being reproducible and break on a new release. Pin a tag, or a digest for full reproducibility.',
          SOURCES.dockerTags,
          { field: 'base.image', at: { file: 'Dockerfile', match: /^(ARG BASE_IMAGE|FROM)/ }, ...(suggestion ? { fix: fix(`Use ${suggestion}`, set(['base', 'image'], suggestion)) } : {}) }),
      ];
    },
  },
  {
    id: 'CD003',
    title: 'The user ID is taken in the base image',
    check: ({ design, baseImage }) => {
      const owner = baseImage?.existingUsers[design.user.uid];
      if (!owner || !design.compat.recipeLayout) return [];
      return [
        finding('CD003', 'error', `${design.base.image} already has user "${owner}" with UID ${design.user.uid}, so adduser --uid ${design.user.uid} fails.`,
          'Ubuntu 23.04 and later images ship the user "ubuntu" with UID/GID 1000. The recommended layout removes whatever user holds the UID before creating yours, as jupyter/docker-stacks does.',
          SOURCES.repo2docker1346,
          { field: 'user.uid', at: { file: 'Dockerfile', match: /^RUN adduser/ }, fix: fix('Create the user the recommended way', ...recipeLayoutOff(design)) }),
      ];
    },
  },
  {
    id: 'CD004',
    title: 'adduser is not installed in the base image',
    check: ({ design, baseImage }) => {
      if (!design.compat.recipeLayout || !baseImage) return [];
      const missing = (baseImage.family === 'ubuntu' && baseImage.release >= '24.04') || (baseImage.family === 'debian' && Number(baseImage.release) >= 13);
      if (!missing || design.apt.packages.includes('adduser')) return [];
      return [
        finding('CD004', 'error', `${design.base.image} has no adduser command, so the user step fails.`,
          'Minimal Ubuntu 24.04 and Debian 13 images no longer include the adduser package; useradd (package passwd) is always there and is what the recommended layout uses.',
          SOURCES.adduser,
          { field: 'compat.recipeLayout', at: { file: 'Dockerfile', match: /^RUN adduser/ }, fix: fix('Create the user with useradd', ...recipeLayoutOff(design)) }),
      ];
    },
  },
  {
    id: 'CD005',
    title: "Anaconda's defaults channel",
    check: ({ design, installer }) => {
      const index = design.conda.channels.indexOf('defaults');
      const viaInstaller = installer.channelsIncluded.includes('defaults');
      if (index < 0 && !viaInstaller) return [];
      const changes = [
        ...(index >= 0 ? [set(['conda', 'channels'], design.conda.channels.filter((c) => c !== 'defaults'))] : []),
        ...(viaInstaller ? [set(['conda', 'installer'], 'miniforge'), set(['conda', 'installerVersion'], '')] : []),
      ];
      if (index >= 0 && design.conda.channels.length === 1) changes[0] = set(['conda', 'channels'], ['conda-forge']);
      return [
        finding('CD005', 'error',
          index >= 0 ? 'The defaults channel stops unattended builds until its Terms of Service are accepted.' : `${installer.label} uses Anaconda's defaults channel, which stops unattended builds until its Terms of Service are accepted.`,
          "Since July 2025 conda fails with CondaToSNonInteractiveError for repo.anaconda.com channels unless the ToS are accepted (CONDA_PLUGINS_AUTO_ACCEPT_TOS=yes), and organisations over 200 people need a paid licence for them. conda-forge has neither restriction.",
          SOURCES.condaTos,
          { field: index >= 0 ? `conda.channels.${index}` : 'conda.installer', at: index >= 0 ? { file: 'environment.yml', match: /^\s*- defaults$/ } : { file: 'Dockerfile', match: /repo\.anaconda\.com/ }, fix: fix(viaInstaller ? 'Use Miniforge and conda-forge' : 'Remove the defaults channel', ...changes) }),
      ];
    },
  },
  {
    id: 'CD006',
    title: 'conda env create --force',
    check: (r) => {
      const { design } = r;
      if (!design.compat.forceEnvCreate || r.condaCommand !== 'conda') return [];
      const conda = bundledCondaVersion(r);
      const removed = design.compat.updateBaseConda || conda === undefined || conda >= 24.03;
      return [
        finding('CD006', removed ? 'error' : 'warning',
          removed ? 'conda env create --force was removed in conda 24.3, so the build stops with "unrecognized arguments: --force".' : 'conda env create --force stops working once conda is 24.3 or newer.',
          'The flag was removed in conda 24.3; a fresh build needs no overwrite, and `--yes` replaces it where one is needed.',
          SOURCES.condaForce,
          { field: 'compat.forceEnvCreate', at: { file: 'Dockerfile', match: /--force/ }, fix: fix('Drop --force', set(['compat', 'forceEnvCreate'], false)) }),
      ];
    },
  },
  {
    id: 'CD007',
    title: 'conda update from the defaults channel',
    check: ({ design }) => {
      if (!design.compat.updateBaseConda) return [];
      return [
        finding('CD007', 'error', 'conda update --channel defaults conda needs the defaults Terms of Service and pulls whatever conda is newest.',
          'In unattended builds the ToS check stops the update (CondaToSNonInteractiveError); where it passes, the newest conda changes under every rebuild and already removed flags the recipe uses. A pinned installer is reproducible.',
          SOURCES.condaTos,
          { field: 'compat.updateBaseConda', at: { file: 'Dockerfile', match: /conda update/ }, fix: fix('Keep the installer’s conda', set(['compat', 'updateBaseConda'], false)) }),
      ];
    },
  },
  {
    id: 'CD008',
    title: 'Installer downloaded without a checksum',
    check: (r) => {
      const unverified = r.design.compat.unverifiedInstaller;
      if (!unverified && r.checksumsKnown) return [];
      return [
        finding('CD008', 'warning',
          unverified ? `The ${r.installer.label} installer is run without checking its checksum.` : `Condocker knows no published checksum of ${r.installer.label} ${r.installerVersion} for every platform, so it is not verified.`,
          'A checksum check (sha256sum --check) stops a build that downloaded a truncated, tampered or re-published file instead of running it.',
          SOURCES.miniforge,
          { field: unverified ? 'compat.unverifiedInstaller' : 'conda.installerVersion', at: { file: 'Dockerfile', match: unverified ? /wget/ : /curl/ }, fix: fix(`Download ${r.installer.label} ${r.installer.defaultVersion} and verify it`, set(['compat', 'unverifiedInstaller'], false), set(['conda', 'installerVersion'], '')) }),
      ];
    },
  },
  {
    id: 'CD009',
    title: 'No installer for arm64',
    check: (r) => {
      if (!r.arches.includes('arm64')) return [];
      const x86Only = r.design.compat.unverifiedInstaller || (r.release?.arches !== undefined && !r.release.arches.includes('arm64'));
      if (!x86Only) return [];
      return [
        finding('CD009', 'error', r.design.compat.unverifiedInstaller ? 'The installer URL is the x86_64 one, but linux/arm64 is a target platform.' : `${r.installer.label} ${r.installerVersion} has no known arm64 (aarch64) build.`,
          'On arm64 the x86_64 installer fails with "cannot execute binary file". The recommended download picks the file by TARGETARCH.',
          SOURCES.miniforge,
          { field: 'base.platforms', at: { file: 'Dockerfile', match: /x86_64|wget/ }, fix: fix('Choose the installer per architecture', set(['compat', 'unverifiedInstaller'], false), set(['conda', 'installerVersion'], '')) }),
      ];
    },
  },
  {
    // Subsumes the 2020 recipe's "wget is not installed": the unverified installer download keeps its own fix
    // (download the recommended way, which installs curl), every other call gets "install the package with apt".
    id: 'CD010',
    title: 'A RUN calls a command that nothing installs',
    check: (r, files) => {
      const { design } = r;
      const contentOf = (path: string) => files.find((file) => file.path === path)?.content;
      const missing = findMissingCommands(contentOf('Dockerfile') ?? '', contentOf('postBuild'), {
        baseLacks: r.baseImage ? BASE_IMAGE_LACKS[r.baseImage.image] : undefined,
        condaPackages: r.condaDependencies,
      });
      return missing.map((m) => {
        const pkg = m.provider.debian;
        // The Dockerfile's only wget in that mode is the installer download.
        const installer = design.compat.unverifiedInstaller && m.file === 'Dockerfile' && m.command === 'wget';
        const maybe = m.unknownAptPackages.length > 0;
        const conda = m.file === 'postBuild' && m.provider.conda ? ` or the conda package ${m.provider.conda}` : '';
        return finding('CD010', maybe ? 'warning' : 'error',
          installer
            ? `The installer is downloaded with wget, which ${design.base.image} does not include.`
            : `${m.file === 'postBuild' ? 'The post-build script' : 'A RUN'} calls ${m.command}, which neither ${design.base.image} nor an earlier step installs${maybe ? ` (unless ${m.unknownAptPackages.join(', ')} brings it)` : ''}.`,
          installer
            ? 'Official Ubuntu and Debian images ship neither wget nor curl; the recipe assumed one was there. The recommended download installs curl and ca-certificates first.'
            : `The build stops there with "${m.command}: command not found" (exit 127). Official Ubuntu and Debian images are minimal: they ship neither curl, wget, git nor unzip. Install the Debian package ${pkg} in the apt layer${conda}.`,
          r.baseImage?.family === 'debian' ? SOURCES.debianImagePackages : SOURCES.ubuntuImagePackages,
          {
            field: 'apt.packages',
            at: { file: m.file, match: new RegExp(`^${escapeRegExp(m.lineText)}$`) },
            fix: installer
              ? fix('Install curl and download the installer the recommended way', set(['compat', 'unverifiedInstaller'], false), set(['conda', 'installerVersion'], ''))
              : fix(`Install ${pkg} with apt`, set(['apt', 'packages'], [...design.apt.packages, pkg])),
          });
      });
    },
  },
  {
    id: 'CD011',
    title: 'pip package without a pinned version',
    check: ({ design }) =>
      design.pip.packages.flatMap((line, index) => {
        const parsed = parsePipLine(line);
        if (!parsed.ok || parsed.line.kind !== 'requirement' || parsed.line.url || /(^|,)\s*===?/.test(parsed.line.specifier)) return [];
        return [
          finding('CD011', 'info', `pip package "${parsed.line.name}" is not pinned with ==.`,
            'Unpinned pip packages resolve to whatever is newest at build time, so two builds of the same project can differ. Pin them (name==version) when reproducibility matters.',
            SOURCES.pipPins,
            { field: `pip.packages.${index}`, at: { file: 'requirements.txt', match: new RegExp(`^${escapeRegExp(line)}$`) } }),
        ];
      }),
  },
  {
    id: 'CD012',
    title: 'Package given to both conda and pip',
    check: ({ design }) => {
      const conda = condaNames(design);
      return design.pip.packages.flatMap((line, index) => {
        const parsed = parsePipLine(line);
        if (!parsed.ok || parsed.line.kind !== 'requirement') return [];
        const name = normalizePipName(parsed.line.name);
        // The conda package may be named otherwise (torch is pytorch): the conda-forge names that contain the PyPI
        // name, not every package that lists it (some vendor requests or numpy).
        const asConda = conda.has(name) ? name : condaNamesForPypi(name).find((c) => conda.has(c) && normalizePipName(c).includes(name));
        if (!asConda) return [];
        return [
          finding('CD012', 'warning', asConda === name ? `"${name}" is installed by conda and again by pip.` : `"${name}" is installed by conda (as "${asConda}") and again by pip.`,
            'pip then overwrites files conda manages, and conda no longer knows what is installed; keep each package with one installer, preferably conda.',
            SOURCES.pipInConda,
            { field: `pip.packages.${index}`, at: { file: 'requirements.txt', match: new RegExp(`^${escapeRegExp(line)}$`) }, fix: fix(`Install ${asConda} with conda only`, set(['pip', 'packages'], design.pip.packages.filter((_, i) => i !== index))) }),
        ];
      });
    },
  },
  {
    id: 'CD013',
    title: 'pip package that conda-forge has',
    check: ({ design }) => {
      // The mapping is conda-forge's: on other channels the package may be missing or named otherwise.
      if (!hasCondaForgeChannel(design.conda.channels)) return [];
      const conda = condaNames(design);
      return design.pip.packages.flatMap((line, index) => {
        const alternative = condaForgeAlternative(line);
        // Already a conda package under either name: that is CD012's double install, not a move.
        if (!alternative || conda.has(alternative.condaName) || conda.has(alternative.pypiName)) return [];
        const { pypiName, condaName, renamed, condaSpec, droppedPin } = alternative;
        const message = renamed ? `"${pypiName}" is "${condaName}" on conda-forge.` : `"${condaName}" is on conda-forge too.`;
        const label = droppedPin ? `Install ${condaName} with conda (unpinned: conda cannot read "${droppedPin}")` : `Install ${condaSpec} with conda`;
        return [
          finding('CD013', 'info', message,
            'Installing it with conda lets one solver keep compiled libraries compatible; pip packages are added after the solve and can clash with them.',
            SOURCES.pipInConda,
            { field: `pip.packages.${index}`, at: { file: 'requirements.txt', match: new RegExp(`^${escapeRegExp(line)}$`) }, fix: fix(label, set(['pip', 'packages'], design.pip.packages.filter((_, i) => i !== index)), set(['conda', 'packages'], [...design.conda.packages, condaSpec])) }),
        ];
      });
    },
  },
  {
    id: 'CD014',
    title: 'CUDA packages solved without CONDA_OVERRIDE_CUDA',
    check: ({ design }) => {
      if (design.gpu.enabled) return [];
      const index = design.conda.packages.findIndex((spec) => {
        const parsed = parseCondaSpec(spec);
        return parsed.ok && (GPU_PACKAGES.has(parsed.spec.name) || /cuda/.test(parsed.spec.build ?? ''));
      });
      if (index < 0) return [];
      return [
        finding('CD014', 'warning', `"${design.conda.packages[index]}" asks for CUDA builds, but GPU support is off.`,
          'Build machines usually have no GPU, so the solver sees no __cuda virtual package and either fails or picks CPU builds. CONDA_OVERRIDE_CUDA at build time tells it which CUDA the runtime will have.',
          SOURCES.condaCuda,
          { field: `conda.packages.${index}`, at: { file: 'environment.yml', match: new RegExp(escapeRegExp(design.conda.packages[index])) }, fix: fix('Turn GPU support on', set(['gpu', 'enabled'], true)) }),
      ];
    },
  },
  {
    id: 'CD015',
    title: 'The pytorch channel',
    check: ({ design }) => {
      const index = design.conda.channels.indexOf('pytorch');
      if (index < 0) return [];
      const rest = design.conda.channels.filter((c) => c !== 'pytorch');
      return [
        finding('CD015', 'warning', 'The pytorch channel gets no new PyTorch releases after 2.5.',
          'PyTorch stopped publishing conda packages to its own channel; conda-forge builds current PyTorch, with CUDA, for amd64 and arm64.',
          SOURCES.pytorchChannel,
          { field: `conda.channels.${index}`, at: { file: 'environment.yml', match: /^\s*- pytorch$/ }, fix: fix('Use conda-forge for PyTorch', set(['conda', 'channels'], rest.length ? rest : ['conda-forge'])) }),
      ];
    },
  },
  {
    id: 'CD016',
    title: 'The environment lives inside the project directory',
    check: (r) => {
      if (!r.envInsideProject) return [];
      const root = r.design.paths.condaRoot;
      const target = `${root}/envs/${r.design.project.name.replace(/[^A-Za-z0-9_.-]/g, '-')}`;
      return [
        finding('CD016', 'warning', `The environment (${r.design.paths.envPrefix}) is inside the project directory (${r.design.paths.projectDir}).`,
          'Mounting your project there (docker run -v "$PWD":…, compose, dev containers) hides the environment baked into the image, and nothing in it runs. Condocker mounts sub-folders instead, but a plain bind mount will not.',
          SOURCES.bindMounts,
          { field: 'paths.envPrefix', at: { file: 'Dockerfile', match: /ENV_PREFIX=/ }, fix: fix(`Move the environment to ${target}`, set(['paths', 'envPrefix'], target)) }),
      ];
    },
  },
  {
    id: 'CD017',
    title: 'conda run as the command',
    check: ({ design }) => {
      const argv = design.runtime.command === 'custom' ? design.runtime.customCommand : [];
      if (!['conda', 'micromamba', 'mamba'].includes(argv[0] ?? '') || argv[1] !== 'run') return [];
      const rest = stripRunOptions(argv.slice(2));
      return [
        finding('CD017', 'warning', `"${argv[0]} run" does not forward signals, so docker stop waits and then kills the container.`,
          'The entrypoint already activates the environment and execs the command, which then receives SIGTERM directly.',
          SOURCES.condaRun,
          { field: 'runtime.customCommand', at: { file: 'Dockerfile', match: /^CMD/ }, ...(rest.length ? { fix: fix(`Run ${rest[0]} directly`, set(['runtime', 'customCommand'], rest)) } : {}) }),
      ];
    },
  },
  {
    id: 'CD018',
    title: 'postBuild turns off error checking',
    check: ({ design }) => {
      const lines = design.postBuild.script.split('\n');
      const index = lines.findIndex((line) => /^\s*set\s+\+[a-z]*e|^\s*set\s+\+o\s+errexit/.test(line));
      if (index < 0) return [];
      return [
        finding('CD018', 'warning', 'The post-build script turns off `set -e`, so a failing step no longer fails the build.',
          'A build that carries on after an error produces an image that looks fine and is not; keep errexit on and handle expected failures with `|| true` on that one command.',
          SOURCES.pipefail,
          { field: 'postBuild.script', at: { file: 'postBuild', match: /^\s*set\s+\+/ }, fix: fix('Remove the line', set(['postBuild', 'script'], lines.filter((_, i) => i !== index).join('\n'))) }),
      ];
    },
  },
  {
    id: 'CD019',
    title: 'Jupyter without an exposed port',
    check: (r) => {
      if (!r.servesJupyter || r.design.runtime.expose) return [];
      return [
        finding('CD019', 'warning', `Jupyter listens on port ${r.design.runtime.port}, but the Dockerfile does not EXPOSE it.`,
          'EXPOSE documents the port, and docker run -P and many tools publish only exposed ports.',
          SOURCES.expose,
          { field: 'runtime.expose', at: { file: 'Dockerfile', match: /^CMD/ }, fix: fix(`EXPOSE ${r.design.runtime.port}`, set(['runtime', 'expose'], true)) }),
      ];
    },
  },
  {
    id: 'CD020',
    title: 'Channel-prefixed package from a channel not listed',
    check: ({ design }) =>
      design.conda.packages.flatMap((spec, index) => {
        const parsed = parseCondaSpec(spec);
        const channel = parsed.ok ? parsed.spec.channel : undefined;
        if (!channel || design.conda.channels.includes(channel)) return [];
        return [
          finding('CD020', 'warning', `"${spec}" comes from ${channel}, which is not in the channels list.`,
            'The package is fetched from that channel, but its dependencies are solved from the listed channels only, which often fails or mixes incompatible builds.',
            SOURCES.matchSpec,
            { field: `conda.packages.${index}`, at: { file: 'environment.yml', match: new RegExp(escapeRegExp(spec)) }, fix: fix(`Add ${channel} to the channels`, set(['conda', 'channels'], [...design.conda.channels, channel])) }),
        ];
      }),
  },
  {
    id: 'CD021',
    title: 'Python past its end of life, or not pinned',
    check: ({ design }) => {
      const minor = pythonMinor(design);
      const pythonIndex = design.conda.packages.findIndex((spec) => {
        const parsed = parseCondaSpec(spec);
        return parsed.ok && parsed.spec.name === 'python';
      });
      const withoutPython = design.conda.packages.filter((_, i) => i !== pythonIndex);
      const pin = fix(`Use Python ${RECOMMENDED_PYTHON}`, set(['conda', 'packages'], withoutPython), set(['conda', 'pythonVersion'], RECOMMENDED_PYTHON));
      const field = pythonIndex >= 0 ? `conda.packages.${pythonIndex}` : 'conda.pythonVersion';
      if (!minor)
        return [
          finding('CD021', 'warning', 'The Python version is not pinned, so each build may get a new one.',
            'A new Python minor release changes which package builds exist; pin major.minor to keep rebuilds solvable and alike.',
            SOURCES.pythonVersions, { field, at: { file: 'environment.yml', match: /^dependencies:/ }, fix: pin }),
        ];
      const endOfLife = PYTHON_END_OF_LIFE[minor];
      if (!endOfLife || endOfLife >= KNOWLEDGE_DATE) return [];
      return [
        finding('CD021', 'warning', `Python ${minor} reached its end of life on ${endOfLife}.`,
          'It gets no security fixes, and current releases of most packages no longer support it, so the solver falls back to old builds.',
          SOURCES.pythonVersions, { field, at: { file: 'environment.yml', match: /python/ }, fix: pin }),
      ];
    },
  },
  {
    id: 'CD022',
    title: 'JupyterLab 4 has no `jupyter labextension install`',
    check: ({ design }) => {
      const lines = design.postBuild.script.split('\n');
      if (!lines.some((line) => /jupyter\s+labextension\s+install/.test(line))) return [];
      const jupyterlab = design.conda.packages.map((spec) => parseCondaSpec(spec)).find((p) => p.ok && p.spec.name === 'jupyterlab');
      const pinnedOld = jupyterlab?.ok && /^[0-3]\./.test(jupyterlab.spec.version ?? '');
      if (pinnedOld) return [];
      const kept = lines.filter((line) => !/jupyter\s+(labextension\s+install|lab\s+build)/.test(line)).join('\n').trim();
      return [
        finding('CD022', 'error', 'postBuild runs `jupyter labextension install`, which JupyterLab 4 no longer has.',
          'Since JupyterLab 3 extensions are prebuilt Python packages (for example ipywidgets brings its widget manager); JupyterLab 4 removed the Node.js build, so this line fails the build.',
          SOURCES.labextension,
          { field: 'postBuild.script', at: { file: 'postBuild', match: /labextension install/ }, fix: fix('Remove the Node.js extension build', set(['postBuild', 'script'], kept), set(['postBuild', 'jupyterExtensions'], [...new Set([...design.postBuild.jupyterExtensions, 'ipywidgets'])])) }),
      ];
    },
  },
  {
    id: 'CD023',
    title: 'No init process',
    check: ({ design }) => {
      if (!design.compat.noInit) return [];
      return [
        finding('CD023', 'warning', 'The container runs without an init process, so zombie processes pile up and signals can be lost.',
          'Jupyter kernels and their children are never reaped when PID 1 is a shell script or the server itself; tini as PID 1 reaps them and forwards signals.',
          SOURCES.tini,
          { field: 'compat.noInit', at: { file: 'Dockerfile', match: /^ENTRYPOINT/ }, fix: fix('Run tini as PID 1', set(['compat', 'noInit'], false)) }),
      ];
    },
  },
  {
    id: 'CD024',
    title: 'RUN shell without pipefail',
    check: ({ design }) => {
      if (!design.compat.shellWithoutPipefail) return [];
      return [
        finding('CD024', 'info', 'The SHELL has no -o pipefail, so a failing command before a pipe goes unnoticed.',
          'With pipefail a RUN such as `curl … | sh` fails when curl fails, instead of running an empty script.',
          SOURCES.pipefail,
          { field: 'compat.shellWithoutPipefail', at: { file: 'Dockerfile', match: /^SHELL/ }, fix: fix('Add -o pipefail', set(['compat', 'shellWithoutPipefail'], false)) }),
      ];
    },
  },
  {
    id: 'CD025',
    title: 'Activation through ~/.profile',
    check: ({ design }) => {
      if (!design.compat.profileActivation) return [];
      return [
        finding('CD025', 'info', 'conda is activated through ~/.profile in login shells, so build steps and `docker exec` depend on a login shell.',
          "The environment on PATH works in every shell and needs no --login; login shells also reset PATH on Debian images (/etc/profile).",
          SOURCES.debianProfile,
          { field: 'compat.profileActivation', at: { file: 'Dockerfile', match: /profile/ }, fix: fix('Put the environment on PATH', set(['compat', 'profileActivation'], false)) }),
      ];
    },
  },
  {
    id: 'CD026',
    title: 'The 2020 layout',
    check: ({ design }) => {
      if (!design.compat.recipeLayout) return [];
      return [
        finding('CD026', 'info', 'The 2020 layout copies files and then chowns them, builds as a named user and creates folders with mkdir.',
          'COPY --chmod, a numeric USER and folders created with their owner take fewer layers and let Kubernetes check that the container does not run as root.',
          SOURCES.repo2docker1346,
          { field: 'compat.recipeLayout', at: { file: 'Dockerfile', match: /^RUN chown/ }, fix: fix('Use the recommended layout', ...recipeLayoutOff(design)) }),
      ];
    },
  },
  {
    id: 'CD027',
    title: 'The command needs a package that is not installed',
    check: (r) => {
      const needed = r.design.runtime.command === 'jupyterlab' ? 'jupyterlab' : r.design.runtime.command === 'notebook' ? 'notebook' : undefined;
      if (!needed) return [];
      const conda = condaNames(r.design);
      const pip = r.design.pip.packages.map((line) => parsePipLine(line)).flatMap((p) => (p.ok && p.line.kind === 'requirement' ? [normalizePipName(p.line.name)] : []));
      if (conda.has(needed) || pip.includes(needed)) return [];
      return [
        finding('CD027', 'error', `The command runs ${needed}, but no package installs it.`,
          'The container would stop at once with "jupyter: command not found".',
          SOURCES.pipInConda,
          { field: 'conda.packages', at: { file: 'Dockerfile', match: /^CMD/ }, fix: fix(`Add ${needed} to the conda packages`, set(['conda', 'packages'], [...r.design.conda.packages, needed])) }),
      ];
    },
  },
  {
    id: 'CD028',
    title: 'The lock no longer matches the design',
    check: (r) => {
      if (r.lockState.kind !== 'stale') return [];
      const { differences } = r.lockState;
      return [
        finding('CD028', 'warning', `The lock is stale: ${differences.join('; ')}. The files are generated without it until you lock again.`,
          'A lock is only true for the specs, channels, platforms and base image it was solved for; installing it after those changed would silently install another environment than the one designed. Re-lock: run Check, then Lock.',
          SOURCES.condaExplicit,
          { field: 'lock', fix: fix('Re-lock: drop the stale lock, then run Check and Lock', set(['lock'], undefined)) }),
      ];
    },
  },
  {
    id: 'CD029',
    title: 'A Miniconda version that names no installer file',
    check: (r) => {
      const { design } = r;
      if (r.installer.id !== 'miniconda') return [];
      const plain = design.conda.installerVersion.match(/^(\d+)\.(\d+)/);
      // Up to 4.7.12 the files were Miniconda3-<version>-…; from 4.8.2 on only Miniconda3-py37_/py38_<version>-….
      if (!plain || Number(plain[1]) * 100 + Number(plain[2]) < 408) return [];
      const version = design.conda.installerVersion;
      const tagged = findRelease('miniconda', `py38_${version}`) ? `py38_${version}` : undefined;
      return [
        finding('CD029', 'error', `Miniconda ${version} was published only as python-tagged files, so the installer URL (Miniconda3-${version}-Linux-x86_64.sh) is a 404.`,
          `From 4.8.2 on, Anaconda names each Miniconda installer after the Python it bundles (Miniconda3-py37_4.8.2-…, Miniconda3-py38_4.8.2-…); the untagged name the 2020 recipe used never existed, so the download fails${tagged ? `. ${tagged} is the same Miniconda with Python 3.8, as the recipe meant; the recommended installer (Miniforge) avoids the defaults channel too` : '; the recommended installer (Miniforge) avoids the defaults channel too'}.`,
          SOURCES.minicondaFiles,
          { field: 'conda.installerVersion', at: { file: 'Dockerfile', match: /MINICONDA_VERSION=|Miniconda3-/ }, fix: tagged ? fix(`Use Miniconda ${tagged}`, set(['conda', 'installerVersion'], tagged)) : fix(`Use Miniconda ${r.installer.defaultVersion}`, set(['conda', 'installerVersion'], '')) }),
      ];
    },
  },
  {
    id: 'CD030',
    title: 'The environment prefix uses $PWD',
    check: ({ design }) => {
      if (!design.paths.envPrefix.startsWith('$PWD')) return [];
      const target = envInCondaRoot(design);
      return [
        finding('CD030', 'error', `ENV_PREFIX ${design.paths.envPrefix} becomes ${design.paths.envPrefix.slice('$PWD'.length)}: PWD is not set during docker build, and the user cannot write there.`,
          'Docker replaces only variables set by ENV or ARG in a Dockerfile, and no image sets PWD (WORKDIR does not either), so $PWD is empty and the env goes to the root of the file system, where only root may create it; the env step fails with a permission error. Name the directory instead: under $HOME or in the conda root, e.g. /opt/conda/envs/app.',
          SOURCES.dockerEnvSubstitution,
          { field: 'paths.envPrefix', at: { file: 'Dockerfile', match: /ENV_PREFIX=/ }, fix: fix(`Put the environment in ${target}`, set(['paths', 'envPrefix'], target)) }),
      ];
    },
  },
  {
    id: 'CD031',
    title: 'The project is copied without a .dockerignore',
    check: ({ design, projectInstall }) => {
      if (!projectInstall || design.files.dockerignore) return [];
      return [
        finding('CD031', 'warning', 'The project itself is copied into the image, but no .dockerignore keeps anything out.',
          'COPY . then sends everything in the folder to the builder and bakes it into a layer: .git, .env files and keys, data, caches and a local env (which would land on top of the image\'s). Anyone with the image can read them, even if a later step deletes them.',
          SOURCES.dockerignore,
          { field: 'files.dockerignore', at: { file: 'Dockerfile', match: /^COPY --chown=\S+ \. / }, fix: fix('Generate .dockerignore', set(['files', 'dockerignore'], true)) }),
      ];
    },
  },
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `conda run -p X --no-capture-output cmd …` → `cmd …`. */
function stripRunOptions(argv: string[]): string[] {
  const withValue = new Set(['-p', '--prefix', '-n', '--name', '--cwd']);
  let i = 0;
  while (i < argv.length && argv[i].startsWith('-')) i += withValue.has(argv[i]) ? 2 : 1;
  return argv.slice(i);
}

/** Runs every design rule on a resolved design and its generated files (generated here when not given). */
export function lintDesignRules(r: ResolvedDesign, files: readonly GeneratedFile[] = generateFiles(r.design)): DesignFinding[] {
  return DESIGN_RULES.flatMap((rule) => rule.check(r, files));
}

