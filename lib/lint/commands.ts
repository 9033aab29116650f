// Finds the commands a Dockerfile's RUN instructions (and the postBuild script they run) call that nothing installs:
// not the base image, not an earlier `apt-get install`, not the conda environment. Reads the Dockerfile with the
// lint model and each script with the shell reader; knows only the commands in commands-data.ts.
import { parseCondaSpec } from '@/lib/specs/conda-spec';
import {
  APT_PACKAGE_BRINGS,
  APT_PACKAGES_WITHOUT_TOOLS,
  COMMAND_PROVIDERS,
  CONDA_BASE_MAY_PROVIDE,
  type CommandProvider,
} from './commands-data';
import { readDockerfile } from './dockerfile-rules-model';
import { isShell, parseOptions, parseShell, programName, type ShellCommand } from './dockerfile-rules-shell';

/** What the check needs to know besides the file texts. */
export interface CommandContext {
  /** Debian packages the base image lacks (BASE_IMAGE_LACKS); undefined for an unknown base: nothing is reported. */
  baseLacks: readonly string[] | undefined;
  /** The conda packages the environment file installs (match specs), available once the env is created. */
  condaPackages: readonly string[];
}

/** A command called where nothing has installed it. */
export interface MissingCommand {
  command: string;
  provider: CommandProvider;
  /** 'Dockerfile' or 'postBuild', the 1-based line that calls it and that line's text. */
  file: 'Dockerfile' | 'postBuild';
  line: number;
  lineText: string;
  /** Did an earlier apt-get install name packages whose dependencies Condocker does not know (one may bring it)? */
  unknownAptPackages: string[];
}

interface BuildState {
  apt: Set<string>;
  unknownApt: Set<string>;
  conda: Set<string>;
  condaBase: boolean;
}

const CONDA_TOOLS = new Set(['conda', 'mamba', 'micromamba']);
// How a script asks whether a command exists before using it: such a command is optional there, not missing.
const LOOKUPS: Record<string, (args: string[]) => string[]> = {
  command: (args) => (args.some((a) => /^-[vV]+$/.test(a)) ? args.filter((a) => !a.startsWith('-')) : []),
  which: (args) => args.filter((a) => !a.startsWith('-')),
  type: (args) => args.filter((a) => !a.startsWith('-')),
  hash: (args) => args.filter((a) => !a.startsWith('-')),
};

/** The package name of an apt-get argument: `curl=7.88*` → curl, `gcc:arm64` → gcc, `git/bookworm` → git. */
function aptName(arg: string): string {
  return arg.split(/[=/:]/)[0];
}

/** Records what an `apt-get install` / `apt install` command installs. */
function readAptInstall(command: ShellCommand, state: BuildState): void {
  if (!['apt-get', 'apt'].includes(programName(command))) return;
  const options = parseOptions(command.args, { short: 'otc', long: ['option', 'target-release', 'default-release', 'config-file'] });
  if (options.positional[0] !== 'install') return;
  const recommends = !options.flags.includes('no-install-recommends') && !options.values.get('o')?.some((o) => /Install-Recommends=(false|0|no)/i.test(o));
  for (const arg of options.positional.slice(1)) {
    if (arg.includes('$')) {
      state.unknownApt.add(arg); // a variable: whatever it names
      continue;
    }
    const name = aptName(arg);
    state.apt.add(name);
    const brings = APT_PACKAGE_BRINGS[name];
    for (const pkg of [...(brings?.depends ?? []), ...(recommends ? (brings?.recommends ?? []) : [])]) state.apt.add(pkg);
    if (!APT_PACKAGES_WITHOUT_TOOLS.has(name)) state.unknownApt.add(name);
  }
}

/** Records what a conda/mamba/micromamba `create`/`install` puts into the environment. */
function readCondaInstall(command: ShellCommand, state: BuildState, context: CommandContext): void {
  if (!CONDA_TOOLS.has(programName(command))) return;
  const args = command.args[0] === 'env' ? command.args.slice(1) : command.args;
  if (args[0] !== 'create' && args[0] !== 'install' && args[0] !== 'update') return;
  const options = parseOptions(args.slice(1), { short: 'fnpc', long: ['file', 'name', 'prefix', 'channel'] });
  if (options.values.has('f') || options.values.has('file')) for (const spec of context.condaPackages) addCondaSpec(spec, state);
  for (const spec of options.positional) addCondaSpec(spec, state);
}

function addCondaSpec(spec: string, state: BuildState): void {
  const parsed = parseCondaSpec(spec);
  if (parsed.ok) state.conda.add(parsed.spec.name);
}

/**
 * Does the command run a Miniforge/Miniconda installer in batch mode (`bash /tmp/installer.sh -b -p …`,
 * `~/miniconda.sh -b -p …`)? Its base environment then sits in CONDA_DIR/bin.
 */
function installsCondaBase(command: ShellCommand): boolean {
  const [script, ...args] = isShell(command) ? command.args : [command.name, ...command.args];
  return /\.sh$/.test(script ?? '') && args.includes('-b');
}

/** The commands a script tests for with `command -v`, `which`, `type` or `hash`. */
function lookedUp(commands: readonly ShellCommand[]): Set<string> {
  return new Set(commands.flatMap((c) => LOOKUPS[programName(c)]?.(c.args) ?? []));
}

/** The first line, from `start` (0-based) to `end` (exclusive), that calls the command as a word. */
function callingLine(lines: readonly string[], start: number, end: number, command: string): number {
  const word = new RegExp(`(^|[\\s;&|(\`'"])${command.replace(/[+.]/g, '\\$&')}(?=$|[\\s;&|)\`'"])`);
  for (let i = start; i < end; i++) if (!/^\s*#/.test(lines[i]) && word.test(lines[i])) return i;
  return start;
}

/** Checks the commands of one script against what the build has installed so far. */
function checkScript(
  commands: readonly ShellCommand[],
  state: BuildState,
  context: CommandContext,
  place: (command: string) => Pick<MissingCommand, 'file' | 'line' | 'lineText'>,
  found: MissingCommand[],
): void {
  const optional = lookedUp(commands);
  for (const command of commands) {
    readAptInstall(command, state);
    readCondaInstall(command, state, context);
    // A path (/usr/local/bin/curl, ${ENV_PREFIX}/bin/git) names its file: no PATH lookup to check.
    if (command.name.includes('/') || command.name.includes('$')) continue;
    const provider = COMMAND_PROVIDERS[command.name];
    if (!provider || optional.has(command.name)) continue;
    if (!context.baseLacks!.includes(provider.debian) || state.apt.has(provider.debian)) continue;
    if (provider.conda && state.conda.has(provider.conda)) continue;
    if (state.condaBase && CONDA_BASE_MAY_PROVIDE.has(command.name)) continue;
    const at = place(command.name);
    if (found.some((f) => f.command === command.name && f.file === at.file)) continue;
    found.push({ command: command.name, provider, ...at, unknownAptPackages: [...state.unknownApt] });
  }
}

/**
 * Every command (of COMMAND_PROVIDERS) that a RUN of the Dockerfile, or the postBuild script it runs, calls before
 * anything installs it; the first call of each, per file. An unknown base image gives none.
 * @example findMissingCommands('FROM ubuntu:24.04\nRUN curl -O https://x', undefined, { baseLacks: ['curl'], condaPackages: [] })[0].command // => 'curl'
 */
export function findMissingCommands(dockerfile: string, postBuild: string | undefined, context: CommandContext): MissingCommand[] {
  if (!context.baseLacks) return [];
  const found: MissingCommand[] = [];
  const model = readDockerfile(dockerfile);
  const lines = dockerfile.split(/\r?\n/);
  // Each stage starts from its own base: an earlier stage's state, or the design's base image.
  const stages: BuildState[] = [];
  let state: BuildState = { apt: new Set(), unknownApt: new Set(), conda: new Set(), condaBase: false };
  let postBuildChecked = false;
  const checkPostBuild = () => {
    if (postBuild === undefined || postBuildChecked) return;
    postBuildChecked = true;
    const postLines = postBuild.split('\n');
    const place = (command: string) => {
      const index = callingLine(postLines, 0, postLines.length, command);
      return { file: 'postBuild' as const, line: index + 1, lineText: postLines[index] };
    };
    checkScript(parseShell(postBuild).commands, { ...state, apt: new Set(state.apt), conda: new Set(state.conda) }, context, place, found);
  };
  model.steps.forEach((step, index) => {
    if (step.keyword === 'FROM') {
      const base = model.stages[step.stage]?.base;
      state = base !== null && base !== undefined && stages[base]
        ? { apt: new Set(stages[base].apt), unknownApt: new Set(stages[base].unknownApt), conda: new Set(stages[base].conda), condaBase: stages[base].condaBase }
        : { apt: new Set(), unknownApt: new Set(), conda: new Set(), condaBase: false };
      stages[step.stage] = state;
      return;
    }
    if (step.keyword !== 'RUN' || !step.run) return;
    const end = (model.steps[index + 1]?.line ?? lines.length + 1) - 1;
    const place = (command: string) => {
      const at = callingLine(lines, step.line - 1, end, command);
      return { file: 'Dockerfile' as const, line: at + 1, lineText: lines[at] };
    };
    checkScript(step.run.commands, state, context, place, found);
    if (step.run.commands.some(installsCondaBase)) state.condaBase = true;
    // postBuild runs in the RUN that calls it, with everything installed so far.
    if (step.run.commands.some((c) => /postBuild(\.sh)?$/.test(c.name))) checkPostBuild();
  });
  checkPostBuild();
  return found;
}
