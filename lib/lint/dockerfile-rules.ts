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
const commandsOf = (step: DockerfileStep): ShellCommand[] => step.run?.commands ?? [];
const unquote = (word: string) => word.replace(/^["']+|["']+$/g, '');
const list = (words: string[]) => [...new Set(words)].join(', ');

/** `apt-get install …` (any apt-get whose first operand is the subcommand). */
function aptGet(command: ShellCommand, subcommand: string) {
  if (programName(command) !== 'apt-get') return null;
  const options = parseOptions(command.args, APT_GET);
  return options.positional[0] === subcommand ? options : null;
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

/** The `--mount=type=cache` targets of a RUN. */
function cacheMountTargets(step: DockerfileStep): string[] {
  return step.flags
    .filter((flag) => flag.name === 'mount' && flag.value !== null)
    .map((flag) => new Map(flag.value!.split(',').map((pair) => [pair.split('=')[0].trim(), pair.slice(pair.indexOf('=') + 1).trim()] as const)))
    .filter((options) => options.get('type') === 'cache')
    .map((options) => options.get('target') ?? options.get('dst') ?? options.get('destination') ?? '');
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
      runs(dockerfile)
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
    check: (dockerfile) =>
      dockerfile.stages
        .filter((s) => s.tag === 'latest')
        .map((s) => ({ line: s.line, message: `FROM ${s.image} uses the latest tag; pin a release tag instead.` })),
  },
  {
    id: 'DL3008',
    severity: 'info',
    title: 'Pin versions in apt-get install',
    why: 'Unpinned packages install whatever the archive has on build day. Condocker reports this as info: a stable release only ships security fixes, and pins (pkg=version) break as soon as the archive drops the old version.',
    check: (dockerfile) =>
      runs(dockerfile).flatMap((step) => {
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
    why: '`apt-get update` downloads package lists (tens of MB) into /var/lib/apt/lists; unless the same RUN removes them they stay in the layer for good.',
    // As hadolint: only stages that end up in an image (the last, or one a later FROM builds on); a cache mount is fine.
    // Unlike hadolint, only an rm of /var/lib/apt/lists counts as cleanup (hadolint accepts any `rm -rf`).
    check: (dockerfile) =>
      runs(dockerfile)
        .filter((step) => isShipped(dockerfile, step.stage) || dockerfile.stages.length === 0)
        .filter((step) => commandsOf(step).some((c) => aptGet(c, 'update')))
        .filter((step) => !commandsOf(step).some((c) => programName(c) === 'rm' && c.args.some((a) => APT_LISTS.test(unquote(a)))))
        .filter((step) => {
          const targets = cacheMountTargets(step).map((t) => t.replace(/\/+$/, ''));
          return !(targets.some((t) => t.startsWith('/var/lib/apt/lists')) || (targets.includes('/var/lib/apt') && targets.includes('/var/cache/apt')));
        })
        .map((step) => ({ line: step.line, message: 'apt-get update runs here but this RUN does not remove /var/lib/apt/lists/*.' })),
  },
  {
    id: 'DL3015',
    severity: 'info',
    title: 'Avoid additional packages by specifying --no-install-recommends',
    why: 'By default apt-get also installs every recommended package, often hundreds of MB (documentation, X libraries) the image never uses.',
    check: (dockerfile) =>
      runs(dockerfile)
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
    why: 'In shell form Docker runs `/bin/sh -c "…"`: the shell is PID 1 and does not pass SIGTERM on, so `docker stop` waits and then kills; a shell-form ENTRYPOINT also ignores CMD and `docker run` arguments.',
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
    why: "pip keeps every downloaded wheel in ~/.cache/pip, which then stays in the layer; --no-cache-dir (or PIP_NO_CACHE_DIR set to any boolean) avoids it.",
    // Per stage as hadolint, ENV inherited by stages built on it; ARG too (it is in the environment of RUN), and a
    // cache mount on the pip cache (the cache never reaches the image).
    check: (dockerfile) => {
      const hits: RuleHit[] = [];
      const envSet = new Map<number, boolean>();
      const argSet = new Map<number, boolean>();
      const globalArgs = new Map<string, string | null>();
      const isSetting = (v: { name: string; value: string | null }) => v.name === 'PIP_NO_CACHE_DIR';
      for (const step of dockerfile.steps) {
        const stage = dockerfile.stages[step.stage];
        if (step.keyword === 'FROM' && stage) envSet.set(stage.index, stage.base !== null && (envSet.get(stage.base) ?? false));
        if (step.keyword === 'ARG' && !stage) for (const v of step.variables) globalArgs.set(v.name, v.value);
        if (step.keyword === 'ARG' && stage) {
          for (const v of step.variables.filter(isSetting)) argSet.set(step.stage, (v.value ?? globalArgs.get(v.name) ?? '') !== '');
        }
        if (step.keyword === 'ENV') for (const v of step.variables.filter(isSetting)) envSet.set(step.stage, (v.value ?? '') !== '');
        if (step.keyword !== 'RUN' || envSet.get(step.stage) || argSet.get(step.stage)) continue;
        if (cacheMountTargets(step).some((t) => /\/\.cache(\/pip)?\/?$/.test(t))) continue;
        const commands = commandsOf(step);
        const forgot = commands.some((c, k) => {
          const install = pipInstall(c);
          if (!install || install.flags.includes('no-cache-dir')) return false;
          const exported = commands.slice(0, k).some((e) => programName(e) === 'export' && e.args.some((a) => /^PIP_NO_CACHE_DIR=./.test(a)));
          return !exported && !c.assignments.some((a) => /^PIP_NO_CACHE_DIR=./.test(a));
        });
        if (forgot) hits.push({ line: step.line, message: 'pip install runs without --no-cache-dir, so its download cache stays in the layer.' });
      }
      return hits;
    },
  },
  {
    id: 'DL3046',
    severity: 'warning',
    title: 'useradd without flag -l and high UID will result in excessively large Image',
    why: 'useradd writes the user into /var/log/lastlog and faillog at an offset proportional to the UID; image layers do not keep the file sparse, so a UID like 123456789 adds gigabytes. -l (--no-log-init) skips it.',
    // hadolint flags a -u of more than 5 characters; a UID from a variable may be that large, so it counts too.
    check: (dockerfile) =>
      runs(dockerfile).flatMap((step) => {
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
      runs(dockerfile)
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
    why: 'Each RUN adds a layer; short consecutive RUNs are usually one step that could be one layer. As hadolint, RUNs with more than two commands or different --mount flags count as deliberate.',
    check: (dockerfile) => {
      const hits: RuleHit[] = [];
      let previous: { flags: string; count: number } | null = null;
      for (const step of dockerfile.steps) {
        if (step.keyword !== 'RUN') {
          previous = null;
          continue;
        }
        const flags = JSON.stringify(step.flags.map((f) => `${f.name}=${f.value}`).sort());
        const count = commandsOf(step).filter((c) => c.origin === 'script' && c.name !== '').length;
        if (previous && previous.flags === flags && count <= 2 && previous.count <= 2) {
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
