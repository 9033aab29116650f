// The Dockerfile as the rules read it: dockerfile-ast finds the instructions, their lines, flags, stages and
// here-documents; this module turns each instruction's argument text into what Docker runs (continuations joined,
// comment lines dropped, JSON or shell form) and reads every RUN with the shell reader.
import { Arg, DockerfileParser, Env, From, ModifiableInstruction, Onbuild, Run, type Instruction } from 'dockerfile-ast';
import { parseShell, setsPipefail, shellScriptOperand, isShell, type ShellCommand } from './dockerfile-rules-shell';

/** One `|` of a RUN: whether pipefail is on there without help, and whether the SHELL instruction's shell runs it. */
export interface RunPipe {
  pipefail: boolean;
  underShellInstruction: boolean;
}

/** What a RUN instruction runs. */
export interface RunScript {
  /** 'shell' (run by SHELL), 'exec' (JSON form, no shell unless it names one), 'heredoc' (`RUN <<EOF` script). */
  form: 'shell' | 'exec' | 'heredoc';
  commands: ShellCommand[];
  pipes: RunPipe[];
}

/** One instruction. */
export interface DockerfileStep {
  /** Upper-case keyword: 'RUN', 'FROM', … */
  keyword: string;
  /** 1-based line where the instruction starts. */
  line: number;
  /** Index into `stages`; -1 before the first FROM. */
  stage: number;
  /** The argument text as Docker reads it: continuations joined, comment lines dropped, here-document bodies kept. */
  text: string;
  /** The arguments in JSON (exec) form, or null for shell form. */
  exec: string[] | null;
  /** Whitespace-separated arguments as dockerfile-ast splits them (flags left out). */
  args: string[];
  /** `--name=value` flags (RUN --mount, COPY --from, …). */
  flags: Array<{ name: string; value: string | null }>;
  /** ENV and ARG: the variables set, with their values (null for `ARG NAME` without a default). */
  variables: Array<{ name: string; value: string | null }>;
  /** RUN: what it runs. */
  run: RunScript | null;
  /** ONBUILD: the instruction it registers, read like any other (same line and stage as the ONBUILD). */
  trigger: DockerfileStep | null;
}

/** One build stage: a FROM and the instructions after it. */
export interface DockerfileStage {
  index: number;
  /** 1-based line of its FROM. */
  line: number;
  /** The image reference as written (`python:3.12-slim`, `${BASE_IMAGE}`, `builder`). */
  image: string;
  /** Its tag, digest and `AS` name (lower case, as Docker compares them), when given. */
  tag: string | null;
  digest: string | null;
  name: string | null;
  /** The earlier stage it builds on (`FROM builder`), or null for an image. */
  base: number | null;
}

/** A parsed Dockerfile. */
export interface DockerfileModel {
  steps: DockerfileStep[];
  stages: DockerfileStage[];
}

/**
 * Splits an image reference into name, tag and digest; a colon is a tag only after the last slash
 * (`localhost:5000/app` has none). dockerfile-ast 0.7 loses the tag when a digest follows, hence this.
 * @example splitImageReference('python:3.12@sha256:ab') // => { name: 'python', tag: '3.12', digest: 'sha256:ab' }
 */
export function splitImageReference(reference: string): { name: string; tag: string | null; digest: string | null } {
  const at = reference.indexOf('@');
  const digest = at === -1 ? null : reference.slice(at + 1);
  const withoutDigest = at === -1 ? reference : reference.slice(0, at);
  const colon = withoutDigest.lastIndexOf(':');
  if (colon === -1 || withoutDigest.indexOf('/', colon) !== -1) return { name: withoutDigest, tag: null, digest };
  return { name: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1), digest };
}

/**
 * Joins an instruction's physical lines the way Docker does: an escape character at the end of a line continues
 * it, and blank or comment lines inside a continuation are dropped.
 * @example joinContinuations('apt-get update && \\\n  # refresh\n  apt-get install -y curl', '\\') // => 'apt-get update &&   apt-get install -y curl'
 */
export function joinContinuations(raw: string, escapeChar = '\\'): string {
  const lines = raw.split(/\r\n|\r|\n/);
  const continuation = new RegExp(`${escapeChar.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}[ \\t]*$`);
  let joined = '';
  let continues = false;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    if (k > 0 && continues && (line.trim() === '' || line.trimStart().startsWith('#'))) continue;
    if (k > 0 && !continues) joined += '\n';
    continues = continuation.test(line);
    joined += continues ? line.replace(continuation, '') : line;
  }
  return joined;
}

/** The arguments as a JSON array of strings (Docker's exec form), or null when they are not one. */
export function parseExecForm(text: string): string[] | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[')) return null;
  try {
    const value: unknown = JSON.parse(trimmed);
    return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : null;
  } catch {
    return null;
  }
}

/** Offsets of the start of each line, split as vscode-languageserver-textdocument does (\r\n, \r, \n). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    if (text[i] === '\n' || text[i] === '\r') starts.push(i + 1);
  }
  return starts;
}

// A RUN whose command line is one here-document and nothing else runs the body as its script (BuildKit).
const HEREDOC_ONLY = /^<<(-?)\s*(["']?)([^\s"'<>|&;]+)\2$/;
const SHEBANG = /^#!\s*(\S+)(.*)$/;

/** Reads what a RUN runs: its exec form, its `<<EOF` script, or its shell text. */
function readRun(text: string, exec: string[] | null): RunScript {
  if (exec) {
    if (exec.length > 0 && isShell({ name: exec[0] })) {
      const operand = shellScriptOperand(exec.slice(1));
      if (operand !== null) {
        // ["bash", "-o", "pipefail", "-c", "…"]: the operand is the script; SHELL plays no part.
        const script = parseShell(operand, { pipefail: setsPipefail(exec.slice(1)) });
        return { form: 'exec', commands: script.commands, pipes: script.pipes.map((p) => ({ ...p, underShellInstruction: false })) };
      }
    }
    const parsed = parseShell(exec.map((word) => `'${word.replaceAll("'", `'\\''`)}'`).join(' '));
    return { form: 'exec', commands: parsed.commands, pipes: [] };
  }
  const newline = text.search(/\r?\n/);
  const firstLine = newline === -1 ? text : text.slice(0, newline);
  const heredoc = HEREDOC_ONLY.exec(firstLine.trim());
  if (heredoc && newline !== -1) {
    const lines = text.slice(newline).replace(/^\r?\n/, '').split(/\r?\n/);
    const end = lines.findIndex((line) => (heredoc[1] ? line.replace(/^\t+/, '') : line) === heredoc[3]);
    let body = (end === -1 ? lines : lines.slice(0, end)).map((line) => (heredoc[1] ? line.replace(/^\t+/, '') : line)).join('\n');
    // A shebang picks the interpreter: SHELL does not run it, and a non-shell body is not shell at all.
    const shebang = SHEBANG.exec(body.split('\n', 1)[0]);
    if (shebang && !isShell({ name: shebang[1] }) && !(shebang[1].endsWith('/env') && isShell({ name: shebang[2].trim().split(/\s+/)[0] ?? '' }))) {
      return { form: 'heredoc', commands: [], pipes: [] };
    }
    const shebangPipefail = shebang ? setsPipefail(shebang[2].trim().split(/\s+/)) : false;
    if (shebang) body = body.slice(body.indexOf('\n') + 1);
    const script = parseShell(body, { pipefail: shebangPipefail });
    return { form: 'heredoc', commands: script.commands, pipes: script.pipes.map((p) => ({ ...p, underShellInstruction: !shebang })) };
  }
  const script = parseShell(text);
  return { form: 'shell', commands: script.commands, pipes: script.pipes.map((p) => ({ ...p, underShellInstruction: true })) };
}

/** The argument text of an instruction as Docker reads it; here-document bodies (RUN only) stay verbatim. */
function argumentText(instruction: Instruction, text: string, starts: number[], escapeChar: string): string {
  const range = instruction.getArgumentsRange();
  if (!range) return '';
  const offset = (position: { line: number; character: number }) => (starts[position.line] ?? text.length) + position.character;
  const start = offset(range.start);
  const end = offset(range.end);
  if (instruction instanceof Run) {
    const bodies = instruction.getHeredocs().map((h) => h.getContentRange() ?? h.getDelimiterRange()).filter((r) => r !== null);
    if (bodies.length > 0) {
      const bodyStart = Math.max(start, starts[bodies[0].start.line] ?? end);
      return `${joinContinuations(text.slice(start, bodyStart).replace(/\r?\n$/, ''), escapeChar)}\n${text.slice(bodyStart, end)}`;
    }
  }
  return joinContinuations(text.slice(start, end), escapeChar);
}

/**
 * Parses a Dockerfile into steps and stages for the rules. Never throws: text dockerfile-ast cannot read gives no
 * steps.
 */
export function readDockerfile(input: string): DockerfileModel {
  const text = String(input);
  const model: DockerfileModel = { steps: [], stages: [] };
  let instructions: Instruction[];
  let escapeChar = '\\';
  try {
    const dockerfile = DockerfileParser.parse(text);
    instructions = dockerfile.getInstructions();
    escapeChar = dockerfile.getEscapeCharacter() || '\\';
  } catch {
    return model;
  }
  const starts = lineStarts(text);
  const readStep = (instruction: Instruction, line: number, stage: number): DockerfileStep => {
    const keyword = instruction.getKeyword();
    const argText = argumentText(instruction, text, starts, escapeChar);
    const exec = ['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'ADD', 'COPY', 'VOLUME'].includes(keyword) ? parseExecForm(argText) : null;
    const trigger = instruction instanceof Onbuild ? instruction.getTriggerInstruction() : null;
    return {
      keyword,
      line,
      stage,
      text: argText,
      exec,
      args: instruction.getArguments().map((a) => a.getValue()),
      flags: instruction instanceof ModifiableInstruction ? instruction.getFlags().map((f) => ({ name: f.getName(), value: f.getValue() })) : [],
      variables: instruction instanceof Env || instruction instanceof Arg ? instruction.getProperties().map((p) => ({ name: p.getName(), value: p.getValue() })) : [],
      run: keyword === 'RUN' ? readRun(argText, exec) : null,
      // `ONBUILD ONBUILD …` is not allowed, so one level is all there is.
      trigger: trigger && !(trigger instanceof Onbuild) ? readStep(trigger, line, stage) : null,
    };
  };
  for (const instruction of instructions) {
    const step = readStep(instruction, instruction.getRange().start.line + 1, model.stages.length - 1);
    if (instruction instanceof From) {
      const image = instruction.getImage() ?? '';
      const { tag, digest } = splitImageReference(image);
      const name = instruction.getBuildStage()?.toLowerCase() ?? null;
      const base = model.stages.findLast((s) => s.name !== null && s.name === image.toLowerCase())?.index ?? null;
      model.stages.push({ index: model.stages.length, line: step.line, image, tag, digest, name, base });
      step.stage = model.stages.length - 1;
    }
    model.steps.push(step);
  }
  return model;
}
