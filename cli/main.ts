// The command-line door: the same design → files pipeline as the page and the API. Everything that touches the
// outside world goes through `CliIo`, so tests drive runCli with fakes and the bin passes Node's streams and fs.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { dump, load } from 'js-yaml';
import { PRESETS, findPreset } from '@/lib/design/presets';
import { resolveDesign } from '@/lib/design/resolve';
import type { Design } from '@/lib/design/schema';
import { generateFiles } from '@/lib/generators';
import type { ImportResult } from '@/lib/import/types';
import { shareUrl } from '@/lib/share';
import { normalizePipName } from '@/lib/specs/pip-requirement';
import { validateDesign } from '@/lib/validate-design';
import { buildZip } from '@/lib/zip';
import type { CheckReport } from '@/lib/solve/check';
import type { LoadRattler } from '@/lib/solve/rattler';
import packageJson from '@/package.json';

/** Everything the CLI reads and writes; `nodeIo` is the real one. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<Uint8Array>;
  /** Writes a file, creating missing parent folders; `mode` sets its permission bits exactly (umask aside). */
  writeFile(path: string, data: string | Uint8Array, mode?: number): Promise<void>;
}

/** The importers the `import` command calls: lib/import/index.ts unless a test replaces them. */
export interface Importers {
  /** One file, its kind told from its name or content. */
  importFile(name: string, content: string | Uint8Array): Promise<ImportResult>;
  /** Several files of one project (so `-r requirements.txt` is followed). */
  importFiles(files: ReadonlyArray<{ name: string; content: string | Uint8Array }>): Promise<ImportResult>;
}

/** Replaceable parts of the CLI, for tests. */
export interface CliDependencies {
  importers?: Importers;
  /** What `check` uses to reach the solver, the channels and the index; defaults: rattler's Node build, fetch, process.env. */
  check?: CheckDependencies;
  /** What `search` uses to reach the channels and the index; defaults: fetch, process.env, lib/mapping's snapshot. */
  search?: SearchDependencies;
}

/** The outside world of `condocker search`. */
export interface SearchDependencies {
  fetch?: typeof fetch;
  env?: Readonly<Record<string, string | undefined>>;
  /** The conda-forge names of a PyPI project, most preferred first (default: lib/mapping/pypi-conda.ts). */
  condaNamesForPypi?: (pypiName: string) => readonly string[];
}

/** The outside world of `condocker check`. */
export interface CheckDependencies {
  loadRattler?: LoadRattler;
  fetch?: typeof fetch;
  env?: Readonly<Record<string, string | undefined>>;
}

/** CliIo over the process's streams and the file system. */
export const nodeIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readFile: async (path) => new Uint8Array(await readFile(path)),
  writeFile: async (path, data, mode) => {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data);
    // writeFile's own mode applies only to new files and is masked by the umask; scripts must end up 0755.
    if (mode !== undefined) await chmod(path, mode);
  },
};

/** Exit codes: 0 done, 1 the work failed (bad design, unreadable file), 2 the command line was wrong. */
const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A failure runCli reports on stderr and turns into an exit code. */
class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message);
  }
}

const usageError = (message: string, command?: string) =>
  new CliFailure(`${message}\nRun "condocker ${command ? `${command} ` : ''}--help" for usage.`, EXIT.usage);

type OptionSpec = { type: 'string' | 'boolean'; short?: string; multiple?: boolean };

interface Command {
  summary: string;
  help: string;
  options: Record<string, OptionSpec>;
  /** How many positional arguments the command takes at most. */
  positionals: number;
  run(args: ParsedArgs, io: CliIo, deps: CliDependencies): Promise<void>;
}

interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

const DESIGN_OPTIONS: Record<string, OptionSpec> = { preset: { type: 'string', short: 'p' } };
const PRESET_HELP = '  -p, --preset NAME   use a preset instead of a design file (see "condocker presets")';
const DESIGN_NOTE = 'A design file may be partial: the defaults fill in everything it does not set.';

const COMMANDS: Record<string, Command> = {
  render: {
    summary: 'write the generated files of a design to a folder or a .zip',
    options: { ...DESIGN_OPTIONS, output: { type: 'string', short: 'o' }, flat: { type: 'boolean' } },
    positionals: 1,
    help: `Usage: condocker render (<design.json|yaml|yml> | --preset NAME) -o <folder | file.zip>

Writes every file the design generates (Dockerfile, environment.yml, …). Scripts are written executable.
${DESIGN_NOTE}

Options:
  -o, --output PATH   a folder (created if missing; files with the same names are overwritten),
                      or a file name ending in .zip
${PRESET_HELP}
      --flat          in a .zip, put the files at the top instead of in a folder named after the project
  -h, --help          show this help

Examples:
  condocker render design.yaml -o out/
  condocker render --preset pytorch-gpu -o pytorch-gpu.zip`,
    run: runRender,
  },
  import: {
    summary: 'turn environment.yml, requirements.txt, apt.txt, a design or a zip into a design',
    options: { json: { type: 'boolean' } },
    positionals: Infinity,
    help: `Usage: condocker import <file>... [--json]

Reads an environment.yml, requirements.txt, apt.txt, Dockerfile, postBuild, design file or a zip downloaded from
Condocker and prints the design it describes as YAML (save it and pass it to "condocker render"). Several files
are read as one project, so environment.yml's "-r requirements.txt" is followed. What the design cannot represent
is reported on stderr as "file:line: warning: message"; nothing is dropped silently.

Options:
      --json          print JSON instead of YAML
  -h, --help          show this help

Examples:
  condocker import environment.yml > design.yaml
  condocker import environment.yml requirements.txt apt.txt > design.yaml
  condocker import data-science.zip --json`,
    run: runImport,
  },
  link: {
    summary: 'print the share link of a design',
    options: { ...DESIGN_OPTIONS, origin: { type: 'string' } },
    positionals: 1,
    help: `Usage: condocker link (<design.json|yaml|yml> | --preset NAME) [--origin URL]

Prints the link that opens the design in the Condocker web app. ${DESIGN_NOTE}

Options:
      --origin URL    where the web app runs (default http://localhost:3000)
${PRESET_HELP}
  -h, --help          show this help

Examples:
  condocker link design.yaml --origin https://condocker.example.org`,
    run: runLink,
  },
  lint: {
    summary: 'say what will break before you build: findings on a design or a Dockerfile',
    options: { ...DESIGN_OPTIONS, format: { type: 'string', short: 'f' }, modernize: { type: 'boolean' } },
    positionals: 1,
    help: `Usage: condocker lint (<design.json|yaml|yml> | <Dockerfile> | --preset NAME) [--format text|json] [--modernize]

Prints each finding like a compiler: "file:line: severity rule message". A design is checked with Condocker's
design rules and its generated Dockerfile with the hadolint rules; a file named *Dockerfile* (or starting with
FROM, ARG or a parser directive) is checked with the hadolint rules only. Exits 1 when there is an error.

Options:
  -f, --format FMT    text (default) or json (an array of findings with why, source and fix)
      --modernize     apply every fix that modernizes the design and print the result as YAML
${PRESET_HELP}
  -h, --help          show this help

Examples:
  condocker lint --preset recipe-2020
  condocker lint Dockerfile --format json
  condocker lint --preset recipe-2020 --modernize > modern.yaml`,
    run: runLint,
  },
  check: {
    summary: 'solve the conda packages per platform and check the pip lines against the package indexes',
    options: {
      ...DESIGN_OPTIONS,
      'channel-url': { type: 'string', multiple: true },
      'pypi-url': { type: 'string' },
      format: { type: 'string', short: 'f' },
    },
    positionals: 1,
    help: `Usage: condocker check (<design.json|yaml|yml> | --preset NAME) [--channel-url NAME=URL]... [--pypi-url URL] [--format text|json]

Solves the design's conda packages for each target platform (linux/amd64 → linux-64, linux/arm64 →
linux-aarch64) with the virtual packages of its base image (__glibc, __cuda when GPU is on), and checks each pip
line against the index: the project exists, a version matches, it is not yanked, it supports the design's
Python, and a wheel fits each platform (else pip builds the sdist: is there a compiler?). Nothing is written.
Repodata comes from https://prefix.dev/conda-forge for conda-forge and https://conda.anaconda.org/NAME for other
channels; the packages it names keep their conda.anaconda.org URLs whatever mirror served them.

Exit status: 0 every platform solves and every pip line checks out, 1 something does not,
2 usage error or a channel or index that cannot be reached (the message names the URL).

Options:
      --channel-url NAME=URL  fetch channel NAME's repodata from URL (a mirror); repeat for several channels
      --pypi-url URL  base URL of a PyPI JSON API (URL/pypi/NAME/json); default: the design's index URL
                      without /simple, else https://pypi.org
  -f, --format FMT    text (default) or json:
                      {ok, platforms: {"linux-64": {ok, packages: [{name, version, build, channel, url, md5, sha256,
                      size}], downloadBytes} | {ok: false, kind, error, field, spec, line}}, pip: [{line, field, ok,
                      status, version, problems, warnings, notes}]}
${PRESET_HELP}
  -h, --help          show this help

Environment:
  CONDOCKER_CHANNEL_URLS  server-wide mirrors, NAME=URL pairs separated by commas, e.g.
                      "conda-forge=http://127.0.0.1:8080/conda-forge,bioconda=https://mirror.example.org/bioconda";
                      --channel-url wins for the same name

Examples:
  condocker check --preset data-science
  condocker check design.yaml --format json
  condocker check design.yaml --channel-url conda-forge=https://conda.anaconda.org/conda-forge`,
    run: runCheck,
  },
  lock: {
    summary: 'check the design, then write it with its lock (conda packages per platform, pip versions)',
    options: {
      ...DESIGN_OPTIONS,
      output: { type: 'string', short: 'o' },
      'channel-url': { type: 'string', multiple: true },
      'pypi-url': { type: 'string' },
    },
    positionals: 1,
    help: `Usage: condocker lock (<design.json|yaml|yml> | --preset NAME) -o <locked.yaml|locked.json> [--channel-url NAME=URL]... [--pypi-url URL]

Checks the design like "condocker check", then writes the design with its lock: every conda package per platform
(name, version, build, channel, md5, sha256, size; URLs on conda.anaconda.org whatever mirror served the metadata)
and the version checked for each pip line. "condocker render locked.yaml" then writes conda-linux-64.lock and
conda-linux-aarch64.lock, pins requirements.txt and installs the lock in the Dockerfile instead of solving.
Pip's own dependencies are not locked. Once the design's packages, channels, platforms, base image or GPU change,
the lock is stale: render leaves it out and says so; lock again.

Exit status: 0 locked, 1 the design does not check out (nothing written), 2 usage error or a channel or index that
cannot be reached (the message names the URL).

Options:
  -o, --output PATH   where to write the locked design (.yaml, .yml or .json)
      --channel-url NAME=URL  fetch channel NAME's repodata from URL (a mirror); repeat for several channels
      --pypi-url URL  base URL of a PyPI JSON API (URL/pypi/NAME/json)
${PRESET_HELP}
  -h, --help          show this help

Environment:
  CONDOCKER_CHANNEL_URLS  as for "condocker check"

Examples:
  condocker lock design.yaml -o locked.yaml
  condocker render locked.yaml -o out/`,
    run: runLock,
  },
  search: {
    summary: 'find package names: close conda matches with latest versions, the PyPI project, its conda-forge name',
    options: {
      channel: { type: 'string', short: 'c', multiple: true },
      platform: { type: 'string' },
      'channel-url': { type: 'string', multiple: true },
      'pypi-url': { type: 'string' },
      format: { type: 'string', short: 'f' },
      limit: { type: 'string', short: 'n' },
    },
    positionals: 1,
    help: `Usage: condocker search NAME [--channel NAME]... [--platform linux/amd64|linux/arm64] [--channel-url NAME=URL]...
                        [--pypi-url URL] [--format text|json] [--limit N]

Looks NAME up as you would type it into the form: the conda package names that match it best in each channel
(exact, then names starting with it, then close spellings such as "sklea" → scikit-learn or "numpi" → numpy), with
the latest version of each for the platform (its subdir and noarch); the PyPI project NAME with its latest version;
and, for a PyPI name, the conda-forge package that provides it (e.g. torch → pytorch, from the shipped mapping).
Names come from each channel's sharded repodata (SUBDIR/repodata_shards.msgpack.zst): conda-forge from
https://prefix.dev/conda-forge, other channels from https://conda.anaconda.org/NAME. Ties are broken by length,
then alphabetically: there is no popularity ranking.

Exit status: 0 something was found, 1 nothing matched, 2 usage error or a channel or index that cannot be reached
(the message names the URL).

Options:
  -c, --channel NAME  a channel to search (default conda-forge); repeat for several
      --platform P    linux/amd64 (default, subdir linux-64) or linux/arm64 (linux-aarch64)
      --channel-url NAME=URL  fetch channel NAME's repodata from URL (a mirror); repeat for several channels
      --pypi-url URL  base URL of a PyPI JSON API (URL/pypi/NAME/json); default https://pypi.org
  -f, --format FMT    text (default) or json: {query, platform, subdirs, channels: [{channel, url, matches: [{name,
                      kind, via, latest, versions: {SUBDIR: [newest first]}}]}], pypi: {kind, name, latest, summary,
                      url}, condaForPypi: [names]}
  -n, --limit N       how many conda names per channel (default 8, at most 50)
  -h, --help          show this help

Environment:
  CONDOCKER_CHANNEL_URLS  as for "condocker check"
  CONDOCKER_PYPI_URL  base URL of a PyPI JSON API; --pypi-url wins

Examples:
  condocker search sklearn
  condocker search torch --platform linux/arm64
  condocker search numpi --format json --limit 3`,
    run: runSearch,
  },
  presets: {
    summary: 'list the presets (use one with --preset NAME)',
    options: {},
    positionals: 0,
    help: `Usage: condocker presets

Lists the presets by id and description. Every command that takes a design also takes --preset ID.

Options:
  -h, --help          show this help`,
    run: runPresets,
  },
};

const MAIN_HELP = `condocker ${packageJson.version}: one design of a conda + pip + Docker environment → the files that build it.

Usage: condocker <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(10)}${command.summary}`)
  .join('\n')}

Every command that takes a design file also takes --preset NAME instead.
Run "condocker <command> --help" for a command's options and examples.

Options:
  -h, --help          show this help
  -v, --version       print the version`;

/**
 * Runs one condocker command line (without "node" and the script) and returns its exit code; never throws.
 * @example await runCli(['render', 'design.yaml', '-o', 'out'], nodeIo) // 0
 */
export async function runCli(argv: readonly string[], io: CliIo, deps: CliDependencies = {}): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined) {
      io.stderr(`${MAIN_HELP}\n`);
      return EXIT.usage;
    }
    if (name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
      io.stdout(`${MAIN_HELP}\n`);
      return EXIT.ok;
    }
    if (name === '--version' || name === '-v') {
      io.stdout(`${packageJson.version}\n`);
      return EXIT.ok;
    }
    if (name === 'help') return runCli([rest[0], '--help'], io, deps);
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command)
      throw usageError(`unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}.`);

    const args = parseCommandLine(name, command, rest);
    if (args.values.help) {
      io.stdout(`${command.help}\n`);
      return EXIT.ok;
    }
    await command.run(args, io, deps);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CliFailure) {
      io.stderr(`condocker: ${error.message}\n`);
      return error.exitCode;
    }
    // A bug, not a user mistake: say so plainly, with what is needed to report it.
    io.stderr(`condocker: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failed;
  }
}

function parseCommandLine(name: string, command: Command, args: string[]): ParsedArgs {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs({
      args,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw usageError(`${name}: ${error instanceof Error ? error.message : String(error)}`, name);
  }
  if (!parsed.values.help && parsed.positionals.length > command.positionals)
    throw usageError(
      `${name}: unexpected argument "${parsed.positionals[command.positionals]}"` +
        (command.positionals === 0 ? '; this command takes none.' : `; it takes at most ${command.positionals}.`),
      name,
    );
  return parsed;
}

async function runRender(args: ParsedArgs, io: CliIo): Promise<void> {
  const output = stringOption(args, 'output');
  if (!output) throw usageError('render: say where to write with -o <folder> or -o <file.zip>.', 'render');
  const design = await loadDesign('render', args, io);
  const files = generateFiles(design);
  const lockState = resolveDesign(design).lockState;
  if (lockState.kind === 'stale')
    io.stderr(`warning: the lock is stale (${lockState.differences.join('; ')}); the files are written without it. Run "condocker lock" again.\n`);

  if (output.toLowerCase().endsWith('.zip')) {
    const folder = args.values.flat ? undefined : design.project.name;
    const bytes = await buildZip(files, { folder });
    await writeOrFail(io, output, bytes);
    io.stdout(`Wrote ${output}: ${files.length} files${folder ? ` in ${folder}/` : ''}.\n`);
    return;
  }
  for (const file of files) await writeOrFail(io, join(output, file.path), file.content, file.mode);
  const listing = files.map((file) => `  ${file.path}${file.mode === 0o755 ? ' (executable)' : ''}`).join('\n');
  io.stdout(`Wrote ${files.length} files to ${output}:\n${listing}\n`);
}

async function runImport(args: ParsedArgs, io: CliIo, deps: CliDependencies): Promise<void> {
  const paths = args.positionals;
  if (paths.length === 0)
    throw usageError('import: name the file to import, e.g. "condocker import environment.yml".', 'import');
  const importers = deps.importers ?? (await loadImporters());
  // Bytes, not text: the importers tell a zip from text by its content and decode text themselves.
  const files = [];
  for (const path of paths) files.push({ name: basename(path), content: await readOrFail(io, path) });
  const result = files.length === 1 ? await importers.importFile(files[0].name, files[0].content) : await importers.importFiles(files);
  if (!result.ok) throw new CliFailure(`cannot import ${paths.join(', ')}: ${result.error}`);

  // Importers name files by base name; report the paths as given so editors can open them.
  const pathOf = new Map(paths.map((path) => [basename(path), path]));
  for (const warning of result.warnings) {
    const file = warning.file === undefined ? (paths.length === 1 ? paths[0] : undefined) : (pathOf.get(warning.file) ?? warning.file);
    const where = file === undefined ? '' : `${file}${warning.line === undefined ? '' : `:${warning.line}`}: `;
    io.stderr(`${where}${warning.severity ?? 'warning'}: ${warning.message}\n`);
  }
  io.stdout(args.values.json ? `${JSON.stringify(result.design, null, 2)}\n` : formatDesignYaml(result.design));
}

async function runLink(args: ParsedArgs, io: CliIo): Promise<void> {
  const origin = stringOption(args, 'origin') ?? 'http://localhost:3000';
  if (!/^https?:\/\/[^\s/?#]+(?:\/[^\s?#]*)?$/.test(origin))
    throw usageError(
      `link: --origin must be the web app's http(s) address without "?" or "#", e.g. "https://condocker.example.org"; got "${origin}".`,
      'link',
    );
  const design = await loadDesign('link', args, io);
  io.stdout(`${shareUrl(origin, design)}\n`);
}

function looksLikeDockerfile(path: string, text: string): boolean {
  return /dockerfile/i.test(basename(path)) || /^\s*(?:#\s*\w+=.*\n\s*)*(?:FROM|ARG)\s/i.test(text);
}

async function runLint(args: ParsedArgs, io: CliIo): Promise<void> {
  const format = stringOption(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw usageError(`lint: --format is text or json, not "${format}".`, 'lint');
  const { lintDesign, countFindings, modernize } = await import('@/lib/lint');
  const { lintDockerfile } = await import('@/lib/lint/dockerfile-rules');
  const path = args.positionals[0];
  let findings;
  if (path !== undefined && stringOption(args, 'preset') === undefined) {
    const text = decodeText(await readOrFail(io, path), path);
    if (looksLikeDockerfile(path, text)) {
      if (args.values.modernize) throw usageError('lint: --modernize works on designs, not on Dockerfiles.', 'lint');
      findings = lintDockerfile(text, { file: path });
    }
  }
  if (!findings) {
    const design = await loadDesign('lint', args, io);
    if (args.values.modernize) {
      const { design: modern, applied } = modernize(design);
      for (const fix of applied) io.stderr(`applied: ${fix.label}\n`);
      io.stdout(formatDesignYaml(modern));
      return;
    }
    findings = lintDesign(design);
  }
  if (format === 'json') io.stdout(`${JSON.stringify(findings, null, 2)}\n`);
  else
    for (const f of findings)
      io.stdout(`${f.file ?? 'design'}${f.line ? `:${f.line}` : ''}: ${f.severity} ${f.rule} ${f.message}${f.field ? ` [${f.field}]` : ''}\n`);
  const counts = countFindings(findings);
  if (format === 'text') io.stderr(`${counts.error} errors, ${counts.warning} warnings, ${counts.info} hints\n`);
  if (counts.error > 0) throw new CliFailure(`${counts.error} error${counts.error === 1 ? '' : 's'} found.`, EXIT.failed);
}

/** The channel mirrors (CONDOCKER_CHANNEL_URLS, then --channel-url flags) and --pypi-url of check, lock and search. */
async function mirrorOptions(command: string, args: ParsedArgs, env: Readonly<Record<string, string | undefined>>) {
  const { parseChannelUrlOverrides } = await import('@/lib/solve/channels');
  const fromEnv = parseChannelUrlOverrides(env.CONDOCKER_CHANNEL_URLS ?? '');
  if (!fromEnv.ok) throw usageError(`${command}: CONDOCKER_CHANNEL_URLS: ${fromEnv.error}`, command);
  const flagValue = args.values['channel-url'];
  const fromFlags = parseChannelUrlOverrides(Array.isArray(flagValue) ? flagValue : []);
  if (!fromFlags.ok) throw usageError(`${command}: --channel-url: ${fromFlags.error}`, command);
  const pypiUrl = stringOption(args, 'pypi-url');
  if (pypiUrl !== undefined && !/^https?:\/\/\S+$/.test(pypiUrl))
    throw usageError(`${command}: --pypi-url must be an http(s) URL such as "https://pypi.org"; got "${pypiUrl}".`, command);
  return { channelUrls: { ...fromEnv.overrides, ...fromFlags.overrides }, pypiUrl };
}

/** The design and the check options of `check` and `lock` (mirrors from the environment and the flags). */
async function prepareCheck(command: string, args: ParsedArgs, io: CliIo, deps: CliDependencies) {
  const { channelUrls, pypiUrl } = await mirrorOptions(command, args, deps.check?.env ?? process.env);
  const design = await loadDesign(command, args, io);
  const loadRattler = deps.check?.loadRattler ?? (await import('@/lib/solve/rattler-node')).loadNodeRattler;
  const options = {
    loadRattler,
    fetch: deps.check?.fetch ?? fetch,
    channelUrls,
    ...(pypiUrl ? { pypiUrl } : {}),
  };
  return { design, options };
}

/** `condocker check`: the solve and the pip checks, as text or JSON. */
async function runCheck(args: ParsedArgs, io: CliIo, deps: CliDependencies): Promise<void> {
  const format = stringOption(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw usageError(`check: --format is text or json, not "${format}".`, 'check');
  const { design, options } = await prepareCheck('check', args, io, deps);
  const { checkDesign, checkReport } = await import('@/lib/solve/check');
  const report = checkReport(await checkDesign(design, options));
  io.stdout(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatCheckText(report));
  if (report.networkError) throw new CliFailure(`check: ${report.networkError}`, EXIT.usage);
  if (!report.ok) throw new CliFailure('check: the design does not check out (see above).', EXIT.failed);
}

/** `condocker lock`: check, then write the design with its lock; nothing is written unless the check is clean. */
async function runLock(args: ParsedArgs, io: CliIo, deps: CliDependencies): Promise<void> {
  const output = stringOption(args, 'output');
  if (!output) throw usageError('lock: say where to write the locked design with -o <locked.yaml>.', 'lock');
  const extension = extname(output).toLowerCase();
  if (!['.json', '.yaml', '.yml'].includes(extension)) throw usageError(`lock: -o names a design file ending in .yaml, .yml or .json; got "${output}".`, 'lock');
  const { design, options } = await prepareCheck('lock', args, io, deps);
  const { checkDesign, checkReport } = await import('@/lib/solve/check');
  const { lockFromCheck } = await import('@/lib/solve/lock');
  const result = await checkDesign(design, options);
  const report = checkReport(result);
  if (report.networkError) {
    io.stderr(formatCheckText(report));
    throw new CliFailure(`lock: ${report.networkError}`, EXIT.usage);
  }
  const locked = lockFromCheck(design, result);
  if (!report.ok || !locked.ok) {
    io.stderr(formatCheckText(report));
    throw new CliFailure(`lock: ${locked.ok ? 'the design does not check out (see above)' : locked.error.replace(/^Lock: /, '')}; nothing written.`, EXIT.failed);
  }
  const withLock = { ...design, lock: locked.lock };
  await writeOrFail(io, output, extension === '.json' ? `${JSON.stringify(withLock, null, 2)}\n` : formatDesignYaml(withLock));
  const counts = Object.entries(locked.lock.platforms).map(([subdir, packages]) => `${packages?.length ?? 0} conda packages for ${subdir}`);
  const pip = locked.lock.pip.length ? [`${locked.lock.pip.length} pip version${locked.lock.pip.length === 1 ? '' : 's'}`] : [];
  io.stdout(`Locked ${[...counts, ...pip].join(', ')}; wrote ${output}.\n`);
}

/** One conda name `search` shows: why it matched and its versions per subdir. */
interface SearchMatch {
  name: string;
  kind: string;
  via?: string;
  latest?: string;
  versions: Record<string, string[]>;
}

/** One channel's part of the `search` answer. */
interface SearchChannel {
  channel: string;
  url: string;
  matches: SearchMatch[];
}

const SEARCH_LIMIT_MAX = 50;

/** `condocker search`: conda names close to NAME per channel with their latest versions, the PyPI project, the mapping. */
async function runSearch(args: ParsedArgs, io: CliIo, deps: CliDependencies): Promise<void> {
  const query = (args.positionals[0] ?? '').trim();
  if (!query) throw usageError('search: name what to look for, e.g. "condocker search numpy".', 'search');
  const format = stringOption(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw usageError(`search: --format is text or json, not "${format}".`, 'search');
  const limitText = stringOption(args, 'limit') ?? '8';
  const limit = Number(limitText);
  if (!/^\d+$/.test(limitText) || limit < 1 || limit > SEARCH_LIMIT_MAX)
    throw usageError(`search: --limit is a whole number from 1 to ${SEARCH_LIMIT_MAX}, not "${limitText}".`, 'search');
  const { SUBDIR_OF_PLATFORM } = await import('@/lib/solve/virtual-packages');
  const platform = stringOption(args, 'platform') ?? 'linux/amd64';
  if (!Object.hasOwn(SUBDIR_OF_PLATFORM, platform))
    throw usageError(`search: --platform is ${Object.keys(SUBDIR_OF_PLATFORM).join(' or ')}, not "${platform}".`, 'search');
  const env = deps.search?.env ?? process.env;
  const mirrors = await mirrorOptions('search', args, env);
  const envPypi = (env.CONDOCKER_PYPI_URL ?? '').trim();
  const pypiUrl = mirrors.pypiUrl ?? (envPypi || undefined);
  const fetchFn = deps.search?.fetch ?? fetch;
  const channelFlag = args.values.channel;
  const channelNames = Array.isArray(channelFlag) && channelFlag.length > 0 ? channelFlag : ['conda-forge'];

  const { resolveChannels } = await import('@/lib/solve/channels');
  const { createNameSearch } = await import('@/lib/suggest/name-search');
  const { fetchNameIndex, fetchPackageVersions, lookupPypiProject, PYPI_URL } = await import('@/lib/suggest/sources');
  const { pypiJsonBase } = await import('@/lib/solve/pypi-check');
  const condaNamesForPypi = deps.search?.condaNamesForPypi ?? (await import('@/lib/mapping/pypi-conda')).condaNamesForPypi;
  const subdirs = [SUBDIR_OF_PLATFORM[platform as keyof typeof SUBDIR_OF_PLATFORM], 'noarch'];
  const condaForPypi = [...condaNamesForPypi(query)];
  const aliases = new Map<string, readonly string[]>(condaForPypi.length > 0 ? [[query, condaForPypi]] : []);

  const errors: string[] = [];
  const channels: SearchChannel[] = [];
  const searchChannel = async (channel: { name: string; fetchUrl: string }): Promise<SearchChannel> => {
    const indexes = await Promise.all(subdirs.map((subdir) => fetchNameIndex(channel.fetchUrl, subdir, fetchFn)));
    const names = indexes.flatMap(({ index }) => index.names);
    const matches = createNameSearch(names, { aliases }).search(query, limit);
    const byIndex = Object.fromEntries(subdirs.map((subdir, i) => [subdir, indexes[i].index]));
    const versions = await Promise.all(matches.map((match) => fetchPackageVersions(channel.fetchUrl, subdirs, byIndex, match.name, fetchFn)));
    return {
      channel: channel.name,
      url: channel.fetchUrl,
      matches: matches.map((match, i) => ({ ...match, ...(versions[i].latest ? { latest: versions[i].latest } : {}), versions: versions[i].subdirs })),
    };
  };
  const [channelResults, pypi] = await Promise.all([
    Promise.allSettled(resolveChannels(channelNames, mirrors.channelUrls).map(searchChannel)),
    lookupPypiProject(query, fetchFn, pypiUrl),
  ]);
  for (const result of channelResults) {
    if (result.status === 'fulfilled') channels.push(result.value);
    else errors.push(result.reason instanceof Error ? result.reason.message : String(result.reason));
  }
  if (pypi.kind === 'error') errors.push(pypi.message);
  const pypiBase = pypiJsonBase(pypiUrl ?? PYPI_URL);

  if (format === 'json') {
    const report = { query, platform, subdirs, channels, pypi: { ...pypi, url: pypiBase }, condaForPypi, ...(errors.length ? { errors } : {}) };
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else io.stdout(formatSearchText(query, subdirs, channels, pypi, pypiBase, condaForPypi));

  if (errors.length > 0) throw new CliFailure(`search: ${errors.join('\n  ')}`, EXIT.usage);
  const found = channels.some((channel) => channel.matches.length > 0) || pypi.kind === 'found' || condaForPypi.length > 0;
  if (!found) throw new CliFailure(`search: nothing matches "${query}".`, EXIT.failed);
}

function formatSearchText(
  query: string,
  subdirs: string[],
  channels: SearchChannel[],
  pypi: { kind: string; name?: string; latest?: string; summary?: string },
  pypiBase: string,
  condaForPypi: string[],
): string {
  const lines: string[] = [];
  for (const channel of channels) {
    lines.push(`${channel.channel} (${subdirs.join(', ')}):`);
    if (channel.matches.length === 0) lines.push('  no close names');
    const width = Math.max(0, ...channel.matches.map((match) => match.name.length)) + 2;
    const versionWidth = Math.max(0, ...channel.matches.map((match) => (match.latest ?? '-').length)) + 2;
    for (const match of channel.matches)
      lines.push(`  ${match.name.padEnd(width)}${(match.latest ?? '-').padEnd(versionWidth)}${match.kind}${match.via ? ` (PyPI name ${match.via})` : ''}`);
  }
  if (pypi.kind === 'found') lines.push(`PyPI: ${pypi.name} ${pypi.latest}${pypi.summary ? `: ${pypi.summary}` : ''}`);
  else if (pypi.kind === 'missing') lines.push(`PyPI: no project "${query}" on ${pypiBase}`);
  if (condaForPypi.length > 0) {
    // The mapping also lists packages that bundle a project (numpy → pysr, …): name the preferred one and its
    // variants (pytorch-cpu), and only count the rest.
    const [preferred, ...others] = condaForPypi;
    const stem = normalizePipName(query);
    const variants = others.filter((name) => normalizePipName(name).includes(stem));
    const bundlers = others.length - variants.length;
    const extra = [variants.length > 0 ? `also ${variants.join(', ')}` : '', bundlers > 0 ? `${bundlers} more that bundle it` : ''].filter(Boolean).join('; ');
    lines.push(`conda-forge name of PyPI "${query}": ${preferred}${extra ? ` (${extra})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** The check as lines a person reads: one per platform and per pip line, the reasons indented below. */
function formatCheckText(report: CheckReport): string {
  const lines: string[] = [];
  for (const [subdir, result] of Object.entries(report.platforms)) {
    if (result.ok) lines.push(`${subdir}: ok, ${result.packages.length} packages, ${formatMegabytes(result.downloadBytes)} to download`);
    else {
      const where = [result.field, result.line ? `environment.yml:${result.line}` : undefined].filter(Boolean).join(', ');
      lines.push(`${subdir}: ${result.kind}${where ? ` [${where}]` : ''}`);
      lines.push(...result.error.split('\n').map((line) => `  ${line}`));
    }
    lines.push(...result.notes.map((note) => `  note: ${note}`));
  }
  if (report.pip.length > 0) lines.push('pip:');
  for (const line of report.pip) {
    const label = line.status === 'ok' ? 'ok' : line.status;
    lines.push(`  ${label}: ${line.line}${line.version ? ` → ${line.version}` : ''} [${line.field}]`);
    lines.push(...line.problems.map((problem) => `    error: ${problem}`));
    lines.push(...line.warnings.map((warning) => `    warning: ${warning}`));
    lines.push(...line.notes.map((note) => `    note: ${note}`));
  }
  return `${lines.join('\n')}\n`;
}

async function runPresets(_args: ParsedArgs, io: CliIo): Promise<void> {
  const width = Math.max(...PRESETS.map((preset) => preset.id.length)) + 2;
  io.stdout(PRESETS.map((preset) => `${preset.id.padEnd(width)}${preset.description}\n`).join(''));
}

/** The design named by `--preset` or by the positional design file, validated; failures are CliFailures. */
async function loadDesign(command: string, args: ParsedArgs, io: CliIo): Promise<Design> {
  const file = args.positionals[0];
  const presetId = stringOption(args, 'preset');
  if (file !== undefined && presetId !== undefined)
    throw usageError(`${command}: give a design file or --preset, not both.`, command);
  if (presetId !== undefined) {
    const preset = findPreset(presetId);
    if (!preset)
      throw new CliFailure(
        `unknown preset "${presetId}". Known presets: ${PRESETS.map((p) => p.id).join(', ')} (see "condocker presets").`,
        EXIT.usage,
      );
    return preset.design;
  }
  if (file === undefined)
    throw usageError(`${command}: give a design file (.json, .yaml or .yml) or --preset NAME.`, command);

  const extension = extname(file).toLowerCase();
  if (!['.json', '.yaml', '.yml'].includes(extension))
    throw usageError(
      `${file}: a design file ends in .json, .yaml or .yml. To make a design from ${basename(file)}, run "condocker import ${file}".`,
      command,
    );
  const text = decodeText(await readOrFail(io, file), file);
  // A file with nothing but blanks and comments is an empty partial design: all defaults (js-yaml rejects it).
  const blank = text.split('\n').every((line) => /^\s*(?:#.*)?$/.test(line));
  let input: unknown;
  try {
    if (blank) input = {};
    else input = extension === '.json' ? JSON.parse(text) : load(text, { filename: file, maxAliases: 100 });
  } catch (error) {
    throw new CliFailure(`${file}: not valid ${extension === '.json' ? 'JSON' : 'YAML'}: ${errorMessage(error)}`);
  }
  if (input === null || input === undefined) input = {};
  if (typeof input !== 'object' || Array.isArray(input))
    throw new CliFailure(
      `${file}: a design is a mapping of settings such as "project: {name: my-project}", not ${Array.isArray(input) ? 'a list' : `a ${typeof input}`}.`,
    );

  const result = validateDesign(input);
  if (!result.ok)
    throw new CliFailure(`${file} is not a valid design:\n${result.issues.map((issue) => `  ${issue}`).join('\n')}`);
  for (const key of result.unknownKeys)
    io.stderr(`${file}: warning: unknown setting "${key}" ignored (check its spelling; "condocker import ${file}" shows what is read)\n`);
  return result.design;
}

/** The whole design as YAML: every value spelled out, so later changes of the defaults do not change it. */
function formatDesignYaml(design: Design): string {
  return dump(design, { lineWidth: -1, noRefs: true });
}

/** lib/import, loaded on first use so that the other commands start without it. */
async function loadImporters(): Promise<Importers> {
  const { importFile, importFiles } = await import('@/lib/import');
  return { importFile: (name, content) => importFile(name, content), importFiles: (files) => importFiles(files) };
}

function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

async function readOrFail(io: CliIo, path: string): Promise<Uint8Array> {
  try {
    return await io.readFile(path);
  } catch (error) {
    throw new CliFailure(`cannot read ${path}: ${fileErrorMessage(error)}.`);
  }
}

async function writeOrFail(io: CliIo, path: string, data: string | Uint8Array, mode?: number): Promise<void> {
  try {
    await io.writeFile(path, data, mode);
  } catch (error) {
    throw new CliFailure(`cannot write ${path}: ${fileErrorMessage(error)}.`);
  }
}

function decodeText(bytes: Uint8Array, path: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliFailure(`${path}: not UTF-8 text; save it as UTF-8 and try again.`);
  }
}

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'it already exists',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
};

function fileErrorMessage(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return (typeof code === 'string' && FILE_ERRORS[code]) || errorMessage(error);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
