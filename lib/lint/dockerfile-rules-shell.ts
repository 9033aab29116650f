// A small shell reader for the Dockerfile rules: enough of POSIX sh/bash to find the simple commands of a RUN, their
// arguments and its pipes (quotes, escapes, $(…), ${…}, backticks, here-documents, if/for/case, subshells). It never
// throws and never runs anything; what it cannot read it reads as words, which is what the rules need.

/** Where a command was found: in the script itself, behind a wrapper (`sudo apt-get …`), or in a script of its own. */
export type CommandOrigin = 'script' | 'wrapper' | 'nested';

/** One simple command as the rules see it. */
export interface ShellCommand {
  /** The program as written, quotes removed ('' for a bare assignment or redirection). */
  name: string;
  /** The arguments, quotes removed; `$VAR`, `${…}` and `$(…)` kept as written. */
  args: string[];
  /** `NAME=value` words written before the program (quotes removed). */
  assignments: string[];
  /** Bodies of the here-documents fed to the command. */
  heredocs: string[];
  /** `script` for the script itself and its `$(…)`; `wrapper` for the command behind sudo/env/…; `nested` for `bash -c '…'`. */
  origin: CommandOrigin;
}

/** One `|` of the script, and whether `set -o pipefail` was in effect there. */
export interface ShellPipe {
  pipefail: boolean;
}

/** The commands of a script in the order they run, and its pipes. */
export interface ShellScript {
  commands: ShellCommand[];
  pipes: ShellPipe[];
}

/** Options of a command, read the way getopt reads them. */
export interface ParsedOptions {
  /** Every option given, by name without dashes (`-lm` gives `l` and `m`; `--uid=5` gives `uid`). */
  flags: string[];
  /** The values of options that take one, by option name. */
  values: Map<string, string[]>;
  /** The arguments that are not options, in order. */
  positional: string[];
}

/** Which options take a value: short letters and long names. `stopAtPositional` ends options at the first operand. */
export interface OptionSpec {
  short?: string;
  long?: readonly string[];
  stopAtPositional?: boolean;
}

type WordToken = { kind: 'word'; value: string; raw: string; quoted: boolean; subs: string[] };
type OpToken = { kind: 'op'; op: string };
type RedirToken = { kind: 'redir'; op: string; target: WordToken; heredoc: string | null };
type Token = WordToken | OpToken | RedirToken;

const OPERATORS = [';;&', '&&', '||', ';;', ';&', '|&', ';', '|', '&', '(', ')'];
const REDIRECTS = ['&>>', '<<<', '<<-', '&>', '<<', '<>', '<&', '>>', '>&', '>|', '<', '>'];
const WORD_END = new Set([' ', '\t', '\n', '\r', ';', '&', '|', '(', ')', '<', '>']);
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}', 'function']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);
// Deep enough for any real script; stops pathological input like "$($($(…" from recursing without end.
const MAX_DEPTH = 24;

/**
 * The index just past the bracket that closes the one at `open` (`(`, `{`), skipping quoted text; text.length if
 * it never closes.
 */
function scanBalanced(text: string, open: number): number {
  const opener = text[open];
  const closer = opener === '(' ? ')' : '}';
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === "'" && opener === '(') i = closingQuote(text, i, "'");
    else if (c === '"') i = closingQuote(text, i, '"');
    else if (c === '`') i = closingQuote(text, i, '`');
    else if (c === opener) depth++;
    else if (c === closer && --depth === 0) return i + 1;
  }
  return text.length;
}

/**
 * The index of the quote that closes the one at `start`, or text.length. Backslash escapes inside " and `; inside
 * " an expansion may hold quotes of its own ("$(id -u "$u")"), so it is skipped whole.
 */
function closingQuote(text: string, start: number, quote: string): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && quote !== "'") i++;
    else if (c === quote) return i;
    else if (quote === '"' && c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) i = scanBalanced(text, i + 1) - 1;
    else if (quote === '"' && c === '`') i = closingQuote(text, i, '`');
  }
  return text.length;
}

/** The command substitutions inside text that is itself an expansion or a double-quoted string. */
function substitutionsIn(text: string): string[] {
  const subs: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '$' && text[i + 1] === '(') {
      const end = scanBalanced(text, i + 1);
      if (text[i + 2] !== '(') subs.push(text.slice(i + 2, end - 1));
      i = end - 1;
    } else if (c === '`') {
      const end = closingQuote(text, i, '`');
      subs.push(text.slice(i + 1, end));
      i = end;
    }
  }
  return subs;
}

/** Reads the shell text into tokens: words (quotes removed), operators and redirections with their heredoc bodies. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pendingHeredocs: Array<{ token: RedirToken; delimiter: string; stripTabs: boolean }> = [];
  let i = 0;

  const readWord = (): WordToken => {
    const start = i;
    let value = '';
    let quoted = false;
    const subs: string[] = [];
    while (i < text.length) {
      const c = text[i];
      if ((c === '<' || c === '>') && text[i + 1] === '(') {
        // Process substitution <(…) is a word whose inside is a script.
        const end = scanBalanced(text, i + 1);
        subs.push(text.slice(i + 2, end - 1));
        value += text.slice(i, end);
        i = end;
        continue;
      }
      if (WORD_END.has(c)) break;
      if (c === '\\') {
        if (text[i + 1] === '\n') i += 2;
        else if (text[i + 1] === '\r' && text[i + 2] === '\n') i += 3;
        else {
          value += text[i + 1] ?? '';
          quoted = true;
          i += 2;
        }
      } else if (c === "'") {
        const end = closingQuote(text, i, "'");
        value += text.slice(i + 1, end);
        quoted = true;
        i = end + 1;
      } else if (c === '"') {
        const end = closingQuote(text, i, '"');
        const inner = text.slice(i + 1, end);
        value += inner.replace(/\\([$`"\\])/g, '$1').replace(/\\\r?\n/g, '');
        subs.push(...substitutionsIn(inner));
        quoted = true;
        i = end + 1;
      } else if (c === '$' && text[i + 1] === "'") {
        const end = closingQuote(text, i + 1, "'");
        value += text.slice(i + 2, end);
        quoted = true;
        i = end + 1;
      } else if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
        const end = scanBalanced(text, i + 1);
        const expansion = text.slice(i, end);
        subs.push(...substitutionsIn(expansion));
        value += expansion;
        i = end;
      } else if (c === '`') {
        const end = closingQuote(text, i, '`');
        subs.push(text.slice(i + 1, end));
        value += text.slice(i, end + 1);
        i = end + 1;
      } else {
        value += c;
        i++;
      }
    }
    return { kind: 'word', value, raw: text.slice(start, i), quoted, subs };
  };

  // After a line break: the bodies of the here-documents opened on that line, in order.
  const readHeredocBodies = () => {
    for (const pending of pendingHeredocs.splice(0)) {
      const lines: string[] = [];
      while (i < text.length) {
        const lineEnd = text.indexOf('\n', i);
        const end = lineEnd === -1 ? text.length : lineEnd;
        let line = text.slice(i, end).replace(/\r$/, '');
        i = lineEnd === -1 ? text.length : lineEnd + 1;
        if (pending.stripTabs) line = line.replace(/^\t+/, '');
        if (line === pending.delimiter) break;
        lines.push(line);
      }
      pending.token.heredoc = lines.join('\n');
    }
  };

  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\n' ? 2 : 3;
    } else if (c === '\n' || c === '\r') {
      i++;
      if (c === '\r' && text[i] === '\n') i++;
      tokens.push({ kind: 'op', op: '\n' });
      readHeredocBodies();
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else {
      const fd = /^\d+(?=[<>])/.exec(text.slice(i, i + 12));
      const at = fd ? i + fd[0].length : i;
      const isProcessSubstitution = (text[at] === '<' || text[at] === '>') && text[at + 1] === '(';
      const redirect = isProcessSubstitution ? undefined : REDIRECTS.find((r) => text.startsWith(r, at));
      if (redirect) {
        i = at + redirect.length;
        while (text[i] === ' ' || text[i] === '\t') i++;
        const target = WORD_END.has(text[i] ?? ' ') ? { kind: 'word' as const, value: '', raw: '', quoted: false, subs: [] } : readWord();
        const token: RedirToken = { kind: 'redir', op: redirect, target, heredoc: null };
        tokens.push(token);
        if (redirect === '<<' || redirect === '<<-') {
          pendingHeredocs.push({ token, delimiter: target.value, stripTabs: redirect === '<<-' });
        }
        continue;
      }
      const operator = isProcessSubstitution ? undefined : OPERATORS.find((o) => text.startsWith(o, i));
      if (operator) {
        tokens.push({ kind: 'op', op: operator });
        i += operator.length;
      } else {
        const before = i;
        tokens.push(readWord());
        if (i === before) i++; // never stall on a character no branch consumed
      }
    }
  }
  return tokens;
}

/**
 * Reads getopt-style options: `-abc` clusters, `-ofile` / `-o file`, `--name=value` / `--name value`, `--` ending
 * options. GNU tools take options after operands too, unless `stopAtPositional` (sudo, env: the rest is a command).
 * @example parseOptions(['-lm', '-u', '5', 'bob'], { short: 'u' }) // => flags l, m, u; values u: ['5']; positional ['bob']
 */
export function parseOptions(args: readonly string[], spec: OptionSpec = {}): ParsedOptions {
  const flags: string[] = [];
  const values = new Map<string, string[]>();
  const positional: string[] = [];
  const addValue = (name: string, value: string) => values.set(name, [...(values.get(name) ?? []), value]);
  for (let k = 0; k < args.length; k++) {
    const arg = args[k];
    if (arg === '--') {
      positional.push(...args.slice(k + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      flags.push(name);
      if (eq !== -1) addValue(name, arg.slice(eq + 1));
      else if (spec.long?.includes(name) && k + 1 < args.length) addValue(name, args[++k]);
    } else if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j];
        flags.push(letter);
        if (spec.short?.includes(letter)) {
          if (j + 1 < arg.length) addValue(letter, arg.slice(j + 1));
          else if (k + 1 < args.length) addValue(letter, args[++k]);
          break;
        }
      }
    } else {
      positional.push(arg);
      if (spec.stopAtPositional) {
        positional.push(...args.slice(k + 1));
        break;
      }
    }
  }
  return { flags, values, positional };
}

/**
 * The program a command runs, without its directory.
 * @example programName({ name: '${CONDA_DIR}/bin/conda' }) // => 'conda'
 */
export function programName(command: Pick<ShellCommand, 'name'>): string {
  return command.name.slice(command.name.lastIndexOf('/') + 1);
}

// Commands that run another command given as their arguments. `skip`: operands before the command (gosu USER cmd);
// `sub`: the subcommand that runs one (conda run); `assignments`: NAME=value operands set its environment (env).
const WRAPPERS: Record<string, OptionSpec & { skip?: number; sub?: string; assignments?: boolean; lookupFlags?: string }> = {
  sudo: {
    short: 'ugpChDRTrtU',
    long: ['user', 'group', 'prompt', 'close-from', 'host', 'chdir', 'chroot', 'command-timeout', 'role', 'type', 'other-user'],
    assignments: true,
  },
  env: { short: 'uSC', long: ['unset', 'split-string', 'chdir'], assignments: true },
  exec: { short: 'a' },
  nohup: {},
  time: {},
  command: { lookupFlags: 'vV' },
  gosu: { skip: 1 },
  'su-exec': { skip: 1 },
  conda: { sub: 'run', short: 'np', long: ['name', 'prefix', 'cwd'] },
  mamba: { sub: 'run', short: 'np', long: ['name', 'prefix', 'cwd'] },
  micromamba: { sub: 'run', short: 'npr', long: ['name', 'prefix', 'cwd', 'root-prefix'] },
};

/** The command behind a wrapper (`sudo -u x apt-get …` → `apt-get …`), or null. */
function unwrap(command: ShellCommand): ShellCommand | null {
  const wrapper = WRAPPERS[programName(command)];
  if (!wrapper) return null;
  let args = command.args;
  if (wrapper.sub) {
    if (args[0] !== wrapper.sub) return null;
    args = args.slice(1);
  }
  const options = parseOptions(args, { ...wrapper, stopAtPositional: true });
  if (wrapper.lookupFlags && options.flags.some((f) => wrapper.lookupFlags!.includes(f))) return null;
  const rest = options.positional.slice(wrapper.skip ?? 0);
  const assignments = [...command.assignments];
  if (wrapper.assignments) {
    while (rest.length > 0 && ASSIGNMENT.test(rest[0])) assignments.push(rest.shift()!);
  }
  if (rest.length === 0) return null;
  return { name: rest[0], args: rest.slice(1), assignments, heredocs: command.heredocs, origin: 'wrapper' };
}

/** The script a shell is asked to run: the operand after `-c` (`bash -o pipefail -c '…'`), or null. */
export function shellScriptOperand(args: readonly string[]): string | null {
  for (let k = 0; k < args.length; k++) {
    const arg = args[k];
    if (arg.startsWith('--') && arg !== '--') continue; // --login, --norc
    if (!/^-[A-Za-z]+$/.test(arg)) return null; // an operand (a script file) comes before any -c
    if (arg.includes('c')) return args[k + 1] ?? null;
    if (/[oO]$/.test(arg)) k++; // -o pipefail, -O extglob
  }
  return null;
}

/** Whether the options given to a shell (or to `set`) turn pipefail on: `-o pipefail`, `-euo pipefail`. */
export function setsPipefail(args: readonly string[], current = false): boolean {
  let pipefail = current;
  for (let k = 0; k < args.length - 1; k++) {
    if (args[k + 1] !== 'pipefail') continue;
    if (/^-[A-Za-z]*o$/.test(args[k])) pipefail = true;
    else if (/^\+[A-Za-z]*o$/.test(args[k])) pipefail = false;
  }
  return pipefail;
}

/** Whether the program is a POSIX-style shell (sh, bash, dash, ash, zsh, ksh). */
export function isShell(command: Pick<ShellCommand, 'name'>): boolean {
  return SHELLS.has(programName(command));
}

type Mode = 'normal' | 'for' | 'case-word' | 'case-pattern' | 'case-body';

/**
 * Reads a shell script into its simple commands (in the order they run, `$(…)` before the command using it) and its
 * pipes. Commands behind sudo/env/exec/gosu/`conda run` are listed again unwrapped; scripts given to `sh -c` or fed
 * to a shell as a here-document are read as nested scripts. Never throws.
 * @example parseShell('apt-get update && apt-get install -y curl | tee log').commands.map((c) => c.name) // => ['apt-get', 'apt-get', 'tee']
 */
export function parseShell(text: string, options: { pipefail?: boolean } = {}): ShellScript {
  return readScript(String(text), options.pipefail ?? false, 'script', 0);
}

function readScript(text: string, initialPipefail: boolean, origin: CommandOrigin, depth: number): ShellScript {
  const script: ShellScript = { commands: [], pipes: [] };
  if (depth > MAX_DEPTH) return script;
  const tokens = tokenize(text);
  let pipefail = initialPipefail;
  let words: WordToken[] = [];
  let assignments: WordToken[] = [];
  let redirects: RedirToken[] = [];
  const modes: Mode[] = ['normal'];
  const mode = () => modes[modes.length - 1];

  const addNested = (nested: string) => {
    const inner = readScript(nested, false, 'nested', depth + 1);
    script.commands.push(...inner.commands);
  };

  // Command substitutions run first, in this shell's options; they are part of the script (hadolint sees them).
  const readSubstitutions = (tokens: WordToken[]) => {
    for (const token of tokens) {
      for (const sub of token.subs) {
        const inner = readScript(sub, pipefail, origin, depth + 1);
        script.commands.push(...inner.commands);
        if (origin !== 'nested') script.pipes.push(...inner.pipes);
      }
    }
  };

  const finish = () => {
    if (words.length === 0 && assignments.length === 0 && redirects.length === 0) return;
    readSubstitutions([...assignments, ...words, ...redirects.map((r) => r.target)]);
    const command: ShellCommand = {
      name: words[0]?.value ?? '',
      args: words.slice(1).map((w) => w.value),
      assignments: assignments.map((a) => a.value),
      heredocs: redirects.flatMap((r) => (r.heredoc === null ? [] : [r.heredoc])),
      origin,
    };
    words = [];
    assignments = [];
    redirects = [];
    script.commands.push(command);
    if (programName(command) === 'set' && origin !== 'nested') pipefail = setsPipefail(command.args, pipefail);
    for (let behind = unwrap(command), seen = 0; behind && seen < 8; behind = unwrap(behind), seen++) {
      script.commands.push(origin === 'nested' ? { ...behind, origin } : behind);
      expandShell(behind);
    }
    expandShell(command);
  };

  // `bash -c '…'` and `bash <<EOF … EOF` run a script of their own.
  const expandShell = (command: ShellCommand) => {
    if (!isShell(command)) return;
    const operand = shellScriptOperand(command.args);
    if (operand !== null) addNested(operand);
    else if (command.heredocs.length > 0 && parseOptions(command.args, { short: 'oO' }).positional.length === 0) {
      addNested(command.heredocs[0]);
    }
  };

  for (const token of tokens) {
    const current = mode();
    if (current === 'for' || current === 'case-word') {
      // `for x in $(ls)` and `case "$(uname -m)" in` run their substitutions.
      if (token.kind !== 'word') continue;
      if (!token.quoted && token.value === (current === 'for' ? 'do' : 'in')) {
        if (current === 'for') modes.pop();
        else modes[modes.length - 1] = 'case-pattern';
      } else {
        readSubstitutions([token]);
      }
      continue;
    }
    if (current === 'case-pattern') {
      if (token.kind === 'word' && !token.quoted && token.value === 'esac') modes.pop();
      else if (token.kind === 'op' && token.op === ')') modes[modes.length - 1] = 'case-body';
      continue;
    }
    if (token.kind === 'op') {
      finish();
      if (current === 'case-body' && (token.op === ';;' || token.op === ';&' || token.op === ';;&')) {
        modes[modes.length - 1] = 'case-pattern';
      } else if (token.op === '|' || token.op === '|&') {
        script.pipes.push({ pipefail });
      }
      continue;
    }
    if (token.kind === 'redir') {
      redirects.push(token);
      continue;
    }
    const atCommandStart = words.length === 0 && assignments.length === 0;
    if (words.length === 0 && !token.quoted) {
      if (atCommandStart && KEYWORDS.has(token.value)) continue;
      if (atCommandStart && (token.value === 'for' || token.value === 'select')) {
        modes.push('for');
        continue;
      }
      if (atCommandStart && token.value === 'case') {
        modes.push('case-word');
        continue;
      }
      if (atCommandStart && token.value === 'esac' && current === 'case-body') {
        modes.pop();
        continue;
      }
    }
    if (words.length === 0 && ASSIGNMENT.test(token.raw)) assignments.push(token);
    else words.push(token);
  }
  finish();
  return script;
}
