// The production server the browser benchmarks measure: `next start` on a free loopback port, in its own process
// group (so stopping it stops next-server's children too, and nothing else).
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const require = createRequire(__filename);

/** Starts `next start` on 127.0.0.1:port with extra environment variables (e.g. channel mirrors). */
export function startNext(port: number, env: Record<string, string> = {}): ChildProcess {
  const nextBin = require.resolve('next/dist/bin/next');
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[next] ${chunk}`));
  return child;
}

/** Waits until `path` on the server answers 200, or fails after 60 s or when the server exits. */
export async function waitForServer(origin: string, server: ChildProcess, path = '/api/presets'): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with code ${server.exitCode}`);
    if (await fetch(`${origin}${path}`).then((response) => response.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`next start did not answer on ${origin} within 60 s`);
}

/** Stops the server's whole process group: SIGTERM, then SIGKILL after 5 s. */
export async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.pid === undefined) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  process.kill(-server.pid, 'SIGTERM');
  const timer = setTimeout(() => server.pid !== undefined && process.kill(-server.pid, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** A loopback port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Whether there is a production build to measure (else says how to make one and sets a failing exit code). */
export function hasProductionBuild(): boolean {
  if (existsSync(join(ROOT, '.next', 'BUILD_ID'))) return true;
  console.error('No production build in .next: run `npm run build` first.');
  process.exitCode = 1;
  return false;
}

/** The machine the numbers come from: CPUs and load, printed first by every browser benchmark. */
export function printMachine(): void {
  console.log(`${cpus().length} CPUs, load average ${loadavg().map((load) => load.toFixed(2)).join(' ')}`);
}
