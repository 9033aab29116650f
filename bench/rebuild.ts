// What a rebuild costs after adding one package, with and without the generated BuildKit cache mounts: builds the
// offline variant of a design (see lib/testing/offline-dockerfile.ts), adds one apt package, rebuilds, and counts the
// layers rebuilt and the bytes apt downloads. Needs what the real-build tier needs (root, buildah, the tier's bases).
// conda and pip cannot be reached here; their cache mounts work the same way (see the note in the output).
// Run: npm run bench:rebuild
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { designSchema, type DesignInput } from '@/lib/design/schema';
import { generateFiles } from '@/lib/generators';
import { cutNetworkRuns } from '@/lib/testing/offline-dockerfile';

const DESIGN: DesignInput = { project: { name: 'rebuild-bench' }, base: { image: 'debian:12-slim' }, apt: { packages: ['git'] } };
const ADDED_PACKAGE = 'rsync';

/** The same Dockerfile without `--mount=type=cache` flags: what the output was before cache mounts. */
function withoutCacheMounts(dockerfile: string): string {
  return dockerfile.replace(/--mount=type=cache,[^ ]+ \\\n\s*/g, '');
}

function dockerfileFor(input: DesignInput, caches: boolean): string {
  const dockerfile = generateFiles(designSchema.parse(input)).find((file) => file.path === 'Dockerfile')!.content;
  const offline = cutNetworkRuns(dockerfile).text;
  return caches ? offline : withoutCacheMounts(offline);
}

/** Bytes apt reported downloading ("Fetched 1,234 kB in 1s"), summed over the build. */
function aptFetchedBytes(output: string): number {
  const units: Record<string, number> = { B: 1, kB: 1e3, MB: 1e6, GB: 1e9 };
  return [...output.matchAll(/^Fetched ([\d,.]+) (B|kB|MB|GB) in/gm)].reduce((sum, [, amount, unit]) => sum + Number(amount.replaceAll(',', '')) * units[unit], 0);
}

async function main(): Promise<void> {
  // A storage of its own: no layer or cache mount from an earlier run may hide a download.
  const storage = mkdtempSync(join(tmpdir(), 'condocker-rebuild-storage-'));
  process.env.CONDOCKER_REALBUILD_STORAGE = storage;
  const { BASES, buildImage, prepareBases, realBuildBlocker, writeGeneratedFiles } = await import('@/realbuild/containers');
  const blocker = realBuildBlocker();
  if (blocker) {
    console.log(`bench:rebuild skipped: ${blocker}`);
    return;
  }
  prepareBases();
  const dir = mkdtempSync(join(tmpdir(), 'condocker-rebuild-'));
  const build = async (label: string, dockerfile: string, tag: string) => {
    writeFileSync(join(dir, 'Dockerfile.bench'), dockerfile);
    const result = await buildImage(dir, tag, { dockerfile: join(dir, 'Dockerfile.bench'), buildArgs: { BASE_IMAGE: BASES.debian } });
    const output = result.stdout + result.stderr;
    if (result.status !== 0) throw new Error(`${label} failed:\n${output}`);
    const steps = output.split('\n').filter((line) => /^STEP \d+\/\d+: /.test(line)).length;
    const cached = output.split('\n').filter((line) => line.startsWith('--> Using cache')).length;
    return { steps, rebuilt: steps - cached, fetched: aptFetchedBytes(output) };
  };
  try {
    writeGeneratedFiles(dir, generateFiles(designSchema.parse(DESIGN)));
    const after = { ...DESIGN, apt: { packages: ['git', ADDED_PACKAGE] } };
    console.log(`Adding apt package ${ADDED_PACKAGE} to a design with git, on the Debian base (offline variant):`);
    for (const caches of [false, true]) {
      const tag = `localhost/rebuild-bench-${caches ? 'caches' : 'plain'}`;
      // The first build fills the layer cache (and, with mounts, the apt caches); the rebuild is what is measured.
      const first = await build('first build', dockerfileFor(DESIGN, caches), tag);
      const rebuild = await build('rebuild', dockerfileFor(after, caches), tag);
      console.log(
        `  ${caches ? 'with cache mounts   ' : 'without cache mounts'}: first build downloaded ${(first.fetched / 1e6).toFixed(2)} MB; ` +
          `rebuild: ${rebuild.rebuilt} of ${rebuild.steps} steps rebuilt, apt downloaded ${(rebuild.fetched / 1e6).toFixed(2)} MB`,
      );
    }
    console.log("conda's and pip's caches are cache mounts of the same kind: the rebuilt env layer downloads only the added package.");
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(storage, { recursive: true, force: true });
  }
}

void main();
