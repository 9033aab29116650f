import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESETS, findPreset } from '@/lib/design/presets';
import { DEFAULT_DESIGN, designSchema, type Design } from '@/lib/design/schema';
import { generateFiles } from '@/lib/generators';
import type { ImportResult } from '@/lib/import/types';
import { decodeDesign } from '@/lib/share';
import { startFixtureServer, unreachableOrigin, type FixtureServer } from '@/lib/testing/fixture-server';
import { readZip } from '@/lib/zip';
import { runCli, type CliIo, type Importers } from './main';

interface Written {
  data: string | Uint8Array;
  mode?: number;
}

/** A CliIo over an in-memory file system; `failWrites` makes every write fail like a read-only folder. */
function fakeIo(files: Record<string, string | Uint8Array> = {}, failWrites = false) {
  const out = { stdout: '', stderr: '', written: new Map<string, Written>() };
  const io: CliIo = {
    stdout: (text) => void (out.stdout += text),
    stderr: (text) => void (out.stderr += text),
    readFile: async (path) => {
      const file = files[path];
      if (file === undefined) throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
      return typeof file === 'string' ? new TextEncoder().encode(file) : file;
    },
    writeFile: async (path, data, mode) => {
      if (failWrites) throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
      out.written.set(path, { data, mode });
    },
  };
  return { io, out };
}

async function run(argv: string[], files: Record<string, string | Uint8Array> = {}, importers?: Importers) {
  const { io, out } = fakeIo(files);
  const code = await runCli(argv, io, { importers });
  return { code, ...out };
}

const RECIPE = findPreset('recipe-2020')!.design;
const PARTIAL_YAML = 'project:\n  name: climate-model\nuser:\n  uid: 1234\n';
const PARTIAL = designSchema.parse({ project: { name: 'climate-model' }, user: { uid: 1234 } });

describe('help and usage', () => {
  it('prints the overview for --help, -h and help', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const result = await run(argv);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^condocker 0\.1\.0: /);
      for (const command of ['render', 'import', 'link', 'presets']) expect(result.stdout).toContain(`  ${command} `);
    }
  });

  it('prints the overview on stderr and exits 2 without a command', async () => {
    const result = await run([]);
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toContain('Usage: condocker <command>');
  });

  it.each(['render', 'import', 'link', 'presets'])('prints the help of %s', async (command) => {
    for (const argv of [[command, '--help'], ['help', command]]) {
      const result = await run(argv);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: condocker ${command}`));
    }
  });

  it('prints the version', async () => {
    expect(await run(['--version'])).toMatchObject({ code: 0, stdout: '0.1.0\n' });
  });

  it.each([
    [['build'], /unknown command "build"\. Commands: render, import, link, lint, check, lock, search, presets\.\nRun "condocker --help"/],
    [['render', '--bogus'], /render: Unknown option '--bogus'.*\nRun "condocker render --help" for usage\./s],
    [['render', 'a.yaml', '-o'], /render: Option '-o, --output <value>' argument missing/],
    [['render', 'a.yaml', 'b.yaml', '-o', 'out'], /render: unexpected argument "b\.yaml"; it takes at most 1\./],
    [['presets', 'extra'], /presets: unexpected argument "extra"; this command takes none\./],
    [['render', 'design.yaml'], /render: say where to write with -o <folder> or -o <file\.zip>\./],
    [['render', '-o', 'out'], /render: give a design file \(\.json, \.yaml or \.yml\) or --preset NAME\./],
    [['render', 'design.yaml', '--preset', 'micromamba', '-o', 'out'], /render: give a design file or --preset, not both\./],
    [['render', 'environment.yml.txt', '-o', 'out'], /a design file ends in \.json, \.yaml or \.yml\. To make a design from environment\.yml\.txt, run "condocker import/],
    [['link', '--preset', 'nope'], /unknown preset "nope"\. Known presets: data-science, minimal-python, pytorch-gpu, r-and-python, micromamba, recipe-2020 \(see "condocker presets"\)\./],
    [['link', '--preset', 'micromamba', '--origin', 'ftp://example.org'], /link: --origin must be the web app's http\(s\) address/],
    [['import'], /import: name the file to import/],
  ])('rejects %j with exit code 2 and says why', async (argv, message) => {
    const result = await run(argv);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/^condocker: /);
    expect([result.code, result.stdout]).toEqual([2, '']);
  });
});

describe('presets', () => {
  it('lists every preset with its description', async () => {
    const result = await run(['presets']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.map((line) => line.split(/\s{2,}/))).toEqual(PRESETS.map((preset) => [preset.id, preset.description]));
  });
});

describe('render', () => {
  it('writes every generated file of a partial YAML design, scripts executable', async () => {
    const result = await run(['render', 'design.yaml', '-o', 'out'], { 'design.yaml': PARTIAL_YAML });
    expect([result.code, result.stderr]).toEqual([0, '']);
    const expected = generateFiles(PARTIAL);
    expect([...result.written]).toEqual(expected.map((file) => [`out/${file.path}`, { data: file.content, mode: file.mode }]));
    expect(result.stdout).toContain(`Wrote ${expected.length} files to out:\n  Dockerfile\n`);
    expect(result.stdout).toContain('  docker/entrypoint.sh (executable)\n');
  });

  it('reads JSON designs and empty files (all defaults)', async () => {
    const json = await run(['render', 'd.json', '-o', 'out'], { 'd.json': JSON.stringify({ user: { uid: 1234 }, project: { name: 'climate-model' } }) });
    expect(json.code).toBe(0);
    expect(json.written.get('out/Dockerfile')?.data).toBe(generateFiles(PARTIAL)[0].content);
    for (const blank of ['', '# nothing yet\n\n', '---\n']) {
      const empty = await run(['render', 'empty.yml', '-o', 'out'], { 'empty.yml': blank });
      expect([empty.code, empty.stderr]).toEqual([0, '']);
      expect(empty.written.get('out/Dockerfile')?.data).toBe(generateFiles(DEFAULT_DESIGN)[0].content);
    }
  });

  it('writes a zip, in a folder named after the project unless --flat', async () => {
    const files = generateFiles(RECIPE);
    const foldered = await run(['render', '--preset', 'recipe-2020', '-o', 'recipe.zip']);
    expect(foldered.code).toBe(0);
    expect(foldered.stdout).toBe(`Wrote recipe.zip: ${files.length} files in recipe-2020/.\n`);
    const inFolder = await readZip(foldered.written.get('recipe.zip')!.data as Uint8Array);
    expect(inFolder.ok && inFolder.files.map((file) => [file.path, file.mode])).toEqual(
      files.map((file) => [`recipe-2020/${file.path}`, file.mode]),
    );
    const flat = await run(['render', '--preset', 'recipe-2020', '-o', 'recipe.ZIP', '--flat']);
    const atTop = await readZip(flat.written.get('recipe.ZIP')!.data as Uint8Array);
    expect(atTop.ok && atTop.files.map((file) => file.path)).toEqual(files.map((file) => file.path));
  });

  it('lists every problem of an invalid design as path: message, and exits 1', async () => {
    const result = await run(['render', 'bad.yaml', '-o', 'out'], {
      'bad.yaml': 'user:\n  name: Root\nruntime:\n  port: 70000\nconda:\n  packages: [numpy, "num\\"py"]\n',
    });
    expect(result.code).toBe(1);
    expect(result.written.size).toBe(0);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('condocker: bad.yaml is not a valid design:');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^ {2}conda\.packages\[1\]: Conda package: /),
      expect.stringMatching(/^ {2}user\.name: User name: start with a lower-case letter/),
      expect.stringMatching(/^ {2}runtime\.port: Port: must be a whole number from 1 to 65535/),
    ]);
  });

  it('warns about settings it does not know', async () => {
    const result = await run(['render', 'd.yaml', '-o', 'out'], { 'd.yaml': 'usr:\n  name: ada\nproject:\n  nmae: x\n' });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'd.yaml: warning: unknown setting "usr" ignored (check its spelling; "condocker import d.yaml" shows what is read)\n' +
        'd.yaml: warning: unknown setting "project.nmae" ignored (check its spelling; "condocker import d.yaml" shows what is read)\n',
    );
  });

  it.each([
    ['a missing file', {}, /^condocker: cannot read d\.yaml: no such file or folder\.\n$/],
    ['broken YAML', { 'd.yaml': 'user: [\n' }, /^condocker: d\.yaml: not valid YAML: /],
    ['a YAML list', { 'd.yaml': '- numpy\n' }, /d\.yaml: a design is a mapping of settings such as "project: \{name: my-project\}", not a list\./],
    ['a YAML string', { 'd.yaml': 'numpy\n' }, /not a string\./],
    ['text that is not UTF-8', { 'd.yaml': new Uint8Array([0xff, 0xfe, 0x00]) }, /d\.yaml: not UTF-8 text/],
  ])('fails on %s with exit code 1', async (_what, files: Record<string, string | Uint8Array>, message) => {
    const result = await run(['render', 'd.yaml', '-o', 'out'], files);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(1);
  });

  it('fails on invalid JSON', async () => {
    const result = await run(['render', 'd.json', '-o', 'out'], { 'd.json': '{"user": ' });
    expect([result.code, result.stderr]).toEqual([1, expect.stringMatching(/^condocker: d\.json: not valid JSON: /)]);
  });

  it('says which file it could not write', async () => {
    const { io, out } = fakeIo({}, true);
    expect(await runCli(['render', '--preset', 'micromamba', '-o', 'out'], io)).toBe(1);
    expect(out.stderr).toBe('condocker: cannot write out/Dockerfile: permission denied.\n');
  });
});

describe('link', () => {
  it('prints the share link of a preset or a design file', async () => {
    expect(await run(['link', '--preset', 'data-science'])).toMatchObject({ code: 0, stdout: 'http://localhost:3000/#d=1.q64FAA\n' });
    const result = await run(['link', 'd.yaml', '--origin', 'https://condocker.example.org/'], { 'd.yaml': PARTIAL_YAML });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^https:\/\/condocker\.example\.org\/#d=1\.[A-Za-z0-9_-]+\n$/);
    expect(decodeDesign(result.stdout.trim())).toEqual({ ok: true, design: PARTIAL, warnings: [] });
  });
});

describe('import', () => {
  const imported: ImportResult = {
    ok: true,
    design: RECIPE,
    warnings: [
      { file: 'environment.yml', line: 3, message: 'selector [win] dropped' },
      { file: 'project/apt.txt', message: 'found in the zip', severity: 'info' },
      { message: 'no python pin' },
    ],
  };
  const calls: unknown[] = [];
  const importers: Importers = {
    importFile: async (name, content) => {
      calls.push([name, content]);
      return name === 'broken.yml' ? { ok: false, error: 'line 2: expected a list of dependencies' } : imported;
    },
    importFiles: async (files) => {
      calls.push(files);
      return imported;
    },
  };
  const text = (value: string) => new TextEncoder().encode(value);

  it('prints the whole design as YAML and the warnings as file:line: warning: message', async () => {
    const result = await run(['import', 'envs/environment.yml'], { 'envs/environment.yml': 'name: x\n' }, importers);
    expect(result.code).toBe(0);
    expect(calls.at(-1)).toEqual(['environment.yml', text('name: x\n')]);
    expect(designSchema.parse(load(result.stdout))).toEqual(RECIPE);
    expect(result.stdout).toMatch(/^schemaVersion: 1\nproject:\n {2}name: recipe-2020\n/);
    expect(result.stderr).toBe(
      'envs/environment.yml:3: warning: selector [win] dropped\n' +
        'project/apt.txt: info: found in the zip\n' +
        'envs/environment.yml: warning: no python pin\n',
    );
  });

  it('prints JSON with --json', async () => {
    const result = await run(['import', 'requirements.txt', '--json'], { 'requirements.txt': 'numpy\n' }, importers);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout) as Design).toEqual(RECIPE);
  });

  it('reads several files as one project', async () => {
    const files = { 'envs/environment.yml': 'name: x\n', 'envs/requirements.txt': 'numpy\n' };
    const result = await run(['import', ...Object.keys(files)], files, importers);
    expect(result.code).toBe(0);
    expect(calls.at(-1)).toEqual([
      { name: 'environment.yml', content: text('name: x\n') },
      { name: 'requirements.txt', content: text('numpy\n') },
    ]);
    expect(result.stderr.split('\n')[0]).toBe('envs/environment.yml:3: warning: selector [win] dropped');
    expect(result.stderr.split('\n')[2]).toBe('warning: no python pin');
  });

  it('reports the importer error with the file name, exit code 1', async () => {
    const result = await run(['import', 'broken.yml'], { 'broken.yml': 'x' }, importers);
    expect([result.code, result.stdout, result.stderr]).toEqual([
      1,
      '',
      'condocker: cannot import broken.yml: line 2: expected a list of dependencies\n',
    ]);
  });

  it('imports with lib/import by default, and renders what it printed', async () => {
    const environment = 'name: demo\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - numpy\n  - pip:\n    - rich\n';
    const result = await run(['import', 'environment.yml'], { 'environment.yml': environment });
    expect([result.code, result.stderr]).toEqual([0, expect.not.stringMatching(/internal error|error:/)]);
    const design = designSchema.parse(load(result.stdout));
    expect(design.conda.packages).toContain('numpy');
    expect(design.pip.packages).toContain('rich');
    const rendered = await run(['render', 'design.yaml', '-o', 'out'], { 'design.yaml': result.stdout });
    expect([rendered.code, rendered.stderr]).toEqual([0, '']);
    expect(rendered.written.get('out/environment.yml')?.data).toContain('numpy');
  });

  it('follows -r through the files named together (environment.yml requirements.txt requirements-dev.txt)', async () => {
    const files = {
      'environment.yml': 'name: demo\nchannels: [conda-forge]\ndependencies:\n  - python=3.11\n  - pip\n  - pip:\n    - -r requirements.txt\n',
      'requirements.txt': 'numpy\n-r requirements-dev.txt\n-r requirements-docs.txt\n',
      'requirements-dev.txt': 'pytest\n',
    };
    const result = await run(['import', 'environment.yml', 'requirements.txt', 'requirements-dev.txt', '--json'], files);
    expect(result.code).toBe(0);
    expect(designSchema.parse(JSON.parse(result.stdout)).pip.packages).toEqual(['numpy', 'pytest']);
    expect(result.stderr).toBe(
      'requirements.txt:3: warning: "-r requirements-docs.txt": that file is not part of this import, so its requirements are not included (an import into a design keeps the design\'s pip packages in their place); import it together with this file.\n',
    );
  });

  it('reads back a zip that render wrote', async () => {
    const zip = await run(['render', '--preset', 'pytorch-gpu', '-o', 'p.zip']);
    const result = await run(['import', 'p.zip', '--json'], { 'p.zip': zip.written.get('p.zip')!.data });
    expect(result.code).toBe(0);
    expect(designSchema.parse(JSON.parse(result.stdout)).conda.packages).toEqual(findPreset('pytorch-gpu')!.design.conda.packages);
  });
});

describe('the bin', () => {
  const temp = mkdtempSync(join(tmpdir(), 'condocker-cli-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));
  const bin = join(__dirname, 'condocker.mjs');
  const exec = promisify(execFile);

  it('runs on plain Node from another folder', async () => {
    const { stdout } = await exec(process.execPath, [bin, 'presets'], { cwd: temp });
    expect(stdout).toMatch(/^data-science {2}/);
  });

  it('writes files with their modes and exits non-zero on failure', async () => {
    await exec(process.execPath, [bin, 'render', '--preset', 'recipe-2020', '-o', 'out'], { cwd: temp });
    for (const file of generateFiles(RECIPE)) {
      const path = join(temp, 'out', file.path);
      expect(readFileSync(path, 'utf8')).toBe(file.content);
      expect(statSync(path).mode & 0o777).toBe(file.mode);
    }
    const failure = await exec(process.execPath, [bin, 'render', 'missing.yaml', '-o', 'out'], { cwd: temp }).catch((error) => error);
    expect(failure).toMatchObject({ code: 1, stderr: 'condocker: cannot read missing.yaml: no such file or folder.\n' });
  });

  it('checks with rattler\'s Node build from CommonJS, mirrors taken from CONDOCKER_CHANNEL_URLS', async () => {
    const server = await startFixtureServer();
    try {
      const env = { ...process.env, CONDOCKER_CHANNEL_URLS: `conda-forge=${server.channelUrls['conda-forge']}` };
      const { stdout } = await exec(process.execPath, [bin, 'check', '--preset', 'minimal-python'], { cwd: temp, env });
      expect(stdout).toMatch(/^linux-64: ok, \d+ packages, [\d.]+ MB to download\nlinux-aarch64: ok, \d+ packages/);
    } finally {
      await server.close();
    }
  });
});

describe('lint', () => {
  it('prints findings like a compiler and exits 1 on errors', async () => {
    const result = await run(['lint', '--preset', 'recipe-2020']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^Dockerfile:7: error CD001 ubuntu:16\.04 reached its end of support/m);
    expect(result.stdout).toMatch(/^environment\.yml:\d+: error CD005 /m);
    expect(result.stderr).toMatch(/\d+ errors, \d+ warnings, \d+ hints\ncondocker: \d+ errors found\.\n$/);
  });

  it('exits 0 when there are only hints', async () => {
    const result = await run(['lint', '--preset', 'data-science']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Dockerfile:18: info DL3008 apt-get install does not pin versions of ca-certificates, curl, tini.\n');
  });

  it('gives JSON with why, source and fix', async () => {
    const result = await run(['lint', '--preset', 'recipe-2020', '--format', 'json']);
    const findings = JSON.parse(result.stdout) as Array<{ rule: string; fix?: { changes: unknown[] }; source: { url: string } }>;
    const eol = findings.find((f) => f.rule === 'CD001')!;
    expect(eol.fix!.changes).toEqual([{ path: ['base', 'image'], value: 'ubuntu:24.04' }]);
    expect(eol.source.url).toMatch(/^https:/);
  });

  it('lints a Dockerfile with the hadolint rules', async () => {
    const result = await run(['lint', 'Dockerfile'], { Dockerfile: 'FROM python:latest\nRUN sudo pip install x\nCMD python app.py\n' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Dockerfile:1: warning DL3007');
    expect(result.stdout).toContain('Dockerfile:2: error DL3004');
    expect(result.stdout).toContain('Dockerfile:3: warning DL3025');
  });

  it('modernizes a design into one with no errors', async () => {
    const result = await run(['lint', '--preset', 'recipe-2020', '--modernize']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('applied: Use ubuntu:24.04');
    const modern = designSchema.parse(load(result.stdout));
    const again = await run(['lint', 'modern.yaml'], { 'modern.yaml': result.stdout });
    expect(again.code).toBe(0);
    expect(modern.base.image).toBe('ubuntu:24.04');
  });

  it('refuses an unknown format', async () => {
    const result = await run(['lint', '--preset', 'data-science', '--format', 'xml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--format is text or json');
  });
});

describe('check', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer();
  });
  afterAll(() => server.close());

  /** Runs `condocker check` against the fixture server: channels from the environment variable, PyPI by flag. */
  async function check(argv: string[], files: Record<string, string> = {}, env?: Record<string, string>) {
    const { io, out } = fakeIo(files);
    const channelUrls = Object.entries(server.channelUrls)
      .map(([name, url]) => `${name}=${url}`)
      .join(',');
    const code = await runCli(['check', ...argv, '--pypi-url', server.pypiUrl], io, {
      check: { env: env ?? { CONDOCKER_CHANNEL_URLS: channelUrls }, fetch },
    });
    return { code, ...out };
  }

  it('exits 0 and prints JSON with every package per platform when everything checks out', async () => {
    const result = await check(['--preset', 'data-science', '--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(true);
    expect(Object.keys(report.platforms)).toEqual(['linux-64', 'linux-aarch64']);
    const python = report.platforms['linux-aarch64'].packages.find((pkg: { name: string }) => pkg.name === 'python');
    expect(python).toEqual({
      name: 'python',
      version: '3.12.7',
      build: 'h9a8786e_0_cpython',
      channel: 'https://conda.anaconda.org/conda-forge',
      url: 'https://conda.anaconda.org/conda-forge/linux-aarch64/python-3.12.7-h9a8786e_0_cpython.conda',
      md5: expect.stringMatching(/^[0-9a-f]{32}$/),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      size: expect.any(Number),
    });
    expect(report.platforms['linux-64'].downloadBytes).toBeGreaterThan(0);
    expect(report.pip).toEqual([]);
  });

  it('exits 1 and says per platform and per pip line what does not check out', async () => {
    const design = 'conda:\n  packages: [numpy, mkl]\npip:\n  packages: ["requests>=2.31", reqeusts]\n';
    const result = await check(['design.yaml'], { 'design.yaml': design });
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      expect.stringMatching(/^linux-64: ok, \d+ packages, \d+\.\d MB to download$/),
      'linux-aarch64: no-candidates [conda.packages.1, environment.yml:9]',
      '  Cannot solve the request because of: No candidates were found for mkl *. No channel has it for linux-aarch64.',
      'pip:',
      '  ok: requests>=2.31 → 2.32.3 [pip.packages.0]',
      '  problem: reqeusts [pip.packages.1]',
      `    error: no project "reqeusts" on ${server.pypiUrl}; check the spelling`,
      '',
    ]);
    expect(result.stderr).toBe('condocker: check: the design does not check out (see above).\n');
  });

  it('gives the conflict and the field to blame in JSON', async () => {
    const result = await check(['design.json', '-f', 'json'], { 'design.json': JSON.stringify({ base: { platforms: ['linux/amd64'] }, conda: { packages: ['numpy>=2', 'legacy-stats'] } }) });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).platforms['linux-64']).toMatchObject({ ok: false, kind: 'unsolvable', field: 'conda.packages.1', spec: 'legacy-stats', line: 9 });
  });

  it('exits 2 naming the URL when a channel cannot be reached; --channel-url wins over the environment', async () => {
    const origin = await unreachableOrigin();
    const result = await check(['--preset', 'minimal-python', '--channel-url', `conda-forge=${origin}/conda-forge`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`condocker: check: cannot reach ${origin}/conda-forge/linux-64/repodata.json: fetch failed: ECONNREFUSED`);
  });

  it('exits 2 naming the URL when the index cannot be reached', async () => {
    const { io, out } = fakeIo({ 'd.yaml': 'base:\n  platforms: [linux/amd64]\npip:\n  packages: [rich]\n' });
    const origin = await unreachableOrigin();
    const code = await runCli(['check', 'd.yaml', '--pypi-url', origin], io, {
      check: { env: { CONDOCKER_CHANNEL_URLS: `conda-forge=${server.channelUrls['conda-forge']}` }, fetch },
    });
    expect(code).toBe(2);
    expect(out.stderr).toBe(`condocker: check: cannot fetch ${origin}/pypi/rich/json: fetch failed\n`);
  });

  it.each([
    [['--preset', 'data-science', '--format', 'xml'], undefined, /check: --format is text or json, not "xml"/],
    [['--preset', 'data-science', '--channel-url', 'conda-forge'], undefined, /check: --channel-url: "conda-forge" is not NAME=URL/],
    [['--preset', 'data-science'], { CONDOCKER_CHANNEL_URLS: 'oops' }, /check: CONDOCKER_CHANNEL_URLS: "oops" is not NAME=URL/],
    [['--preset', 'nope'], undefined, /unknown preset "nope"/],
  ])('exits 2 on usage errors: %j', async (argv, env, message) => {
    const result = await check(argv, {}, env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('documents the environment variable in its help', async () => {
    const result = await run(['check', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('CONDOCKER_CHANNEL_URLS');
    expect(result.stdout).toMatch(/^Usage: condocker check /);
  });
});

describe('lock and render of a locked design', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer();
  });
  afterAll(() => server.close());

  /** Runs `condocker lock` against the fixture server: mirrors by flag, no environment variable. */
  async function lock(argv: string[], files: Record<string, string> = {}) {
    const { io, out } = fakeIo(files);
    const mirrors = Object.entries(server.channelUrls).flatMap(([name, url]) => ['--channel-url', `${name}=${url}`]);
    const code = await runCli(['lock', ...argv, ...mirrors, '--pypi-url', server.pypiUrl], io, { check: { env: {}, fetch } });
    return { code, ...out };
  }

  it('writes the design with its lock; render then writes the lock files, pinned pip lines and a Dockerfile that installs the lock', async () => {
    const design = 'project:\n  name: locked-lab\nconda:\n  installer: micromamba\npip:\n  packages: ["rich>=13"]\n';
    const result = await lock(['design.yaml', '-o', 'locked.yaml'], { 'design.yaml': design });
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toMatch(/^Locked \d+ conda packages for linux-64, \d+ conda packages for linux-aarch64, 1 pip version; wrote locked\.yaml\.\n$/);
    const yaml = result.written.get('locked.yaml')!.data as string;
    const locked = designSchema.parse(load(yaml));
    expect(locked.lock!.channels).toEqual(['https://conda.anaconda.org/conda-forge']);
    expect(locked.lock!.pip).toEqual([{ line: 'rich>=13', version: '13.9.4' }]);
    expect(yaml).not.toContain('127.0.0.1');

    const rendered = await run(['render', 'locked.yaml', '-o', 'out'], { 'locked.yaml': yaml });
    expect([rendered.code, rendered.stderr]).toEqual([0, '']);
    expect(rendered.stdout).toContain('  conda-linux-64.lock\n  conda-linux-aarch64.lock\n');
    const written = (path: string) => rendered.written.get(join('out', path))!.data as string;
    expect(written('conda-linux-64.lock')).toMatch(/^@EXPLICIT\nhttps:\/\/conda\.anaconda\.org\/conda-forge\/linux-64\/\S+\.conda#sha256:[0-9a-f]{64}\n/m);
    expect(written('requirements.txt')).toContain('\nrich==13.9.4\n');
    expect(written('Dockerfile')).toContain('micromamba create --yes --prefix "${ENV_PREFIX}" --file "/tmp/conda-${subdir}.lock"');
  });

  it('writes JSON for -o *.json, and --preset works', async () => {
    const result = await lock(['--preset', 'minimal-python', '-o', 'locked.json']);
    expect(result.code).toBe(0);
    const locked = designSchema.parse(JSON.parse(result.written.get('locked.json')!.data as string));
    expect(Object.keys(locked.lock!.platforms)).toEqual(['linux-64', 'linux-aarch64']);
  });

  it('exits 1 and writes nothing when the design does not check out', async () => {
    const result = await lock(['d.yaml', '-o', 'locked.yaml'], { 'd.yaml': 'conda:\n  packages: [mkl]\n' });
    expect(result.code).toBe(1);
    expect(result.written.size).toBe(0);
    expect(result.stderr).toMatch(/linux-aarch64: no-candidates/);
    expect(result.stderr).toMatch(/condocker: lock: .*nothing written\.\n$/);
  });

  it('exits 2 and names the URL when a channel cannot be reached', async () => {
    const origin = await unreachableOrigin();
    const { io, out } = fakeIo();
    const code = await runCli(['lock', '--preset', 'minimal-python', '-o', 'l.yaml', '--channel-url', `conda-forge=${origin}/conda-forge`], io, { check: { env: {}, fetch } });
    expect(code).toBe(2);
    expect(out.stderr).toContain(`condocker: lock: cannot reach ${origin}/conda-forge/linux-64/repodata.json`);
    expect(out.written.size).toBe(0);
  });

  it.each([
    [['--preset', 'data-science'], /lock: say where to write the locked design with -o/],
    [['--preset', 'data-science', '-o', 'locked.txt'], /lock: -o names a design file ending in \.yaml, \.yml or \.json/],
  ])('usage errors exit 2: %j', async (argv, message) => {
    const result = await lock(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('render warns about a stale lock and writes the files without it', async () => {
    const result = await lock(['--preset', 'minimal-python', '-o', 'locked.yaml']);
    const stale = { ...(load(result.written.get('locked.yaml')!.data as string) as Design), conda: { ...findPreset('minimal-python')!.design.conda, packages: ['pip', 'numpy'] } };
    const rendered = await run(['render', 'stale.json', '-o', 'out'], { 'stale.json': JSON.stringify(stale) });
    expect(rendered.code).toBe(0);
    expect(rendered.stderr).toBe('warning: the lock is stale (conda packages: "numpy" added); the files are written without it. Run "condocker lock" again.\n');
    expect([...rendered.written.keys()].filter((path) => path.endsWith('.lock'))).toEqual([]);
  });

  it('lists lock in the overview and has its own help', async () => {
    expect((await run(['--help'])).stdout).toContain('  lock ');
    const help = await run(['lock', '--help']);
    expect(help.stdout).toMatch(/^Usage: condocker lock /);
  });
});

describe('search', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer();
  });
  afterAll(() => server.close());

  // numpy as parselmouth lists it: numpy itself, then packages that bundle it.
  const MAPPING: Record<string, readonly string[]> = { torch: ['pytorch', 'pytorch-cpu'], 'scikit-learn': ['scikit-learn'], rich: ['rich'], numpy: ['numpy', 'pysr', 'rosco'] };
  /** Runs `condocker search` against the fixture server: channels and PyPI from the environment, a small mapping. */
  async function search(argv: string[], env?: Record<string, string>) {
    const { io, out } = fakeIo();
    const code = await runCli(['search', ...argv], io, {
      search: {
        env: env ?? { CONDOCKER_CHANNEL_URLS: `conda-forge=${server.channelUrls['conda-forge']},extra-channel=${server.channelUrls['extra-channel']}`, CONDOCKER_PYPI_URL: server.pypiUrl },
        fetch,
        condaNamesForPypi: (name) => MAPPING[name] ?? [],
      },
    });
    return { code, ...out };
  }

  it('lists close conda names with their latest versions, then the PyPI look-up', async () => {
    const result = await search(['sklea']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(
      ['conda-forge (linux-64, noarch):', '  sklearn-pandas  2.2.0  prefix', '  scikit-learn    1.5.2  fuzzy', `PyPI: no project "sklea" on ${server.pypiUrl}`, ''].join('\n'),
    );
  });

  it('names the conda-forge package of a PyPI name, first among the matches', async () => {
    const result = await search(['torch', '--limit', '2']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  pytorch      2.5.1   alias (PyPI name torch)\n  torchvision  0.20.1  prefix\n');
    expect(result.stdout).toContain('conda-forge name of PyPI "torch": pytorch (also pytorch-cpu)\n');
  });

  it('names only the preferred package and its variants, and counts packages that bundle the project', async () => {
    const result = await search(['numpy', '--limit', '1']);
    expect(result.stdout).toContain('conda-forge name of PyPI "numpy": numpy (2 more that bundle it)\n');
  });

  it('prints JSON with versions per subdir of the platform, per channel', async () => {
    const result = await search(['numpi', '-c', 'conda-forge', '-c', 'extra-channel', '--platform', 'linux/arm64', '--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ query: 'numpi', platform: 'linux/arm64', subdirs: ['linux-aarch64', 'noarch'], pypi: { kind: 'missing', url: server.pypiUrl }, condaForPypi: [] });
    expect(report.channels.map((c: { channel: string }) => c.channel)).toEqual(['conda-forge', 'extra-channel']);
    expect(report.channels[0].matches[0]).toEqual({ name: 'numpy', kind: 'fuzzy', latest: '2.1.3', versions: { 'linux-aarch64': ['2.1.3', '1.26.4'], noarch: [] } });
    expect(report.channels[1].matches[0]).toMatchObject({ name: 'numpy', latest: '9.9.9' });
  });

  it('finds a PyPI project that no conda channel has', async () => {
    const result = await search(['rich']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('PyPI: rich 13.9.4: Render rich text in the terminal\n');
  });

  it('exits 1 when nothing matches anywhere', async () => {
    const result = await search(['zzzzqx']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('condocker: search: nothing matches "zzzzqx".\n');
  });

  it('exits 2 naming the URL when a channel or the index cannot be reached', async () => {
    const origin = await unreachableOrigin();
    const channel = await search(['numpy', '--channel-url', `conda-forge=${origin}/conda-forge`]);
    expect(channel.code).toBe(2);
    expect(channel.stderr).toContain(`condocker: search: cannot read ${origin}/conda-forge/linux-64/repodata_shards.msgpack.zst: fetch failed`);
    const pypi = await search(['numpy', '--pypi-url', origin]);
    expect(pypi.code).toBe(2);
    expect(pypi.stdout).toContain('  numpy  2.1.3  exact');
    expect(pypi.stderr).toBe(`condocker: search: cannot fetch ${origin}/pypi/numpy/json: fetch failed\n`);
  });

  it.each([
    [[], /search: name what to look for/],
    [['numpy', '--format', 'xml'], /search: --format is text or json, not "xml"/],
    [['numpy', '--limit', '0'], /search: --limit is a whole number from 1 to 50, not "0"/],
    [['numpy', '--platform', 'linux/386'], /search: --platform is linux\/amd64 or linux\/arm64, not "linux\/386"/],
    [['numpy', '--channel-url', 'conda-forge'], /search: --channel-url: "conda-forge" is not NAME=URL/],
    [['numpy', '--pypi-url', 'pypi.org'], /search: --pypi-url must be an http\(s\) URL/],
    [['numpy', 'pandas'], /search: unexpected argument "pandas"/],
  ])('exits 2 on usage errors: %j', async (argv, message) => {
    const result = await search(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('uses the shipped PyPI → conda-forge mapping by default, and has help', async () => {
    const { io, out } = fakeIo();
    const code = await runCli(['search', 'torch', '--format', 'json', '--limit', '1'], io, {
      search: { env: { CONDOCKER_CHANNEL_URLS: `conda-forge=${server.channelUrls['conda-forge']}`, CONDOCKER_PYPI_URL: server.pypiUrl }, fetch },
    });
    expect(code).toBe(0);
    expect(JSON.parse(out.stdout).condaForPypi).toContain('pytorch');
    expect((await run(['search', '--help'])).stdout).toMatch(/^Usage: condocker search NAME /);
    expect((await run(['--help'])).stdout).toContain('  search ');
  });
});
