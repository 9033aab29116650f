// The Dockerfile rules of lint: hadolint's checks that matter for conda/pip images, each a row of DOCKERFILE_RULES
// (ID, severity, title, why, check) over the parsed Dockerfile. Semantics follow hadolint's rule sources; where
// Condocker differs on purpose the row says so.
import type { Finding, Severity } from './types';
import { readDockerfile, type DockerfileModel, type DockerfileStep } from './dockerfile-rules-model';
import { parseOptions, programName, setsPipefail, type OptionSpec, type ShellCommand } from './dockerfile-rules-shell';

/** Where a rule fires: the 1-based line of the instruction and a one-sentence message. */
export interface RuleHit {
  line: number;
  message: string;
}

/** One Dockerfile rule: hadolint's ID and title, Condocker's severity, why it matters, and its check. */
export interface DockerfileRule {
  /** hadolint's rule ID, e.g. 'DL3008'. */
  id: string;
  severity: Severity;
  /** hadolint's short description of the rule. */
  title: string;
  /** Why it matters, for the finding's `why`. */
  why: string;
  check: (dockerfile: DockerfileModel) => RuleHit[];
}

// Options that take a value, per program, so that a value is not read as a package or an operand.
const APT_GET: OptionSpec = { short: 'oct', long: ['option', 'config-file', 'target-release', 'default-release'] };
const PIP: OptionSpec = {
  short: 'rceti',
  long: ['requirement', 'constraint', 'editable', 'target', 'index-url', 'extra-index-url', 'find-links', 'prefix', 'root',
    'src', 'upgrade-strategy', 'progress-bar', 'python-version', 'platform', 'abi', 'implementation', 'no-binary',
    'only-binary', 'config-settings', 'cache-dir', 'log', 'proxy', 'retries', 'timeout', 'exists-action', 'trusted-host',
    'cert', 'client-cert', 'global-option', 'report', 'python', 'use-feature', 'use-deprecated', 'group'],
};
const USERADD: OptionSpec = {
  short: 'bcdefgGkKpPRsuZ',
  long: ['base-dir', 'comment', 'home-dir', 'expiredate', 'inactive', 'gid', 'groups', 'skel', 'key', 'password', 'prefix',
    'root', 'shell', 'uid', 'selinux-user'],
};
const APTITUDE: OptionSpec = { short: 'oStwF', long: ['target-release', 'default-release', 'sort', 'width', 'display-format'] };
const WGET: OptionSpec = {
  short: 'oaeOtTwPUiBQlDAIRXn',
  long: ['output-file', 'append-output', 'execute', 'output-document', 'tries', 'timeout', 'wait', 'directory-prefix',
    'user-agent', 'input-file', 'base', 'quota', 'level', 'domains', 'accept', 'reject', 'include-directories',
    'exclude-directories', 'header', 'user', 'password', 'post-data', 'post-file'],
};

// Archive types ADD unpacks (hadolint's archiveFileFormatExtensions).
const ARCHIVE_EXTENSIONS = ['.tar', '.Z', '.bz2', '.gz', '.lz', '.lzma', '.tZ', '.tb2', '.tbz', '.tbz2', '.tgz', '.tlz', '.tpz', '.txz', '.xz'];
// `apt-get update` leaves these lists behind unless the same RUN removes them.
const APT_LISTS = /^\/var\/lib\/apt(\/lists(\/.*)?|\/\*?)?$/;
const NON_POSIX_SHELLS = /^(pwsh|powershell|cmd)(\.exe)?$/i;
const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ash', 'ksh', 'mksh']);

const runs = (dockerfile: DockerfileModel) => dockerfile.steps.filter((step) => step.keyword === 'RUN' && step.run !== null);
/** The RUN triggers of ONBUILD instructions (same line as the ONBUILD). */
const onbuildRuns = (dockerfile: DockerfileModel) =>
  dockerfile.steps.flatMap((step) => (step.keyword === 'ONBUILD' && step.trigger?.keyword === 'RUN' && step.trigger.run ? [step.trigger] : []));
// hadolint runs DL3004, DL3008, DL3009, DL3015, DL3042, DL3046 and DL3047 on `ONBUILD RUN` too (its `onbuild` rule
// wrapper); the other rules here do not look inside ONBUILD.
const runsAndTriggers = (dockerfile: DockerfileModel) => [...runs(dockerfile), ...onbuildRuns(dockerfile)].sort((a, b) => a.line - b.line);
const commandsOf = (step: DockerfileStep): ShellCommand[] => step.run?.commands ?? [];
const unquote = (word: string) => word.replace(/^["']+|["']+$/g, '');
const list = (words: string[]) => [...new Set(words)].join(', ');

/** `apt-get install …` (any apt-get whose first operand is the subcommand). */
function aptGet(command: ShellCommand, subcommand: string) {
  if (programName(command) !== 'apt-get') return null;
  const options = parseOptions(command.args, APT_GET);
  return options.positional[0] === subcommand ? options : null;
}

// hadolint DL3009 counts `apt-get update`, `apt update` and `aptitude update`.
const APT_UPDATERS: Record<string, OptionSpec> = { 'apt-get': APT_GET, apt: APT_GET, aptitude: APTITUDE };

/** `apt-get update`, `apt update` or `aptitude update`: the commands that download the package lists. */
function aptUpdate(command: ShellCommand): boolean {
  const spec = APT_UPDATERS[programName(command)];
  return spec !== undefined && parseOptions(command.args, spec).positional[0] === 'update';
}

/** `pip install …`, `pip3.12 install …` or `python -m pip install …`, but not pipx or pipenv. */
function pipInstall(command: ShellCommand) {
  const program = programName(command);
  let args = command.args;
  if (/^python(\d+(\.\d+)*)?$/.test(program)) {
    const dashM = args.findIndex((arg, k) => (arg === '-m' && args[k + 1] === 'pip') || arg === '-mpip');
    if (dashM === -1) return null;
    args = args.slice(dashM + (args[dashM] === '-m' ? 2 : 1));
  } else if (!/^pip(\d+(\.\d+)*)?$/.test(program)) {
    return null;
  }
  const options = parseOptions(args, PIP);
  return options.positional[0] === 'install' ? options : null;
}

/** The `--mount` options of a RUN, one map per mount (`type=cache,target=/x` gives type → cache, target → /x). */
function runMounts(step: DockerfileStep): Array<Map<string, string>> {
  return step.flags
    .filter((flag) => flag.name === 'mount' && flag.value !== null)
    .map((flag) => new Map(flag.value!.split(',').map((pair) => [pair.split('=')[0].trim(), pair.slice(pair.indexOf('=') + 1).trim()] as const)));
}

/**
 * Where a RUN mounts a cache or a tmpfs, without trailing slashes. Nothing written there reaches the layer, so
 * hadolint (hasCacheOrTmpfsMountWith) counts both the same for DL3009 and DL3042.
 */
function cacheOrTmpfsTargets(step: DockerfileStep): string[] {
  return runMounts(step)
    .filter((mount) => mount.get('type') === 'cache' || mount.get('type') === 'tmpfs')
    .map((mount) => (mount.get('target') ?? mount.get('dst') ?? mount.get('destination') ?? '').replace(/(.)\/+$/, '$1'));
}

/** Whether `path` is `dir` or inside it. */
const isWithin = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);

/**
 * How pip reads a PIP_NO_CACHE_DIR value (pip's cmdoptions._handle_no_cache_dir and utils.misc.strtobool): empty
 * is ignored, any boolean pip knows disables the cache (false and 0 too, kept for backwards compatibility), anything
 * else stops pip with an error. A value from a variable is given the benefit of the doubt.
 * @example pipNoCacheDir('false') // => 'disabled'
 */
export function pipNoCacheDir(value: string | null | undefined): 'disabled' | 'unset' | 'invalid' {
  if (value === null || value === undefined || value === '') return 'unset';
  if (/[$`]/.test(value)) return 'disabled';
  return /^(y|yes|t|true|on|1|n|no|f|false|off|0)$/i.test(value) ? 'disabled' : 'invalid';
}

/** The value of a `NAME=value` word for `name`, or undefined when the word sets something else. */
function assigned(word: string, name: string): string | undefined {
  return word.startsWith(`${name}=`) ? word.slice(name.length + 1) : undefined;
}

/**
 * The commands that DL3059 counts, as hadolint counts them (ShellCheck's simple commands, `$(…)` included): a bare
 * assignment, a `[ … ]` / `[[ … ]]` test and a program whose name is not a literal word (`"$CONDA_DIR/bin/conda"`)
 * are not counted, nor are the scripts given to `bash -c` or the commands behind sudo.
 * @example hadolintCommandCount(readDockerfile('FROM x\nRUN a && $(b) | c\n').steps[1]) // => 3
 */
export function hadolintCommandCount(step: DockerfileStep): number {
  return commandsOf(step).filter((c) => c.origin === 'script' && c.name !== '' && c.name !== '[' && c.name !== '[[' && !/[$`]/.test(c.name)).length;
}

/** DL3042's message; a PIP_NO_CACHE_DIR value pip rejects gets its own, since pip then stops instead. */
function pipCacheMessage(values: Array<string | null | undefined>): string {
  const invalid = values.find((v) => pipNoCacheDir(v) === 'invalid');
  return invalid
    ? `PIP_NO_CACHE_DIR=${invalid} is not a boolean pip reads, so pip install stops with an error; set it to 1 or pass --no-cache-dir.`
    : 'pip install runs without --no-cache-dir, so its download cache stays in the layer.';
}

/** Whether a RUN runs `pip install` with its cache on: no --no-cache-dir, no PIP_NO_CACHE_DIR for it, no cache mount. */
function forgetsPipCache(step: DockerfileStep): boolean {
  if (cacheOrTmpfsTargets(step).some((t) => /\/\.cache(\/pip)?$/.test(t))) return false;
  const commands = commandsOf(step);
  return commands.some((c, k) => {
    const install = pipInstall(c);
    if (!install || install.flags.includes('no-cache-dir')) return false;
    const exported = commands.slice(0, k).flatMap((e) => (programName(e) === 'export' ? e.args : []));
    const values = [...exported, ...c.assignments].map((w) => assigned(w, 'PIP_NO_CACHE_DIR')).filter((v) => v !== undefined);
    return values.length === 0 || pipNoCacheDir(values[values.length - 1]) !== 'disabled';
  });
}

/** Whether a stage ends up in an image: it is the last stage, or a later FROM builds on it (hadolint DL3009). */
function isShipped(dockerfile: DockerfileModel, stage: number): boolean {
  return stage === dockerfile.stages.length - 1 || dockerfile.stages.some((other) => other.base === stage);
}

function isRootUser(user: string): boolean {
  return user === 'root' || user === '0' || user.startsWith('root:') || user.startsWith('0:');
}

/** The rules, in hadolint ID order. */
export const DOCKERFILE_RULES: readonly DockerfileRule[] = [
  {
    id: 'DL3002',
    severity: 'warning',
    title: 'Last USER should not be root',
    why: 'A container that runs as root turns any escape from the application into root on the files it can reach; switch back to an unprivileged user after the steps that need root.',
    // Per stage, as hadolint: the last USER of each stage.
    check: (dockerfile) =>
      dockerfile.stages.flatMap((stage) => {
        const last = dockerfile.steps.findLast((step) => step.stage === stage.index && step.keyword === 'USER');
        const user = last?.text.trim().split(/\s+/)[0] ?? '';
        return last && isRootUser(user) ? [{ line: last.line, message: `The last USER of this stage is ${user}, so its container runs as root.` }] : [];
      }),
  },
  {
    id: 'DL3004',
    severity: 'error',
    title: 'Do not use sudo as it leads to unpredictable behavior',
    why: 'RUN already runs as the current USER and base images rarely ship sudo, so the build fails or asks for a password; switch with USER root … USER you instead.',
    check: (dockerfile) =>
      runsAndTriggers(dockerfile)
        .filter((step) => commandsOf(step).some((c) => programName(c) === 'sudo'))
        .map((step) => ({ line: step.line, message: 'RUN uses sudo; use USER root before the step and switch back after it.' })),
  },
  {
    id: 'DL3006',
    severity: 'warning',
    title: 'Always tag the version of an image explicitly',
    why: 'Without a tag Docker pulls `latest`, which moves: the same Dockerfile builds a different system next month.',
    // Variables (${BASE_IMAGE}) may carry the tag and earlier stages need none; scratch and digests are pinned.
    check: (dockerfile) =>
      dockerfile.stages
        .filter((s) => s.image !== '' && s.image !== 'scratch' && !s.image.includes('$') && s.base === null && s.tag === null && s.digest === null)
        .map((s) => ({ line: s.line, message: `FROM ${s.image} has no tag, so it builds on whatever ${s.image}:latest is that day.` })),
  },
  {
    id: 'DL3007',
    severity: 'warning',
    title: 'Using latest is prone to errors if the image will ever update',
    why: '`latest` is whatever was pushed last: a rebuild can switch the OS release or Python version under you. Pin a release tag.',
    // As hadolint, a digest pins the image whatever the tag says (`python:latest@sha256:…`).
    check: (dockerfile) =>
      dockerfile.stages
        .filter((s) => s.tag === 'latest' && s.digest === null)
        .map((s) => ({ line: s.line, message: `FROM ${s.image} uses the latest tag; pin a release tag instead.` })),
  },
  {
    id: 'DL3008',
    severity: 'info',
    title: 'Pin versions in apt-get install',
    why: 'Unpinned packages install whatever the archive has on build day. Condocker reports this as info: a stable release only ships security fixes, and pins (pkg=version) break as soon as the archive drops the old version.',
    check: (dockerfile) =>
      runsAndTriggers(dockerfile).flatMap((step) => {
        const unpinned = commandsOf(step).flatMap((c) => {
          const install = aptGet(c, 'install');
          return install ? install.positional.slice(1).filter((p) => !p.includes('=') && !p.includes('/') && !p.endsWith('.deb')) : [];
        });
        return unpinned.length > 0 ? [{ line: step.line, message: `apt-get install does not pin versions of ${list(unpinned)}.` }] : [];
      }),
  },
  {
    id: 'DL3009',
    severity: 'info',
    title: 'Delete the apt-get lists after installing something',
    why: '`apt-get update` (or `apt update`, `aptitude update`) downloads package lists (tens of MB) into /var/lib/apt/lists; unless the same RUN removes them, or keeps them in a cache or tmpfs mount, they stay in the layer for good.',
    // As hadolint: only stages that end up in an image (the last, or one a later FROM builds on), and every ONBUILD
    // RUN (it runs in whatever image builds on this one); a cache or tmpfs mount on the lists, or on both
    // /var/lib/apt and /var/cache/apt, keeps them out. Unlike hadolint, only an rm of /var/lib/apt/lists counts as
    // cleanup (hadolint accepts any `rm -rf`), and a mount counts at the path or below it (hadolint takes any target
    // whose text contains the path, /srv/var/lib/apt/lists too).
    check: (dockerfile) =>
      [...runs(dockerfile).filter((step) => isShipped(dockerfile, step.stage) || dockerfile.stages.length === 0), ...onbuildRuns(dockerfile)]
        .sort((a, b) => a.line - b.line)
        .filter((step) => commandsOf(step).some(aptUpdate))
        .filter((step) => !commandsOf(step).some((c) => programName(c) === 'rm' && c.args.some((a) => APT_LISTS.test(unquote(a)))))
        .filter((step) => {
          const targets = cacheOrTmpfsTargets(step);
          const covered = (dir: string) => targets.some((t) => isWithin(t, dir));
          return !(covered('/var/lib/apt/lists') || (targets.includes('/var/lib/apt') && covered('/var/cache/apt')));
        })
        .map((step) => {
          const update = commandsOf(step).find(aptUpdate)!;
          return { line: step.line, message: `${programName(update)} update runs here but this RUN does not remove /var/lib/apt/lists/*.` };
        }),
  },
  {
    id: 'DL3015',
    severity: 'info',
    title: 'Avoid additional packages by specifying --no-install-recommends',
    why: 'By default apt-get also installs every recommended package, often hundreds of MB (documentation, X libraries) the image never uses.',
    check: (dockerfile) =>
      runsAndTriggers(dockerfile)
        .filter((step) =>
          commandsOf(step).some((c) => {
            const install = aptGet(c, 'install');
            if (!install) return false;
            const settings = [...(install.values.get('o') ?? []), ...(install.values.get('option') ?? []), ...install.positional];
            return !install.flags.includes('no-install-recommends') && !settings.some((s) => /^APT::Install-Recommends=("?)(false|0|no|off)\1$/i.test(s));
          }),
        )
        .map((step) => ({ line: step.line, message: 'apt-get install runs without --no-install-recommends.' })),
  },
  {
    id: 'DL3020',
    severity: 'error',
    title: 'Use COPY instead of ADD for files and folders',
    why: 'ADD also fetches URLs and unpacks archives, so what lands in the image depends on the file name; COPY only copies, which is what a local file or folder needs.',
    // Sources that start with a variable may be URLs, so they are left alone (hadolint flags them).
    check: (dockerfile) =>
      dockerfile.steps
        .filter((step) => step.keyword === 'ADD')
        .flatMap((step) => {
          const words = step.exec ?? step.args;
          const sources = words.slice(0, -1).map(unquote);
          if (sources.some((s) => s.startsWith('<<'))) return [];
          const local = sources.filter(
            (s) => !/^(https?:\/\/|git@)/.test(s) && !s.startsWith('$') && !ARCHIVE_EXTENSIONS.some((ext) => s.endsWith(ext)),
          );
          return local.length > 0 ? [{ line: step.line, message: `ADD copies local ${list(local.map((l) => `"${l}"`))}; use COPY for files and folders.` }] : [];
        }),
  },
  {
    id: 'DL3025',
    severity: 'warning',
    title: 'Use arguments JSON notation for CMD and ENTRYPOINT arguments',
    why: 'In shell form Docker runs `/bin/sh -c "…"`: the shell is PID 1 and does not pass SIGTERM on, so `docker stop` waits and then kills; a shell-form ENTRYPOINT also ignores CMD and `docker run` arguments. Unlike hadolint, Condocker leaves a shell-form HEALTHCHECK CMD alone on purpose: a health check is a short-lived process Docker starts beside PID 1, so neither harm applies, and `CMD curl -f http://localhost/ || exit 1` is the form Docker documents.',
    check: (dockerfile) =>
      dockerfile.steps
        .filter((step) => (step.keyword === 'CMD' || step.keyword === 'ENTRYPOINT') && step.exec === null && step.text.trim() !== '')
        .map((step) => ({
          line: step.line,
          message: step.text.trim().startsWith('[')
            ? `${step.keyword} is not valid JSON (strings need double quotes), so Docker runs it through /bin/sh -c.`
            : `${step.keyword} is in shell form, so /bin/sh -c runs as PID 1 instead of your program; write it as a JSON array.`,
        })),
  },
  {
    id: 'DL3042',
    severity: 'warning',
    title: 'Avoid use of cache directory with pip',
    why: "pip keeps every downloaded wheel in ~/.cache/pip, which then stays in the layer; --no-cache-dir, PIP_NO_CACHE_DIR set to any boolean pip reads (pip disables the cache for false and 0 too, where hadolint asks for a true value), or a cache or tmpfs mount on ~/.cache/pip avoids it.",
    // Per stage as hadolint, ENV inherited by stages built on it. Where hadolint differs from what pip and the shell
    // do, Condocker follows pip and the shell: PIP_NO_CACHE_DIR=false or =0 still disables the cache (strtobool, then
    // always off); an empty value is ignored by pip; ARG is in the environment of RUN too; `PIP_NO_CACHE_DIR=1;` in
    // the RUN without export never reaches pip (hadolint searches the RUN text); a mount on ~/.cache holds pip's cache
    // too. An ONBUILD RUN runs in the image built on this one: it sees this stage's last ENV, then earlier ONBUILD ENVs
    // (hadolint reads only the ONBUILD lines).
    check: (dockerfile) => {
      const hits: Array<RuleHit & { order: number }> = [];
      const envValue = new Map<number, string | null>();
      const onbuildEnvValue = new Map<number, string | null>();
      const argValue = new Map<number, string | null>();
      const globalArgs = new Map<string, string | null>();
      const triggers: Array<{ step: DockerfileStep; onbuildEnv: string | null | undefined; order: number }> = [];
      const setting = (step: DockerfileStep) => step.variables.findLast((v) => v.name === 'PIP_NO_CACHE_DIR');
      dockerfile.steps.forEach((step, order) => {
        const stage = dockerfile.stages[step.stage];
        if (step.keyword === 'FROM' && stage) {
          envValue.set(stage.index, stage.base === null ? null : (envValue.get(stage.base) ?? null));
          argValue.delete(stage.index);
        }
        if (step.keyword === 'ARG' && !stage) for (const v of step.variables) globalArgs.set(v.name, v.value);
        const arg = step.keyword === 'ARG' && stage ? setting(step) : undefined;
        if (arg) argValue.set(step.stage, arg.value ?? globalArgs.get(arg.name) ?? null);
        const env = step.keyword === 'ENV' ? setting(step) : undefined;
        if (env) envValue.set(step.stage, env.value);
        const onbuildEnv = step.trigger?.keyword === 'ENV' ? setting(step.trigger) : undefined;
        if (onbuildEnv) onbuildEnvValue.set(step.stage, onbuildEnv.value);
        if (step.trigger?.keyword === 'RUN') triggers.push({ step: step.trigger, onbuildEnv: onbuildEnvValue.get(step.stage), order });
        if (step.keyword !== 'RUN') return;
        const values = [envValue.get(step.stage), argValue.get(step.stage)];
        if (!values.some((v) => pipNoCacheDir(v) === 'disabled') && forgetsPipCache(step)) hits.push({ line: step.line, message: pipCacheMessage(values), order });
      });
      for (const { step, onbuildEnv, order } of triggers) {
        const value = onbuildEnv !== undefined ? onbuildEnv : envValue.get(step.stage);
        if (pipNoCacheDir(value) !== 'disabled' && forgetsPipCache(step)) hits.push({ line: step.line, message: pipCacheMessage([value]), order });
      }
      return hits.sort((a, b) => a.order - b.order).map(({ line, message }) => ({ line, message }));
    },
  },
  {
    id: 'DL3046',
    severity: 'warning',
    title: 'useradd without flag -l and high UID will result in excessively large Image',
    why: 'useradd writes the user into /var/log/lastlog and faillog at an offset proportional to the UID; image layers do not keep the file sparse, so a UID like 123456789 adds gigabytes. -l (--no-log-init) skips it.',
    // hadolint flags a -u of more than 5 characters; a UID from a variable may be that large, so it counts too.
    check: (dockerfile) =>
      runsAndTriggers(dockerfile).flatMap((step) => {
        const uids = commandsOf(step).flatMap((c) => {
          if (programName(c) !== 'useradd') return [];
          const options = parseOptions(c.args, USERADD);
          if (options.flags.includes('l') || options.flags.includes('no-log-init')) return [];
          return [...(options.values.get('u') ?? []), ...(options.values.get('uid') ?? [])].filter((uid) => !/^\d+$/.test(uid) || Number(uid) > 99999);
        });
        return uids.length > 0
          ? [{ line: step.line, message: `useradd sets UID ${list(uids)} without -l (--no-log-init), which can bloat /var/log/lastlog in the layer.` }]
          : [];
      }),
  },
  {
    id: 'DL3047',
    severity: 'info',
    title: 'Avoid use of wget without progress bar',
    why: 'Without a TTY wget prints a line per fraction of a percent, so a large download floods the build log; use --progress=dot:giga, -q or -nv.',
    check: (dockerfile) =>
      runsAndTriggers(dockerfile)
        .filter((step) =>
          commandsOf(step).some((c) => {
            if (programName(c) !== 'wget') return false;
            const o = parseOptions(c.args, WGET);
            const quiet = ['progress', 'q', 'quiet', 'no-verbose', 'o', 'output-file', 'a', 'append-output'].some((f) => o.flags.includes(f));
            return !quiet && !(o.values.get('n') ?? []).includes('v');
          }),
        )
        .map((step) => ({ line: step.line, message: 'wget runs without --progress, -q or -nv, so it floods the build log.' })),
  },
  {
    id: 'DL3059',
    severity: 'info',
    title: 'Multiple consecutive RUN instructions. Consider consolidation',
    why: 'Each RUN adds a layer; short consecutive RUNs are usually one step that could be one layer. As hadolint, a RUN of two or more commands (`a && b`, `a; b`, `a | b`, `$(b)` in `a`) or with different flags counts as deliberate.',
    // hadolint's `> 2` counts each simple command twice (ShellCheck's getCommand matches both the redirection wrapper
    // and the command inside it), so in effect two RUNs in a row are reported only when each runs one command.
    check: (dockerfile) => {
      const hits: RuleHit[] = [];
      let previous: { flags: string; count: number } | null = null;
      for (const step of dockerfile.steps) {
        if (step.keyword !== 'RUN') {
          previous = null;
          continue;
        }
        // hadolint compares the parsed flags, so the order of a mount's options does not matter.
        const flags = JSON.stringify(step.flags.map((f) => `${f.name}=${f.name === 'mount' ? (f.value ?? '').split(',').sort().join(',') : f.value}`).sort());
        const count = hadolintCommandCount(step);
        if (previous && previous.flags === flags && count <= 1 && previous.count <= 1) {
          hits.push({ line: step.line, message: 'This RUN follows another short RUN; consider joining them with &&.' });
        } else {
          previous = { flags, count };
        }
      }
      return hits;
    },
  },
  {
    id: 'DL4003',
    severity: 'warning',
    title: 'Multiple CMD instructions found',
    why: 'Only the last CMD of a stage takes effect; the earlier ones are dead code that misleads the reader.',
    check: (dockerfile) => repeatedInStage(dockerfile, 'CMD'),
  },
  {
    id: 'DL4004',
    severity: 'error',
    title: 'Multiple ENTRYPOINT instructions found',
    why: 'Only the last ENTRYPOINT of a stage takes effect, so the container does not start the way the first one says.',
    check: (dockerfile) => repeatedInStage(dockerfile, 'ENTRYPOINT'),
  },
  {
    id: 'DL4006',
    severity: 'warning',
    title: 'Set the SHELL option -o pipefail before RUN with a pipe in it',
    why: 'A pipe succeeds when its last command does: in `curl … | bash` a failed download still passes and the build goes on. SHELL ["/bin/bash", "-o", "pipefail", "-c"] (or set -o pipefail) makes it fail.',
    // SHELL is inherited by stages built on an earlier stage (hadolint resets it at every FROM).
    check: (dockerfile) => {
      const hits: RuleHit[] = [];
      const shellState = new Map<number, 'pipefail' | 'no-pipefail' | 'non-posix'>();
      for (const step of dockerfile.steps) {
        const stage = dockerfile.stages[step.stage];
        if (step.keyword === 'FROM' && stage) shellState.set(stage.index, (stage.base !== null && shellState.get(stage.base)) || 'no-pipefail');
        if (step.keyword === 'SHELL') {
          const program = programName({ name: step.exec?.[0] ?? '' });
          const args = step.exec?.slice(1) ?? [];
          const script = args.findIndex((a) => /^-[A-Za-z]*c$/.test(a));
          const options = script === -1 ? args : args.slice(0, script);
          const pipefail = PIPEFAIL_SHELLS.has(program) && setsPipefail(options);
          shellState.set(step.stage, NON_POSIX_SHELLS.test(program) ? 'non-posix' : pipefail ? 'pipefail' : 'no-pipefail');
        }
        if (step.keyword !== 'RUN' || !step.run) continue;
        const state = shellState.get(step.stage) ?? 'no-pipefail';
        const unsafe = step.run.pipes.some((p) => !p.pipefail && !(p.underShellInstruction && state !== 'no-pipefail'));
        if (unsafe) hits.push({ line: step.line, message: 'This RUN has a pipe but pipefail is off, so a failure before the last | goes unnoticed.' });
      }
      return hits;
    },
  },
];

/** Every CMD or ENTRYPOINT of a stage after its first (hadolint DL4003, DL4004). */
function repeatedInStage(dockerfile: DockerfileModel, keyword: 'CMD' | 'ENTRYPOINT'): RuleHit[] {
  const seen = new Set<number>();
  const hits: RuleHit[] = [];
  for (const step of dockerfile.steps.filter((s) => s.keyword === keyword)) {
    if (seen.has(step.stage)) hits.push({ line: step.line, message: `A second ${keyword} in this stage overrides the earlier one; only the last takes effect.` });
    seen.add(step.stage);
  }
  return hits;
}

/** The hadolint wiki page of a rule. */
function hadolintSource(id: string): Finding['source'] {
  return { title: `hadolint ${id}`, url: `https://github.com/hadolint/hadolint/wiki/${id}` };
}

/**
 * Lints a Dockerfile with the rules of DOCKERFILE_RULES: one finding per rule and instruction, sorted by line.
 * Never throws; a rule that fails on odd input reports nothing.
 * @example lintDockerfile('FROM python:latest\n')[0] // => { rule: 'DL3007', severity: 'warning', line: 1, … }
 */
export function lintDockerfile(text: string, options: { file?: string } = {}): Finding[] {
  const file = options.file ?? 'Dockerfile';
  let dockerfile: DockerfileModel;
  try {
    dockerfile = readDockerfile(typeof text === 'string' ? text : '');
  } catch {
    return [];
  }
  const findings: Finding[] = [];
  for (const rule of DOCKERFILE_RULES) {
    let hits: RuleHit[];
    try {
      hits = rule.check(dockerfile);
    } catch {
      continue;
    }
    const lines = new Set<number>();
    for (const hit of hits) {
      if (lines.has(hit.line)) continue;
      lines.add(hit.line);
      findings.push({ rule: rule.id, severity: rule.severity, message: hit.message, why: rule.why, source: hadolintSource(rule.id), file, line: hit.line });
    }
  }
  return findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule));
}
