// A Dockerfile that Condocker generated → the design fields it carries. dockerfile-ast gives the instructions
// (ARG, ENV, LABEL and the exec forms already unquoted); inside RUN only shell text is left, read with small
// patterns for the few things Condocker writes there (installer URL, arch case, .condarc, env create flags).
// The command is recognised by asking resolveDesign which command each choice would write, so the two never drift.
import { DockerfileParser, Arg, Env, JSONInstruction, Label, type Instruction } from 'dockerfile-ast';
import { INSTALLERS, type InstallerId } from '@/lib/design/installers';
import { resolveDesign } from '@/lib/design/resolve';
import { COMMANDS, DEFAULT_DESIGN, type Design } from '@/lib/design/schema';
import { createDraft, finalizeDraft, setDraftField, setDraftList, warningAt, type DesignDraft, type Located, type Origin } from './common';
import type { ImportOptions, ImportResult, ImportWarning } from './types';

type CompatFlags = Design['compat'];

/** Largest Dockerfile read, in characters: a generated one is about 5 KB, and dockerfile-ast slows down on huge lines. */
export const MAX_DOCKERFILE_CHARS = 256 * 1024;

/**
 * Says why a Dockerfile is too large to read, or undefined when it fits.
 * @example checkDockerfileSize('FROM x\n', 'Dockerfile') // undefined
 */
export function checkDockerfileSize(text: string, file: string): string | undefined {
  return text.length > MAX_DOCKERFILE_CHARS
    ? `${file} is ${Math.ceil(text.length / 1024)} KB; Condocker reads Dockerfiles up to ${MAX_DOCKERFILE_CHARS / 1024} KB (a generated one is about 5 KB).`
    : undefined;
}

/** What a Condocker Dockerfile says about its design, each value with its line. */
export interface DockerfileContent {
  image?: Located<string>;
  title?: Located<string>;
  /** The description from LABEL ('' when the LABEL has none) or from the header comment. */
  description?: Located<string>;
  platforms?: Located<Array<'linux/amd64' | 'linux/arm64'>>;
  installer?: Located<InstallerId>;
  /** '' when the version is the installer's default. */
  installerVersion?: Located<string>;
  channelPriority?: Located<'strict' | 'flexible'>;
  user: { name?: Located<string>; uid?: Located<string>; gid?: Located<string> };
  paths: { condaRoot?: Located<string>; envPrefix?: Located<string>; projectDir?: Located<string> };
  /** The apt packages beyond the ones Condocker adds itself (ca-certificates, curl, tini). */
  aptPackages?: Located<string>[];
  cudaVersion?: Located<string>;
  gpu: boolean;
  /** ENV set for the running container, after the build steps. */
  env: Located<{ name: string; value: string }>[];
  command?: Located<Design['runtime']['command']>;
  customCommand?: Located<string>[];
  port?: Located<number>;
  /** EXPOSE present; only known when the command serves Jupyter (the only case the generator writes it). */
  expose?: Located<boolean>;
  compat: CompatFlags;
  comments: boolean;
  /** The project itself, from its `python -m pip install --no-deps [--editable] '.[extras]'` step (off when absent). */
  projectInstall?: Located<{ editable: boolean; extras: string[] }>;
}

interface RunCommand {
  text: string;
  origin: Origin;
}

// Packages the generator adds to the apt layer by itself (resolve.ts aptPackagesFor).
const TOOL_PACKAGES = new Set(['ca-certificates', 'curl', 'tini']);
const NVIDIA_VARIABLES = new Set(['NVIDIA_VISIBLE_DEVICES', 'NVIDIA_DRIVER_CAPABILITIES']);
const VERSION_VARIABLES: Record<string, InstallerId> = {
  MINIFORGE_VERSION: 'miniforge',
  MINICONDA_VERSION: 'miniconda',
  MICROMAMBA_VERSION: 'micromamba',
};
const VERSION_MARK = 'VERSIONMARK';
const VERSION_CAPTURE = String.raw`([A-Za-z0-9._+-]+|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)`;

/** Each installer's download URL as a pattern with the version captured, built from INSTALLERS itself. */
const INSTALLER_PATTERNS: ReadonlyArray<{ id: InstallerId; pattern: RegExp }> = (Object.keys(INSTALLERS) as InstallerId[]).flatMap((id) =>
  (['x86_64', 'aarch64', '${arch}'] as const).map((arch) => {
    const url = INSTALLERS[id].url(VERSION_MARK, arch as 'x86_64');
    const escaped = url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replaceAll(VERSION_MARK, VERSION_CAPTURE);
    return { id, pattern: new RegExp(escaped) };
  }),
);

/**
 * The argv of an exec-form instruction (SHELL, ENTRYPOINT, CMD). Its arguments are a JSON array, so JSON.parse
 * reads them exactly (dockerfile-ast's per-string values drop the spaces inside strings).
 */
function execForm(instruction: JSONInstruction): string[] | undefined {
  try {
    const argv: unknown = JSON.parse(instruction.getArgumentsContent() ?? '');
    return Array.isArray(argv) && argv.every((word) => typeof word === 'string') ? argv : undefined;
  } catch {
    return undefined;
  }
}

function lineOf(instruction: Instruction): number {
  return instruction.getRange().start.line + 1;
}

class DockerfileReader {
  private readonly args = new Map<string, Located<string>>();
  private readonly vars = new Map<string, string>();
  private readonly runs: RunCommand[] = [];
  private lastRunIndex = -1;
  readonly content: DockerfileContent = {
    user: {},
    paths: {},
    env: [],
    gpu: false,
    comments: false,
    compat: { ...DEFAULT_DESIGN.compat },
  };

  constructor(
    private readonly file: string,
    private readonly warnings: ImportWarning[],
  ) {}

  private at(instruction: Instruction): Origin {
    return { file: this.file, line: lineOf(instruction) };
  }

  read(text: string): void {
    const dockerfile = DockerfileParser.parse(text);
    const instructions = dockerfile.getInstructions();
    const comments = dockerfile.getComments();
    this.content.comments = comments.length > 0;
    instructions.forEach((instruction, index) => {
      if (instruction.getKeyword() === 'RUN') this.lastRunIndex = index;
    });
    let seenFrom = false;
    const runtimeEnv: Located<{ name: string; value: string }>[] = [];
    instructions.forEach((instruction, index) => {
      const keyword = instruction.getKeyword();
      if (instruction instanceof Arg) {
        const property = instruction.getProperty();
        const name = property?.getName();
        const value = property?.getValue();
        if (name && value !== null && value !== undefined && !this.args.has(name)) this.args.set(name, { value, origin: this.at(instruction) });
        if (name && value) this.vars.set(name, value);
      } else if (keyword === 'FROM') {
        if (!seenFrom) this.readFrom(instruction);
        seenFrom = true;
      } else if (instruction instanceof Label) {
        for (const property of instruction.getProperties()) {
          const value = property.getValue() ?? '';
          if (property.getName() === 'org.opencontainers.image.title') this.content.title = { value, origin: this.at(instruction) };
          if (property.getName() === 'org.opencontainers.image.description') this.content.description = { value, origin: this.at(instruction) };
        }
        this.content.description ??= { value: '', origin: this.at(instruction) };
      } else if (instruction instanceof Env) {
        for (const property of instruction.getProperties()) {
          const name = property.getName();
          const value = property.getValue() ?? '';
          this.vars.set(name, value);
          this.readEnvVariable(name, value, instruction);
          if (index > this.lastRunIndex) runtimeEnv.push({ value: { name, value }, origin: this.at(instruction) });
        }
      } else if (keyword === 'RUN') {
        const origin = this.at(instruction);
        for (const command of (instruction.getArgumentsContent() ?? '').split(/\s+&&\s+/)) this.runs.push({ text: command.trim(), origin });
      } else if (keyword === 'SHELL' && instruction instanceof JSONInstruction) {
        const argv = execForm(instruction) ?? [];
        this.content.compat.profileActivation = argv.includes('--login');
        this.content.compat.shellWithoutPipefail = !argv.includes('pipefail');
      } else if (keyword === 'EXPOSE') {
        const port = Number(instruction.getArguments()[0]?.getValue());
        if (Number.isInteger(port)) this.content.port ??= { value: port, origin: this.at(instruction) };
        this.content.expose = { value: true, origin: this.at(instruction) };
      } else if (keyword === 'ENTRYPOINT' && instruction instanceof JSONInstruction) {
        const argv = execForm(instruction) ?? [];
        this.content.compat.noInit = !argv[0]?.endsWith('/tini');
      } else if (keyword === 'CMD' && instruction instanceof JSONInstruction) {
        const argv = execForm(instruction);
        if (argv) this.readCommand(argv, this.at(instruction));
        else this.warnings.push(warningAt(this.at(instruction), 'CMD is not in the JSON form ["program", "arg", …]: the default command could not be recovered.'));
      }
    });
    if (!seenFrom) this.warnings.push({ file: this.file, message: `${this.file} has no FROM: the base image could not be recovered.` });
    this.content.gpu ||= runtimeEnv.some((entry) => NVIDIA_VARIABLES.has(entry.value.name));
    this.content.env = runtimeEnv.filter((entry) => !(this.content.gpu && NVIDIA_VARIABLES.has(entry.value.name)));
    this.readUser();
    this.readRuns();
    this.readHeaderComment(comments.map((comment) => ({ text: comment.getContent(), line: comment.getRange().start.line + 1 })));
  }

  private readFrom(instruction: Instruction): void {
    const image = instruction.getArguments()[0]?.getValue() ?? '';
    const origin = this.at(instruction);
    const fromArg = /^\$\{?BASE_IMAGE\}?$/.test(image);
    // The recipe's layout writes the image into FROM; the recommended one passes it through ARG BASE_IMAGE.
    this.content.compat.recipeLayout = !fromArg;
    if (!fromArg) this.content.image = { value: image, origin };
    else {
      const arg = this.args.get('BASE_IMAGE');
      if (arg) this.content.image = arg;
      else this.warnings.push(warningAt(origin, 'FROM ${BASE_IMAGE} without "ARG BASE_IMAGE=…" before it: the base image could not be recovered.'));
    }
  }

  private readEnvVariable(name: string, value: string, instruction: Instruction): void {
    const origin = this.at(instruction);
    if (name === 'CONDA_DIR') this.content.paths.condaRoot ??= { value, origin };
    else if (name === 'ENV_PREFIX') this.content.paths.envPrefix ??= { value, origin };
    else if (name === 'PROJECT_DIR') this.content.paths.projectDir ??= { value, origin };
    else if (name in VERSION_VARIABLES) {
      // The recipe pinned the installer version in ENV and downloaded it without a checksum.
      this.content.compat.unverifiedInstaller = true;
      this.content.installer ??= { value: VERSION_VARIABLES[name], origin };
    }
  }

  private readUser(): void {
    const { user } = this.content;
    const username = this.args.get('username');
    const uid = this.args.get('uid');
    const gid = this.args.get('gid');
    if (username) user.name = username;
    if (uid) user.uid = uid;
    if (gid) user.gid = gid;
  }

  /** `$NAME` and `${NAME}` replaced by the ARG/ENV value seen in the file. */
  private expand(text: string): string {
    return text.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (whole, name: string) => this.vars.get(name) ?? whole);
  }

  private readRuns(): void {
    const { content } = this;
    const platforms = new Set<'linux/amd64' | 'linux/arm64'>();
    let platformsOrigin: Origin | undefined;
    for (const { text, origin } of this.runs) {
      // case "${TARGETARCH…}" in amd64) arch=x86_64; … ;; arm64) … ;; *) … esac
      if (text.startsWith('case ') && text.endsWith(' esac')) {
        for (const match of text.matchAll(/(?:\sin|;;)\s+(amd64|arm64)\)/g)) platforms.add(`linux/${match[1] as 'amd64' | 'arm64'}`);
        platformsOrigin ??= origin;
      }
      this.readInstallerUrl(text, origin);
      const priority = /channel_priority: (strict|flexible)/.exec(text)?.[1];
      if (priority) content.channelPriority = { value: priority as 'strict' | 'flexible', origin };
      if (/^conda update --name base --channel defaults conda$/.test(text)) content.compat.updateBaseConda = true;
      const cuda = /(?:^|\s)CONDA_OVERRIDE_CUDA=(\S+)/.exec(text)?.[1];
      if (cuda) {
        content.gpu = true;
        content.cudaVersion = { value: cuda, origin };
      }
      if (/\b(?:conda env create|micromamba create)\b/.test(text) && /\s--force(?:\s|$)/.test(text)) content.compat.forceEnvCreate = true;
      const project = readProjectInstall(text);
      if (project) content.projectInstall = { value: project, origin };
      if (/^apt-get install\b/.test(text)) {
        const words = text.split(/\s+/).slice(2).filter((word) => !word.startsWith('-'));
        content.aptPackages = words.filter((word) => !TOOL_PACKAGES.has(word)).map((value) => ({ value, origin }));
      }
    }
    if (platforms.size > 0 && platformsOrigin)
      content.platforms = { value: (['linux/amd64', 'linux/arm64'] as const).filter((platform) => platforms.has(platform)), origin: platformsOrigin };
  }

  private readInstallerUrl(text: string, origin: Origin): void {
    for (const { id, pattern } of INSTALLER_PATTERNS) {
      const match = pattern.exec(text);
      if (!match) continue;
      const version = this.expand(match[1]);
      if (version.includes('$')) {
        this.warnings.push(warningAt(origin, `The ${INSTALLERS[id].label} version "${match[1]}" refers to a variable the Dockerfile does not set; kept the default version.`));
        this.content.installer = { value: id, origin };
        return;
      }
      this.content.installer = { value: id, origin };
      this.content.installerVersion = { value: version === INSTALLERS[id].defaultVersion ? '' : version, origin };
      return;
    }
  }

  private readCommand(argv: string[], origin: Origin): void {
    const portArgument = argv.find((argument) => /^--port=\d+$/.test(argument));
    if (portArgument) this.content.port = { value: Number(portArgument.slice('--port='.length)), origin };
    const port = this.content.port?.value ?? DEFAULT_DESIGN.runtime.port;
    for (const command of COMMANDS) {
      if (command === 'custom') continue;
      // The generator's own rule (resolve.ts) says what each choice writes; the layout changes the jupyter flags.
      const trial: Design = {
        ...DEFAULT_DESIGN,
        compat: { ...DEFAULT_DESIGN.compat, recipeLayout: this.content.compat.recipeLayout },
        runtime: { ...DEFAULT_DESIGN.runtime, command, port },
      };
      const written = resolveDesign(trial).command;
      if (written.length === argv.length && written.every((word, index) => word === argv[index])) {
        this.content.command = { value: command, origin };
        if (resolveDesign(trial).servesJupyter) this.content.expose ??= { value: false, origin };
        return;
      }
    }
    this.content.command = { value: 'custom', origin };
    this.content.customCommand = argv.map((value) => ({ value, origin }));
  }

  /**
   * Without a LABEL (recipe layout) the header comment has the name and description:
   * "name — description" then "Generated by Condocker. Build: docker build -t name .".
   */
  private readHeaderComment(comments: Array<{ text: string; line: number }>): void {
    const generated = comments.findIndex((comment) => comment.text.startsWith('Generated by Condocker.'));
    const name = generated === -1 ? undefined : / -t (\S+) \.$/.exec(comments[generated].text)?.[1];
    if (name && !this.content.title) this.content.title = { value: name, origin: { file: this.file, line: comments[generated].line } };
    const header = generated > 0 ? comments[generated - 1] : undefined;
    if (!header || this.content.description) return;
    // Project names are slugs, so the first " — " always ends the name; without one there is no description.
    const separator = header.text.indexOf(' — ');
    const value = separator > 0 ? header.text.slice(separator + ' — '.length) : '';
    this.content.description = { value, origin: { file: this.file, line: header.line } };
  }
}

/**
 * Reads the design fields a Condocker Dockerfile carries: base image, platforms, installer and version, user,
 * paths, GPU, runtime variables, command and port, the 2020-recipe compatibility choices and whether it has comments.
 * @example readDockerfile('ARG BASE_IMAGE=ubuntu:24.04\nFROM ${BASE_IMAGE}\n', 'Dockerfile', []).image?.value // 'ubuntu:24.04'
 */
export function readDockerfile(text: string, file: string, warnings: ImportWarning[]): DockerfileContent {
  const reader = new DockerfileReader(file, warnings);
  reader.read(text);
  return reader.content;
}

/**
 * The generator's project install step (`python -m pip install [--no-cache-dir] --no-deps [--editable] '.[a,b]'`).
 * @example readProjectInstall("python -m pip install --no-deps --editable '.[dev]'") // { editable: true, extras: ['dev'] }
 */
export function readProjectInstall(text: string): { editable: boolean; extras: string[] } | undefined {
  const match = /(?:^|[\s/])python -m pip install (?:--no-cache-dir )?--no-deps (--editable )?'?\.(?:\[([^\]\s']*)\])?'?$/.exec(text);
  if (!match) return undefined;
  return { editable: Boolean(match[1]), extras: match[2] ? match[2].split(',').filter(Boolean) : [] };
}

/** Puts what a Dockerfile says into a draft; what it does not say stays as in the draft, reported where expected. */
export function applyDockerfile(draft: DesignDraft, content: DockerfileContent, warnings: ImportWarning[], file: string): void {
  const set = <T>(path: string, located: Located<T> | undefined, what: string) => {
    if (located) setDraftField(draft, path, located.value, located.origin);
    else warnings.push({ file, message: `${file} does not show ${what}; kept the design's value.` });
  };
  // A missing base image was reported where FROM is (or is not).
  if (content.image) setDraftField(draft, 'base.image', content.image.value, content.image.origin);
  if (content.title) setDraftField(draft, 'project.name', content.title.value, content.title.origin);
  if (content.description) setDraftField(draft, 'project.description', content.description.value, content.description.origin);
  if (content.platforms) setDraftField(draft, 'base.platforms', content.platforms.value, content.platforms.origin);
  set('conda.installer', content.installer, 'the conda installer (its download URL)');
  if (content.installerVersion) setDraftField(draft, 'conda.installerVersion', content.installerVersion.value, content.installerVersion.origin);
  if (content.channelPriority) setDraftField(draft, 'conda.channelPriority', content.channelPriority.value, content.channelPriority.origin);
  set('user.name', content.user.name, 'the user name (ARG username)');
  set('user.uid', content.user.uid, 'the user ID (ARG uid)');
  set('user.gid', content.user.gid, 'the group ID (ARG gid)');
  set('paths.condaRoot', content.paths.condaRoot, 'where conda is installed (ENV CONDA_DIR)');
  set('paths.envPrefix', content.paths.envPrefix, 'the environment prefix (ENV ENV_PREFIX)');
  set('paths.projectDir', content.paths.projectDir, 'the project directory (ENV PROJECT_DIR)');
  if (content.aptPackages) setDraftList(draft, 'apt.packages', content.aptPackages);
  setDraftField(draft, 'gpu.enabled', content.gpu, {});
  if (content.cudaVersion) setDraftField(draft, 'gpu.cudaVersion', content.cudaVersion.value, content.cudaVersion.origin);
  setDraftList(draft, 'runtime.env', content.env);
  set('runtime.command', content.command, 'the default command (CMD)');
  if (content.customCommand) setDraftList(draft, 'runtime.customCommand', content.customCommand);
  if (content.port) setDraftField(draft, 'runtime.port', content.port.value, content.port.origin);
  if (content.expose) setDraftField(draft, 'runtime.expose', content.expose.value, content.expose.origin);
  for (const [flag, value] of Object.entries(content.compat)) setDraftField(draft, `compat.${flag}`, value, {});
  setDraftField(draft, 'dockerfile.comments', content.comments, {});
  const install = content.projectInstall;
  setDraftField(draft, 'project.install', install ? { enabled: true, ...install.value } : { ...DEFAULT_DESIGN.project.install }, install?.origin ?? {});
}

/**
 * Imports a Dockerfile that Condocker generated into `base` (default DEFAULT_DESIGN): the fields it carries replace
 * the base's; packages stay, since they live in environment.yml and requirements.txt. Reports what it could not find.
 * @example importDockerfile(generateFiles(design)[0].content).ok // true
 */
export function importDockerfile(text: string, base: Design = DEFAULT_DESIGN, options: ImportOptions = {}): ImportResult {
  const file = options.fileName ?? 'Dockerfile';
  const tooLarge = checkDockerfileSize(text, file);
  if (tooLarge) return { ok: false, error: tooLarge };
  const warnings: ImportWarning[] = [];
  const content = readDockerfile(text, file, warnings);
  const draft = createDraft(base);
  applyDockerfile(draft, content, warnings, file);
  return finalizeDraft(draft, warnings, file);
}
