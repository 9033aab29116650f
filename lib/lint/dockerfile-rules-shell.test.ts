import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOptions, parseShell, programName, setsPipefail, shellScriptOperand } from './dockerfile-rules-shell';

// Each script, and the commands it runs as "origin:name arg arg…" in order.
const SCRIPTS: Array<{ name: string; script: string; commands: string[]; pipes?: boolean[] }> = [
  { name: 'splits on && || ; and newlines', script: 'a 1 && b || c; d\ne', commands: ['script:a 1', 'script:b', 'script:c', 'script:d', 'script:e'] },
  { name: 'a pipe', script: 'curl -fsSL x | bash -', commands: ['script:curl -fsSL x', 'script:bash -'], pipes: [false] },
  { name: '|& is a pipe too', script: 'make |& tee log', commands: ['script:make', 'script:tee log'], pipes: [false] },
  { name: 'operators inside quotes are text', script: `echo 'a;b|c' "d && e" f\\;g`, commands: ['script:echo a;b|c d && e f;g'] },
  { name: '|| is not a pipe', script: 'a || b', commands: ['script:a', 'script:b'], pipes: [] },
  { name: 'double-quoted escapes', script: 'echo "a \\"b\\" \\$HOME \\\\"', commands: ['script:echo a "b" $HOME \\'] },
  { name: 'ANSI-C quotes', script: "printf $'a\\tb'", commands: ['script:printf a\\tb'] },
  { name: 'assignments before the program', script: 'DEBIAN_FRONTEND=noninteractive LANG=C apt-get install -y x', commands: ['script:apt-get install -y x'] },
  { name: 'a bare assignment has no program', script: 'x=1; y=$(id -u)', commands: ['script:', 'script:id -u', 'script:'] },
  { name: 'redirections are not arguments', script: 'echo hi > /tmp/x 2>&1 >>log <in && cat 2> /dev/null', commands: ['script:echo hi', 'script:cat'] },
  { name: 'fd duplication', script: 'echo err >&2', commands: ['script:echo err'] },
  {
    name: 'command substitution runs first, with its pipes',
    script: 'userdel --remove "$(getent passwd "${uid}" | cut -d: -f1)"',
    commands: ['script:getent passwd ${uid}', 'script:cut -d: -f1', 'script:userdel --remove $(getent passwd "${uid}" | cut -d: -f1)'],
    pipes: [false],
  },
  { name: 'backticks', script: 'echo `date -u`', commands: ['script:date -u', 'script:echo `date -u`'] },
  { name: 'substitution inside ${…:-…}', script: 'case "${A:-$(dpkg --print-architecture)}" in amd64) x=1 ;; esac', commands: ['script:dpkg --print-architecture', 'script:'] },
  { name: 'arithmetic is not a command', script: 'echo $((1 + 2))', commands: ['script:echo $((1 + 2))'] },
  {
    name: 'if / then / fi',
    script: 'if grep -q x /etc/passwd; then userdel x; else echo none; fi',
    commands: ['script:grep -q x /etc/passwd', 'script:userdel x', 'script:echo none'],
  },
  { name: 'for and while loops', script: 'for f in a b; do rm "$f"; done; while true; do sleep 1; done', commands: ['script:rm $f', 'script:true', 'script:sleep 1'] },
  {
    name: 'case patterns are not commands',
    script: 'case "$(uname -m)" in x86_64) arch=64 ;; (aarch64|arm64) arch=aarch64 ;; *) echo "no: $x" >&2; exit 1 ;; esac && echo $arch',
    commands: ['script:uname -m', 'script:', 'script:', 'script:echo no: $x', 'script:exit 1', 'script:echo $arch'],
  },
  { name: 'keywords as arguments stay arguments', script: 'echo done if fi', commands: ['script:echo done if fi'] },
  { name: 'subshells and groups', script: '(cd /src && make) && { echo ok; }', commands: ['script:cd /src', 'script:make', 'script:echo ok'] },
  { name: '[[ is a command', script: '[[ -f x ]] && echo y', commands: ['script:[[ -f x ]]', 'script:echo y'] },
  { name: 'comments', script: 'echo a # && rm -rf /\n# whole line\necho b#c', commands: ['script:echo a', 'script:echo b#c'] },
  { name: 'line continuations', script: 'apt-get install \\\n  -y \\\n  curl', commands: ['script:apt-get install -y curl'] },
  {
    name: 'here-document bodies are data',
    script: 'cat <<EOF > /etc/x\nrm -rf / | x\nEOF\necho after',
    commands: ['script:cat', 'script:echo after'],
    pipes: [],
  },
  { name: '<<- strips tabs from the delimiter', script: 'cat <<-END\n\tdata\n\tEND\necho after', commands: ['script:cat', 'script:echo after'] },
  { name: 'a here-string is one word', script: 'grep x <<< "a | b"', commands: ['script:grep x'], pipes: [] },
  { name: 'process substitution', script: 'diff <(sort a) b', commands: ['script:sort a', 'script:diff <(sort a) b'] },
  { name: 'sudo runs a command', script: 'sudo -E -u root DEBIAN_FRONTEND=x apt-get install -y git', commands: ['script:sudo -E -u root DEBIAN_FRONTEND=x apt-get install -y git', 'wrapper:apt-get install -y git'] },
  { name: 'env, exec, nohup', script: 'env -i A=1 pip install x; exec nohup python app.py', commands: ['script:env -i A=1 pip install x', 'wrapper:pip install x', 'script:exec nohup python app.py', 'wrapper:nohup python app.py', 'wrapper:python app.py'] },
  { name: 'conda run', script: 'conda run -n app --no-capture-output pip install x', commands: ['script:conda run -n app --no-capture-output pip install x', 'wrapper:pip install x'] },
  { name: 'command -v only looks up', script: 'command -v pip', commands: ['script:command -v pip'] },
  { name: 'sh -c runs a nested script', script: `bash -o pipefail -c 'pip install x | cat'`, commands: ['script:bash -o pipefail -c pip install x | cat', 'nested:pip install x', 'nested:cat'], pipes: [] },
  { name: 'a shell fed a here-document', script: "bash -e <<'EOF'\napt-get install -y x\nEOF", commands: ['script:bash -e', 'nested:apt-get install -y x'] },
  { name: 'a shell running a file does not read the here-document', script: 'bash install.sh <<EOF\nyes\nEOF', commands: ['script:bash install.sh'] },
  { name: 'set -o pipefail covers later pipes only', script: 'a | b; set -euo pipefail; c | d', commands: ['script:a', 'script:b', 'script:set -euo pipefail', 'script:c', 'script:d'], pipes: [false, true] },
  { name: 'set +o pipefail turns it off', script: 'set -o pipefail; set +o pipefail; a | b', commands: ['script:set -o pipefail', 'script:set +o pipefail', 'script:a', 'script:b'], pipes: [false] },
  { name: 'an unclosed quote reads to the end', script: 'echo "unterminated && rm x', commands: ['script:echo unterminated && rm x'] },
  { name: 'CRLF line ends', script: 'a\r\nb \\\r\n c', commands: ['script:a', 'script:b c'] },
];

describe('parseShell', () => {
  it.each(SCRIPTS)('$name', ({ script, commands, pipes }) => {
    const parsed = parseShell(script);
    expect(parsed.commands.map((c) => `${c.origin}:${[c.name, ...c.args].join(' ')}`)).toEqual(commands);
    if (pipes) expect(parsed.pipes.map((p) => p.pipefail)).toEqual(pipes);
  });

  it('keeps assignments and here-document bodies on the command', () => {
    const [command] = parseShell('PIP_NO_CACHE_DIR=1 pip install x <<EOF\nline 1\nline 2\nEOF').commands;
    expect(command).toMatchObject({ name: 'pip', assignments: ['PIP_NO_CACHE_DIR=1'], heredocs: ['line 1\nline 2'] });
  });

  it('starts with pipefail when the shell was started with it', () => {
    expect(parseShell('a | b', { pipefail: true }).pipes).toEqual([{ pipefail: true }]);
  });

  it('never throws and always returns commands with string fields', () => {
    const shellish = fc.array(
      fc.constantFrom('a', ' ', '"', "'", '`', '$(', '${', ')', '}', '(', '|', '&&', ';', ';;', '\\', '\n', '<<EOF', 'EOF', '<<-', '#',
        'case', 'in', 'esac', 'for', 'do', 'done', 'if', 'then', 'fi', 'sudo', 'bash -c', '>&', '2>', '<(', '$((', '=', 'x='),
      { maxLength: 40 },
    ).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), shellish), (text) => {
        const parsed = parseShell(text);
        for (const c of parsed.commands) {
          expect(typeof c.name).toBe('string');
          expect(c.args.every((a) => typeof a === 'string')).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('survives deep nesting', () => {
    expect(() => parseShell('$('.repeat(5000))).not.toThrow();
    expect(() => parseShell('bash -c "'.repeat(200))).not.toThrow();
  });
});

describe('parseOptions', () => {
  const CASES = [
    { args: ['-lm', '-u', '5', 'bob'], spec: { short: 'u' }, flags: ['l', 'm', 'u'], values: { u: ['5'] }, positional: ['bob'] },
    { args: ['-u5', '--uid=6', '--shell', '/bin/sh', 'x'], spec: { short: 'u', long: ['shell'] }, flags: ['u', 'uid', 'shell'], values: { u: ['5'], uid: ['6'], shell: ['/bin/sh'] }, positional: ['x'] },
    { args: ['install', '-y', 'curl', '--', '-weird'], spec: {}, flags: ['y'], values: {}, positional: ['install', 'curl', '-weird'] },
    { args: ['-o', 'APT::Install-Recommends=false', 'install', 'x'], spec: { short: 'o' }, flags: ['o'], values: { o: ['APT::Install-Recommends=false'] }, positional: ['install', 'x'] },
    { args: ['-u', 'root', 'apt-get', '-y'], spec: { short: 'u', stopAtPositional: true }, flags: ['u'], values: { u: ['root'] }, positional: ['apt-get', '-y'] },
    { args: ['-qO-', 'url'], spec: { short: 'O' }, flags: ['q', 'O'], values: { O: ['-'] }, positional: ['url'] },
    { args: ['-'], spec: {}, flags: [], values: {}, positional: ['-'] },
  ];
  it.each(CASES)('$args', ({ args, spec, flags, values, positional }) => {
    const parsed = parseOptions(args, spec);
    expect(parsed.flags).toEqual(flags);
    expect(Object.fromEntries(parsed.values)).toEqual(values);
    expect(parsed.positional).toEqual(positional);
  });
});

describe('shell helpers', () => {
  it.each([
    [['-c', 'x'], 'x'],
    [['-o', 'pipefail', '-c', 'x'], 'x'],
    [['-exc', 'x'], 'x'],
    [['--login', '-c', 'x'], 'x'],
    [['script.sh', '-c', 'x'], null],
    [['-e'], null],
  ])('shellScriptOperand(%j) is %j', (args, expected) => {
    expect(shellScriptOperand(args)).toBe(expected);
  });

  it.each([
    [['-o', 'pipefail'], true],
    [['-eo', 'pipefail'], true],
    [['-o', 'errexit', '-o', 'pipefail'], true],
    [['-e', 'pipefail'], false],
    [['-o', 'pipefail', '+o', 'pipefail'], false],
    [['-c'], false],
  ])('setsPipefail(%j) is %j', (args, expected) => {
    expect(setsPipefail(args)).toBe(expected);
  });

  it.each([
    ['pip', 'pip'],
    ['/usr/bin/apt-get', 'apt-get'],
    ['${CONDA_DIR}/bin/conda', 'conda'],
  ])('programName(%j) is %j', (name, expected) => {
    expect(programName({ name })).toBe(expected);
  });
});
