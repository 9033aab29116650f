// Thin wrappers around buildah and podman for the real-build tier: storage in a folder of the tier's own (never
// the host's), the flags this machine needs (see STACK.md), and results as values instead of thrown errors.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { GeneratedFile } from '@/lib/generators/types';

/** Where the tier keeps its debootstrapped rootfs and its container storage. */
export const CACHE_DIR = resolve(process.env.CONDOCKER_REALBUILD_CACHE ?? join(__dirname, '..', '.cache', 'real-build'));
/** The container storage: images, layers and (through TMPDIR) buildah's cache mounts. */
const STORAGE_DIR = resolve(process.env.CONDOCKER_REALBUILD_STORAGE ?? join(CACHE_DIR, 'storage'));
const STORAGE_FLAGS = ['--root', join(STORAGE_DIR, 'root'), '--runroot', join(STORAGE_DIR, 'run'), '--storage-driver', 'overlay'];

/** The two bases: a minimal Debian, and the same with user/group "ubuntu" at UID/GID 1000 as ubuntu:24.04 has. */
export const BASES = {
  debian: 'localhost/condocker-debian:bookworm',
  'ubuntu-like': 'localhost/condocker-ubuntu-like:bookworm',
} as const;
export type BaseName = keyof typeof BASES;

/** The outcome of one command: exit status and everything it printed. */
export interface CommandResult {
  status: number;
  stdout: string;
  stderr: string;
}

// buildah keeps RUN --mount=type=cache directories under TMPDIR: keep them in the tier's storage, not the host's /var/tmp.
const TOOL_ENV = { ...process.env, TMPDIR: join(STORAGE_DIR, 'tmp') };

function run(program: string, args: string[], input?: string): CommandResult {
  mkdirSync(TOOL_ENV.TMPDIR, { recursive: true });
  const result = spawnSync(program, args, { encoding: 'utf8', input, env: TOOL_ENV, maxBuffer: 256 * 1024 * 1024 });
  if (result.error) return { status: 127, stdout: '', stderr: String(result.error) };
  return { status: result.status ?? 128, stdout: result.stdout, stderr: result.stderr };
}

/** Like run(), without blocking: builds on the two bases go on side by side. */
function runAsync(program: string, args: string[]): Promise<CommandResult> {
  mkdirSync(TOOL_ENV.TMPDIR, { recursive: true });
  return new Promise((resolvePromise) => {
    const child = spawn(program, args, { env: TOOL_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => resolvePromise({ status: 127, stdout: '', stderr: String(error) }));
    child.on('close', (status) =>
      resolvePromise({ status: status ?? 128, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
  });
}

/** Writes generated files into a build context as a user's unzipped download has them (scripts exactly 0755). */
export function writeGeneratedFiles(dir: string, files: readonly GeneratedFile[]): void {
  for (const file of files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
    chmodSync(path, file.mode);
  }
}

/** Why real builds cannot run here, or null when they can (root on Linux with buildah, podman, debootstrap, runc). */
export function realBuildBlocker(): string | null {
  if (process.platform !== 'linux') return `real builds need Linux, not ${process.platform}`;
  if (process.getuid?.() !== 0) return 'real builds need root (debootstrap and buildah with overlay storage)';
  const missing = ['buildah', 'podman', 'debootstrap', 'runc'].filter((tool) => run('sh', ['-c', `command -v ${tool}`]).status !== 0);
  if (missing.length) return `missing tools: ${missing.join(', ')} (Debian: apt-get install buildah podman debootstrap runc fuse-overlayfs)`;
  return null;
}

/** Makes (or reuses) the two base images: debootstrap once (cached in CACHE_DIR), then import into the storage. */
export function prepareBases(): void {
  mkdirSync(STORAGE_DIR, { recursive: true });
  const made = run('bash', [join(__dirname, 'make-bases.sh'), STORAGE_DIR, CACHE_DIR]);
  if (made.status !== 0) throw new Error(`make-bases.sh failed (${made.status}):\n${made.stderr}`);
}

/** Lets a base answer to the name a Dockerfile's FROM uses verbatim (e.g. `ubuntu:16.04`), in the tier's storage only. */
export function tagBase(base: BaseName, alias: string): void {
  const tagged = run('buildah', [...STORAGE_FLAGS, 'tag', BASES[base], alias]);
  if (tagged.status !== 0) throw new Error(`buildah tag ${alias} failed: ${tagged.stderr}`);
}

/** Builds a context folder with buildah as BuildKit-compatible as it gets (`--format docker` keeps SHELL). */
export function buildImage(contextDir: string, tag: string, options: { dockerfile?: string; buildArgs?: Record<string, string> } = {}): Promise<CommandResult> {
  if (!existsSync(contextDir)) throw new Error(`no build context at ${contextDir}`);
  const buildArgs = Object.entries(options.buildArgs ?? {}).flatMap(([name, value]) => ['--build-arg', `${name}=${value}`]);
  return runAsync('buildah', [
    ...STORAGE_FLAGS, 'build', '--format', 'docker', '--pull=never', '--layers', '--force-rm', '--network', 'host',
    '--isolation', 'chroot', '--runtime', 'runc', ...buildArgs, ...(options.dockerfile ? ['--file', options.dockerfile] : []),
    '--tag', tag, contextDir,
  ]);
}

/** The image's config as `podman image inspect` reports it. */
export function imageConfig(tag: string): { User: string; Entrypoint: string[] | null; Cmd: string[] | null; ExposedPorts?: Record<string, object>; Env: string[]; WorkingDir: string } {
  const result = run('podman', [...STORAGE_FLAGS, 'image', 'inspect', tag]);
  if (result.status !== 0) throw new Error(`podman image inspect ${tag}: ${result.stderr}`);
  return JSON.parse(result.stdout)[0].Config;
}

/** Runs a container without network; `entrypoint` replaces the image's (as `docker run --entrypoint` does). */
export function runContainer(tag: string, argv: string[], options: { entrypoint?: string } = {}): CommandResult {
  return run('podman', [
    ...STORAGE_FLAGS, 'run', '--rm', '--runtime', 'runc', '--cgroup-manager', 'cgroupfs', '--network', 'none',
    // The default rlimits cannot be set here (no CAP_SYS_RESOURCE), so give ones the host allows.
    '--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=4096:4096',
    ...(options.entrypoint !== undefined ? ['--entrypoint', options.entrypoint] : []), tag, ...argv,
  ]);
}

/** The STEP line buildah printed last: the instruction a failed build stopped at. */
export function lastStep(output: string): string {
  const steps = output.split('\n').filter((line) => /^STEP \d+\/\d+: /.test(line));
  return steps.at(-1)?.replace(/^STEP \d+\/\d+: /, '') ?? '';
}
