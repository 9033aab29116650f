import type { Block, CacheMount, DockerfileModel, Instruction } from './model';

const CONTINUATION = ' && \\\n    ';
// Values Docker reads as one word without quotes; `$` is kept so that ${VAR} references still expand.
const BARE_VALUE = /^[A-Za-z0-9_.,:/@%+=${}-]+$/;
const LINE_BREAK = /[\r\n\u2028\u2029]/;

/** Refuses text that would end the instruction early: the schema keeps these out, this is the last fence. */
function assertOneLine(text: string, where: string): string {
  if (LINE_BREAK.test(text)) throw new Error(`Dockerfile writer: line break in ${where}: ${JSON.stringify(text)}`);
  return text;
}

/**
 * Quotes an ENV or LABEL value the way Docker's parser reads it back: bare when safe, otherwise in double
 * quotes with `\` and `"` escaped.
 */
export function quoteDockerValue(value: string): string {
  assertOneLine(value, 'a value');
  if (value !== '' && BARE_VALUE.test(value)) return value;
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** The JSON ("exec") form of SHELL, ENTRYPOINT and CMD. */
function jsonForm(argv: readonly string[]): string {
  return `[${argv.map((arg) => JSON.stringify(assertOneLine(arg, 'an argument'))).join(', ')}]`;
}

function keyValues(pairs: ReadonlyArray<readonly [string, string]>, indent: string): string {
  return pairs.map(([key, value]) => `${assertOneLine(key, 'a key')}=${quoteDockerValue(value)}`).join(` \\\n${indent}`);
}

/** `--mount=type=cache,…` flags, each on its own continuation line before the commands. */
function mountFlags(mounts: readonly CacheMount[] | undefined): string {
  return (mounts ?? [])
    .map(({ target, uid, gid, sharing }) => {
      const options = ['type=cache', `target=${target}`, uid && `uid=${uid}`, gid && `gid=${gid}`, `sharing=${sharing}`];
      return `--mount=${assertOneLine(options.filter(Boolean).join(','), '--mount')} \\\n    `;
    })
    .join('');
}

/** Writes one instruction (possibly spanning continuation lines). */
export function writeInstruction(instruction: Instruction): string {
  switch (instruction.kind) {
    case 'from':
      return `FROM ${assertOneLine(instruction.image, 'FROM')}`;
    case 'arg':
      return instruction.value === undefined
        ? `ARG ${instruction.name}`
        : `ARG ${instruction.name}=${quoteDockerValue(instruction.value)}`;
    case 'env':
      return `ENV ${keyValues(instruction.vars, '    ')}`;
    case 'label':
      return `LABEL ${keyValues(instruction.labels, '      ')}`;
    case 'shell':
      return `SHELL ${jsonForm(instruction.argv)}`;
    case 'run':
      return `RUN ${mountFlags(instruction.mounts)}${instruction.commands.map((line) => assertOneLine(line, 'RUN')).join(CONTINUATION)}`;
    case 'copy': {
      const flags = [
        instruction.from && `--from=${instruction.from}`,
        instruction.chown && `--chown=${instruction.chown}`,
        instruction.chmod && `--chmod=${instruction.chmod}`,
      ].filter(Boolean);
      return assertOneLine(`COPY ${[...flags, ...instruction.sources, instruction.destination].join(' ')}`, 'COPY');
    }
    case 'user':
      return `USER ${assertOneLine(instruction.user, 'USER')}`;
    case 'workdir':
      return `WORKDIR ${assertOneLine(instruction.path, 'WORKDIR')}`;
    case 'expose':
      return `EXPOSE ${instruction.port}`;
    case 'entrypoint':
      return `ENTRYPOINT ${jsonForm(instruction.argv)}`;
    case 'cmd':
      return `CMD ${jsonForm(instruction.argv)}`;
  }
}

function writeComment(lines: readonly string[]): string {
  return lines.map((line) => (line ? `# ${assertOneLine(line, 'a comment')}` : '#')).join('\n');
}

function writeBlock(block: Block, comments: boolean): string {
  const body = block.instructions.map(writeInstruction).join('\n');
  return comments && block.comment?.length ? `${writeComment(block.comment)}\n${body}` : body;
}

/** Turns a Dockerfile model into its text: directives, header, then blocks separated by blank lines. */
export function writeDockerfile(model: DockerfileModel, { comments }: { comments: boolean }): string {
  const directives = model.directives.map(([name, value]) => `# ${name}=${value}`).join('\n');
  const parts = [
    directives,
    comments && model.header?.length ? writeComment(model.header) : '',
    ...model.blocks.filter((block) => block.instructions.length > 0).map((block) => writeBlock(block, comments)),
  ].filter((part) => part !== '');
  return `${parts.join('\n\n')}\n`;
}
