// The real-build tier: the generated Dockerfiles built with buildah on a real Debian base (and an ubuntu-like one
// with UID 1000 taken), then the images checked against the designs with podman. No registry, GitHub, conda channel
// or PyPI is reachable here, so (1) the verbatim build must get as far as the first RUN that needs them and fail
// there for a network reason, (2) the offline variant (those RUNs cut, every other byte kept) must build to the end,
// (3) its image must match the design. What this cannot prove is listed in the README ("Real builds").
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findPreset } from '@/lib/design/presets';
import { generateFiles } from '@/lib/generators';
import { startFixtureServer } from '@/lib/testing/fixture-server';
import { cutNetworkRuns } from '@/lib/testing/offline-dockerfile';
import { RECOMMENDED_CASES, lockedCases, type ExpectedImage, type RealBuildCase } from './cases';
import { BASES, buildImage, imageConfig, lastStep, prepareBases, realBuildBlocker, runContainer, tagBase, writeGeneratedFiles, type BaseName } from './containers';

const blocker = realBuildBlocker();
if (blocker && process.env.CI) throw new Error(`The real-build tier must run in CI, but ${blocker}.`);
if (blocker) console.warn(`Real-build tier SKIPPED: ${blocker}. CI always runs it.`);

const BASE_NAMES = Object.keys(BASES) as BaseName[];

// Locked designs: their locks are solved here, before the tests are collected, against the local fixture channel.
const fixtureServer = await startFixtureServer();
const LOCKED_CASES = await lockedCases(fixtureServer).finally(() => fixtureServer.close());

// A stand-in for conda and micromamba in the "lock stage" build: the installers cannot be downloaded here, so this
// reads the explicit file the way conda does (@EXPLICIT required, URL before "#checksum") and fetches its first
// package with curl, to show which URL the lock-install step asks the network for. (grep -m 1, not "| head -n 1":
// under pipefail grep's SIGPIPE, when head exits first, failed the step now and then with status 141.)
const INSTALLER_STAND_IN = `#!/bin/bash
set -euo pipefail
file=""
while [ $# -gt 0 ]; do case "$1" in --file) file=$2; shift 2 ;; *) shift ;; esac; done
grep -qx '@EXPLICIT' "$file"
url=$(grep -m 1 -E '^https?://' "$file")
echo "stand-in installer: $(grep -cE '^https?://' "$file") packages in $file, fetching \${url%%#*}"
curl --fail --silent --show-error --location --output /dev/null "\${url%%#*}"
`;

/**
 * The lock-stage variant: every network RUN before the lock install cut, the stand-in copied in as conda and
 * micromamba right before it, everything else as generated. Returns the text and the lock RUN's lines in it.
 */
function lockStage(dockerfile: string): { text: string; lockRun: { startLine: number; endLine: number } } {
  const { cut } = cutNetworkRuns(dockerfile);
  const lines = dockerfile.split('\n');
  const lockRun = cut.find((run) => lines.slice(run.startLine - 1, run.endLine).join('\n').includes('--file "/tmp/conda-${subdir}.lock"'));
  if (!lockRun) throw new Error('no lock-install RUN in this Dockerfile');
  const removed = new Set(cut.filter((run) => run.startLine < lockRun.startLine).flatMap((run) => Array.from({ length: run.endLine - run.startLine + 1 }, (_, k) => run.startLine + k)));
  const kept: string[] = [];
  let lockStart = 0;
  lines.forEach((line, index) => {
    if (removed.has(index + 1)) return;
    if (index + 1 === lockRun.startLine) {
      kept.push('COPY --chmod=0755 conda-stand-in.sh /usr/local/bin/conda', 'COPY --chmod=0755 conda-stand-in.sh /usr/local/bin/micromamba');
      lockStart = kept.length + 1;
    }
    kept.push(line);
  });
  return { text: kept.join('\n'), lockRun: { startLine: lockStart, endLine: lockStart + (lockRun.endLine - lockRun.startLine) } };
}
const contexts: string[] = [];
const timings: string[] = [];

/** The instruction as buildah prints it in its STEP line: continuation backslash-newlines removed. */
function asStep(dockerfile: string, startLine: number, endLine: number): string {
  return dockerfile.split('\n').slice(startLine - 1, endLine).join('\n').replaceAll('\\\n', '');
}

/** Writes a design's generated files (and the offline Dockerfile, and the case's own files) into a fresh build context. */
function context(files: ReturnType<typeof generateFiles>, extra: Record<string, string> = {}): { dir: string; dockerfile: string; offline: ReturnType<typeof cutNetworkRuns> } {
  const dir = mkdtempSync(join(tmpdir(), 'condocker-realbuild-'));
  contexts.push(dir);
  writeGeneratedFiles(dir, files);
  for (const [path, content] of Object.entries(extra)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const dockerfile = files.find((file) => file.path === 'Dockerfile')!.content;
  const offline = cutNetworkRuns(dockerfile);
  writeFileSync(join(dir, 'Dockerfile.offline'), offline.text);
  return { dir, dockerfile, offline };
}

async function timed<T>(label: string, work: () => T | Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    timings.push(`${label}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  }
}

/** key=value lines printed by the in-container check script. */
function parseFacts(stdout: string): Record<string, string> {
  return Object.fromEntries(stdout.split('\n').filter((line) => line.includes('=')).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

// Runs inside the image as its user, with the entrypoint replaced by bash (the env cannot exist offline).
const CHECK_SCRIPT = String.raw`
uid=$(id -u)
echo "user=$(id -un)"; echo "uid=$uid"; echo "gid=$(id -g)"
echo "uid_holders=$(getent passwd | awk -F: -v u="$uid" '$3 == u' | wc -l)"
echo "pwd=$(pwd)"
for dir in "$1" "$2" "$3" "$4"; do
  if [ -d "$dir" ]; then echo "dir:$dir=$(stat -c %u:%g "$dir"):$([ -w "$dir" ] && echo writable || echo read-only)"; else echo "dir:$dir=missing"; fi
done
echo "tini=$(tini --version 2>&1 | head -n 1)"
echo "entrypoint_mode=$(stat -c %a /usr/local/bin/entrypoint.sh)"
echo "entrypoint_syntax=$(bash -n /usr/local/bin/entrypoint.sh 2>&1 && echo ok)"
shift 4
for pkg in "$@"; do echo "apt:$pkg=$(dpkg-query -W -f='${"$"}{Status}' "$pkg" 2>&1)"; done
echo "apt_list_files=$(find /var/lib/apt/lists -type f 2>/dev/null | wc -l)"
echo "apt_debs=$(find /var/cache/apt -name '*.deb' 2>/dev/null | wc -l)"
echo "pip_cache_files=$(find "$HOME/.cache/pip" -type f 2>/dev/null | wc -l)"
echo "docker_clean=$([ -f /etc/apt/apt.conf.d/docker-clean ] && echo kept || echo gone)"
for lock in /tmp/conda-*.lock; do if [ -e "$lock" ]; then echo "lock:$lock=$([ -r "$lock" ] && head -n 5 "$lock" | tail -n 1)"; fi; done
`;

/** Checks a built offline image against what its design says, with podman. */
function checkImage(tag: string, expected: ExpectedImage): void {
  const envParent = expected.envPrefix.slice(0, expected.envPrefix.lastIndexOf('/'));
  const checked = runContainer(tag, ['-c', CHECK_SCRIPT, 'check', expected.home, expected.condaDir, envParent, expected.workdir, ...expected.aptPackages], { entrypoint: '/bin/bash' });
  expect(checked.status, checked.stderr).toBe(0);
  const facts = parseFacts(checked.stdout);
  const owned = `${expected.uid}:${expected.gid}:writable`;
  expect(facts).toMatchObject({
    user: expected.user,
    uid: String(expected.uid),
    gid: String(expected.gid),
    uid_holders: '1',
    pwd: expected.workdir,
    [`dir:${expected.home}`]: owned,
    [`dir:${expected.condaDir}`]: owned,
    [`dir:${envParent}`]: owned,
    [`dir:${expected.workdir}`]: owned,
    entrypoint_mode: '755',
    entrypoint_syntax: 'ok',
    apt_list_files: '0',
    apt_debs: '0',
    pip_cache_files: '0',
    docker_clean: 'kept',
  });
  expect(facts.tini).toMatch(/^tini version \d+\.\d+\.\d+/);
  // A locked design's lock files are in the image, readable by the user, in conda's explicit format.
  expect(Object.keys(facts).filter((key) => key.startsWith('lock:')).sort()).toEqual(expected.lockFiles.map((file) => `lock:${file}`).sort());
  for (const file of expected.lockFiles) expect(facts[`lock:${file}`], file).toBe('@EXPLICIT');
  for (const pkg of expected.aptPackages) expect(facts[`apt:${pkg}`], pkg).toBe('install ok installed');

  const config = imageConfig(tag);
  expect(config.User).toBe(`${expected.uid}:${expected.gid}`);
  expect(config.Entrypoint).toEqual(expected.entrypoint);
  expect(config.Cmd).toEqual(expected.cmd);
  expect(Object.keys(config.ExposedPorts ?? {})).toEqual(expected.exposedPorts);
  expect(config.WorkingDir).toBe(expected.workdir);
  const env = Object.fromEntries(config.Env.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
  expect(env).toMatchObject(expected.env);
  expect(env.PATH.startsWith(`${expected.envPrefix}/bin:`)).toBe(true);

  // The project itself: its source copied into the project directory, owned by the user; what .dockerignore keeps out
  // is not in the image.
  if (expected.projectSource) {
    const { present, absent } = expected.projectSource;
    const script = 'for path in "$@"; do if [ -e "$path" ]; then echo "$path=$(stat -c %u:%g "$path")"; else echo "$path=absent"; fi; done';
    const source = runContainer(tag, ['-c', script, 'check', ...[...present, ...absent].map((path) => `${expected.workdir}/${path}`)], { entrypoint: '/bin/bash' });
    expect(source.status, source.stderr).toBe(0);
    expect(parseFacts(source.stdout)).toEqual(
      Object.fromEntries([
        ...present.map((path) => [`${expected.workdir}/${path}`, `${expected.uid}:${expected.gid}`]),
        ...absent.map((path) => [`${expected.workdir}/${path}`, 'absent']),
      ]),
    );
  }

  // The env cannot exist offline: the entrypoint must say so, naming the path, instead of running the command.
  const started = runContainer(tag, ['true']);
  expect(started.status).not.toBe(0);
  expect(started.stderr).toContain(`cannot run ${expected.condaExecutable}`);
}

describe.skipIf(blocker !== null)('real builds with buildah', () => {
  beforeAll(() => timed('bases (debootstrap cached after the first run)', prepareBases), 600_000);

  afterAll(() => {
    for (const dir of contexts) rmSync(dir, { recursive: true, force: true });
    console.log(`Real-build tier timings:\n  ${timings.join('\n  ')}`);
  });

  describe.each([...RECOMMENDED_CASES, ...LOCKED_CASES])('$id', (buildCase: RealBuildCase) => {
    const files = generateFiles(buildCase.design);
    const { dir, dockerfile, offline } = context(files, buildCase.contextFiles);
    const { expected } = buildCase;
    // The project install runs pip (PyPI for the build backend), so the offline variant cuts it and keeps its COPY.
    if (expected.projectSource) expect(offline.cut.at(-1)?.programs).toEqual(['pip']);

    // The two bases build side by side; on each, the verbatim build first, then the offline variant, which reuses
    // the verbatim build's cached layers up to the first cut instruction.
    test.concurrent.each(BASE_NAMES)('on the %s base: the Dockerfile as generated stops at the first download, on name resolution; the offline variant builds and its image matches the design', async (base) => {
      const verbatim = await timed(`${buildCase.id} verbatim on ${base}`, () => buildImage(dir, `localhost/rb-${buildCase.id}-${base}`, { buildArgs: { BASE_IMAGE: BASES[base] } }));
      const output = verbatim.stdout + verbatim.stderr;
      expect(verbatim.status, output).not.toBe(0);
      const [firstCut] = offline.cut;
      expect(lastStep(output), output).toBe(asStep(dockerfile, firstCut.startLine, firstCut.endLine));
      // curl's exit status 6 is "Couldn't resolve host"; buildah now and then loses the RUN's last stderr line.
      expect(output).toMatch(/Could not resolve host|Temporary failure in name resolution|exit status 6$/m);

      const tag = `localhost/rb-${buildCase.id}-${base}-offline`;
      const built = await timed(`${buildCase.id} offline on ${base}`, () => buildImage(dir, tag, { dockerfile: join(dir, 'Dockerfile.offline'), buildArgs: { BASE_IMAGE: BASES[base] } }));
      expect(built.status, built.stdout + built.stderr).toBe(0);
      checkImage(tag, expected);
    });
  });

  describe.each(LOCKED_CASES)('$id: the lock stage', (buildCase: RealBuildCase) => {
    const files = generateFiles(buildCase.design);
    const { dir, dockerfile } = context(files);
    const stage = lockStage(dockerfile);
    writeFileSync(join(dir, 'Dockerfile.lock-stage'), stage.text);
    writeFileSync(join(dir, 'conda-stand-in.sh'), INSTALLER_STAND_IN);
    // The generated .dockerignore is an allow-list; the stand-in is the tier's, not the design's.
    if (files.some((file) => file.path === '.dockerignore')) appendFileSync(join(dir, '.dockerignore'), '!conda-stand-in.sh\n');

    // The installer cannot be downloaded, so the verbatim build never gets here; with the downloads before it cut and
    // a stand-in installer, the build runs the lock install as generated: the case picks the lock of TARGETARCH, and
    // the step stops on name resolution of conda.anaconda.org, the lock's canonical host.
    test('on the debian base: the lock-install RUN picks the lock for TARGETARCH and stops on resolving conda.anaconda.org', async () => {
      const result = await timed(`${buildCase.id} lock stage`, () =>
        buildImage(dir, `localhost/rb-${buildCase.id}-lock-stage`, { dockerfile: join(dir, 'Dockerfile.lock-stage'), buildArgs: { BASE_IMAGE: BASES.debian } }),
      );
      const output = result.stdout + result.stderr;
      expect(result.status, output).not.toBe(0);
      expect(lastStep(output), output).toBe(asStep(stage.text, stage.lockRun.startLine, stage.lockRun.endLine));
      const count = buildCase.design.lock!.platforms['linux-64']!.length;
      expect(output).toMatch(new RegExp(`stand-in installer: ${count} packages in /tmp/conda-linux-64\\.lock, fetching https://conda\\.anaconda\\.org/conda-forge/`));
      expect(output).toMatch(/Could not resolve host: conda\.anaconda\.org|exit status 6$/m);
    });
  });

  describe('recipe-2020 fails where the 2020 recipe fails today', () => {
    const recipe = findPreset('recipe-2020')!;
    const { dir } = context(generateFiles(recipe.design));
    // FROM ubuntu:16.04 is kept verbatim: the tier's base answers to that name.
    test.each([
      ['debian', /^RUN wget /, /wget: command not found/],
      ['ubuntu-like', /^RUN adduser /, /The UID 1000 is already in use/],
    ] as const)('on the %s base it stops at %s', async (base, step, message) => {
      tagBase(base, 'docker.io/library/ubuntu:16.04');
      const result = await timed(`recipe-2020 on ${base}`, () => buildImage(dir, `localhost/rb-recipe-2020-${base}`));
      const output = result.stdout + result.stderr;
      expect(result.status, output).not.toBe(0);
      expect(lastStep(output), output).toMatch(step);
      expect(output).toMatch(message);
    });
  });
});
