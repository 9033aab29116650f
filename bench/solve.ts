// `npm run bench:solve`: how long the solver takes to load in Node and to solve the data-science and pytorch-gpu
// presets per platform against the local fixture channel (no internet). Numbers only, no assertions.
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { findPreset } from '@/lib/design/presets';
import { resolveChannels } from '@/lib/solve/channels';
import { loadNodeRattler } from '@/lib/solve/rattler-node';
import { toRattlerSpec, type RattlerSpec } from '@/lib/solve/rattler-spec';
import { condaSpecsOf, solvePlatform } from '@/lib/solve/solve';
import { SUBDIR_OF_PLATFORM, virtualPackagesFor } from '@/lib/solve/virtual-packages';
import { startFixtureServer } from '@/lib/testing/fixture-server';
import { median } from './stats';

const LOAD_RUNS = 7;
const SOLVE_RUNS = 7;

const ms = (value: number) => `${value.toFixed(0).padStart(5)} ms`;

/** Loading rattler in a fresh Node process each time: require() plus compiling the 3 MB wasm. */
function loadTimes(): number[] {
  const script = "const t = performance.now(); require('@conda-org/rattler'); process.stdout.write(String(performance.now() - t));";
  return Array.from({ length: LOAD_RUNS }, () => Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })));
}

async function main(): Promise<void> {
  const loads = loadTimes();
  console.log(`rattler load (Node, fresh process, ${LOAD_RUNS} runs): median ${ms(median(loads))}, min ${ms(Math.min(...loads))}, max ${ms(Math.max(...loads))}`);

  const server = await startFixtureServer();
  const rattler = await loadNodeRattler();
  try {
    for (const id of ['data-science', 'pytorch-gpu']) {
      const design = findPreset(id)!.design;
      const origins = condaSpecsOf(design);
      const specs = origins.map((origin) => toRattlerSpec(origin.spec)).flatMap((result): RattlerSpec[] => (result.ok ? [result.value] : []));
      const channels = resolveChannels(design.conda.channels, server.channelUrls);
      for (const platform of design.base.platforms) {
        const subdir = SUBDIR_OF_PLATFORM[platform];
        const times: number[] = [];
        let summary = '';
        for (let run = 0; run < SOLVE_RUNS; run += 1) {
          const start = performance.now();
          const result = await solvePlatform(rattler, specs, origins, channels, subdir, virtualPackagesFor(design, subdir));
          times.push(performance.now() - start);
          summary = result.ok ? `${result.packages.length} packages` : `failed: ${result.kind}`;
        }
        // The first solve of the process also warms the wasm up; it is shown apart.
        console.log(
          `solve ${id.padEnd(13)} ${subdir.padEnd(14)} first ${ms(times[0])}, median of the rest ${ms(median(times.slice(1)))} (${summary}; repodata fetched on every solve)`,
        );
      }
    }
  } finally {
    await server.close();
  }
}

void main();
