import { describe, expect, it } from 'vitest';
import { joinContinuations, parseExecForm, readDockerfile, splitImageReference } from './dockerfile-rules-model';

const commandsOf = (text: string, index = 1) => readDockerfile(text).steps[index].run!.commands.map((c) => [c.name, ...c.args].join(' '));

describe('joinContinuations', () => {
  it.each([
    { name: 'one line', raw: 'apt-get update', escape: '\\', joined: 'apt-get update' },
    { name: 'backslash continuation', raw: 'a && \\\n    b', escape: '\\', joined: 'a &&     b' },
    { name: 'trailing blanks after the escape', raw: 'a \\  \t\nb', escape: '\\', joined: 'a b' },
    { name: 'comment lines inside are dropped', raw: 'a \\\n  # note && rm -rf /\n  b', escape: '\\', joined: 'a   b' },
    { name: 'blank lines inside are dropped', raw: 'a \\\n\n   \nb', escape: '\\', joined: 'a b' },
    { name: 'backtick escape', raw: 'dir `\r\n  # c\r\n  x', escape: '`', joined: 'dir   x' },
    { name: 'a backslash is text under the backtick escape', raw: 'echo C:\\temp\\', escape: '`', joined: 'echo C:\\temp\\' },
  ])('$name', ({ raw, escape, joined }) => {
    expect(joinContinuations(raw, escape)).toBe(joined);
  });
});

describe('parseExecForm', () => {
  it.each([
    ['["python", "-m", "app"]', ['python', '-m', 'app']],
    ['  []  ', []],
    ['["a b", "c\\"d"]', ['a b', 'c"d']],
    ["['python', 'app.py']", null],
    ['["python", 1]', null],
    ['python app.py', null],
    ['[not json', null],
  ])('%s', (text, expected) => {
    expect(parseExecForm(text)).toEqual(expected);
  });
});

describe('splitImageReference', () => {
  it.each([
    ['ubuntu', { name: 'ubuntu', tag: null, digest: null }],
    ['ubuntu:24.04', { name: 'ubuntu', tag: '24.04', digest: null }],
    ['localhost:5000/team/app', { name: 'localhost:5000/team/app', tag: null, digest: null }],
    ['localhost:5000/team/app:1.2', { name: 'localhost:5000/team/app', tag: '1.2', digest: null }],
    ['python:3.12@sha256:abc', { name: 'python', tag: '3.12', digest: 'sha256:abc' }],
    ['python@sha256:abc', { name: 'python', tag: null, digest: 'sha256:abc' }],
  ])('%s', (reference, expected) => {
    expect(splitImageReference(reference)).toEqual(expected);
  });
});

describe('readDockerfile', () => {
  it('numbers stages and links a FROM to the earlier stage it names (case-insensitively)', () => {
    const { stages, steps } = readDockerfile('ARG V=1\nFROM python:3.12 AS Build\nRUN x\nFROM build\nFROM scratch\n');
    expect(stages.map((s) => [s.line, s.name, s.base])).toEqual([[2, 'build', null], [4, null, 0], [5, null, null]]);
    expect(steps.map((s) => [s.keyword, s.stage])).toEqual([['ARG', -1], ['FROM', 0], ['RUN', 0], ['FROM', 1], ['FROM', 2]]);
  });

  it('gives 1-based lines of the instruction start, after a parser directive and with CRLF', () => {
    const { steps } = readDockerfile('# escape=`\r\nFROM x\r\nRUN a `\r\n  b\r\nCMD ["c"]\r\n');
    expect(steps.map((s) => [s.keyword, s.line])).toEqual([['FROM', 2], ['RUN', 3], ['CMD', 5]]);
    expect(steps[1].text).toBe('a   b');
  });

  it('reads RUN flags apart from the command', () => {
    const [, run] = readDockerfile('FROM x\nRUN --mount=type=cache,target=/root/.cache/pip --network=none pip install y\n').steps;
    expect(run.flags).toEqual([{ name: 'mount', value: 'type=cache,target=/root/.cache/pip' }, { name: 'network', value: 'none' }]);
    expect(run.run!.commands.map((c) => c.name)).toEqual(['pip']);
  });

  it('drops comment lines inside a continued RUN (they would otherwise swallow the rest)', () => {
    expect(commandsOf('FROM x\nRUN apt-get install -y \\\n  # the compiler\n  gcc \\\n  make\n')).toEqual(['apt-get install -y gcc make']);
  });

  it('reads exec form without a shell as one command, and a shell with -c as its script', () => {
    expect(commandsOf('FROM x\nRUN ["pip", "install", "a b"]\n')).toEqual(['pip install a b']);
    const run = readDockerfile('FROM x\nRUN ["/bin/bash", "-o", "pipefail", "-c", "curl x | sh"]\n').steps[1].run!;
    expect(run.form).toBe('exec');
    expect(run.commands.map((c) => c.name)).toEqual(['curl', 'sh']);
    expect(run.pipes).toEqual([{ pipefail: true, underShellInstruction: false }]);
  });

  it('runs a RUN <<EOF body as the script, under SHELL', () => {
    const run = readDockerfile('FROM x\nRUN <<EOF\nset -e\napt-get update\ncurl x | sh\nEOF\nRUN echo after\n').steps[1].run!;
    expect(run.form).toBe('heredoc');
    expect(run.commands.map((c) => c.name)).toEqual(['set', 'apt-get', 'curl', 'sh']);
    expect(run.pipes).toEqual([{ pipefail: false, underShellInstruction: true }]);
  });

  it('strips tabs of a RUN <<-EOF body and keeps the script apart from the next instruction', () => {
    const { steps } = readDockerfile('FROM x\nRUN <<-EOT\n\tpip install a\n\tEOT\nRUN echo after\n');
    expect(steps.map((s) => s.keyword)).toEqual(['FROM', 'RUN', 'RUN']);
    expect(commandsOf('FROM x\nRUN <<-EOT\n\tpip install a\n\tEOT\n')).toEqual(['pip install a']);
  });

  it('does not read a here-document with a non-shell shebang as shell', () => {
    expect(commandsOf('FROM x\nRUN <<EOF\n#!/usr/bin/env python3\nimport os | sys\nEOF\n')).toEqual([]);
    const bash = readDockerfile('FROM x\nRUN <<EOF\n#!/bin/bash\na | b\nEOF\n').steps[1].run!;
    expect(bash.commands.map((c) => c.name)).toEqual(['a', 'b']);
    expect(bash.pipes).toEqual([{ pipefail: false, underShellInstruction: false }]);
  });

  it('reads a here-document given to a command as its input, and continuation lines before it', () => {
    expect(commandsOf('FROM x\nRUN apt-get update && \\\n    cat <<EOF > /etc/apt/x && apt-get install -y y\nPin: release\nEOF\n')).toEqual([
      'apt-get update',
      'cat',
      'apt-get install -y y',
    ]);
    expect(commandsOf('FROM x\nRUN python3 <<PY\nimport os; os.system("sudo x")\nPY\n')).toEqual(['python3']);
  });

  it('reads ENV and ARG variables with unquoted values', () => {
    const { steps } = readDockerfile('FROM x\nENV A="1 2" B=3\nENV C 4\nARG D\nARG E=5\n');
    expect(steps.slice(1).map((s) => s.variables)).toEqual([
      [{ name: 'A', value: '1 2' }, { name: 'B', value: '3' }],
      [{ name: 'C', value: '4' }],
      [{ name: 'D', value: null }],
      [{ name: 'E', value: '5' }],
    ]);
  });

  it('reads the instruction an ONBUILD registers as a step of its own, on the line and stage of the ONBUILD', () => {
    const { steps } = readDockerfile('FROM x AS a\nONBUILD RUN --mount=type=tmpfs,target=/tmp apt-get update && \\\n  apt-get install -y y\nONBUILD ENV A=1\nONBUILD\nRUN z\n');
    const [onbuildRun, onbuildEnv, empty] = steps.slice(1, 4);
    expect(onbuildRun.keyword).toBe('ONBUILD');
    expect(onbuildRun.trigger).toMatchObject({ keyword: 'RUN', line: 2, stage: 0, flags: [{ name: 'mount', value: 'type=tmpfs,target=/tmp' }], trigger: null });
    expect(onbuildRun.trigger!.run!.commands.map((c) => [c.name, ...c.args].join(' '))).toEqual(['apt-get update', 'apt-get install -y y']);
    expect(onbuildEnv.trigger).toMatchObject({ keyword: 'ENV', line: 4, variables: [{ name: 'A', value: '1' }] });
    expect(empty.trigger).toBeNull();
    expect(steps[4].trigger).toBeNull();
  });

  it('reads empty and broken input as no or partial steps', () => {
    expect(readDockerfile('')).toEqual({ steps: [], stages: [] });
    expect(readDockerfile('FROM\nRUN\nCMD ["a"\n').steps.map((s) => [s.keyword, s.text, s.exec])).toEqual([['FROM', '', null], ['RUN', '', null], ['CMD', '["a"', null]]);
  });
});
