// `npm run bench`: median times of the core pure functions, printed next to their targets. Numbers only, no
// assertions: timing depends on the machine, so tests never check it (DESIGN.md, bench/).
import { performance } from 'node:perf_hooks';
import { findPreset } from '@/lib/design/presets';
import { designSchema, type Design } from '@/lib/design/schema';
import { generateFiles } from '@/lib/generators';
import { decodeDesign, encodeDesign } from '@/lib/share';
import { buildZip } from '@/lib/zip';

interface Case {
  name: string;
  /** Undefined for rows that only explain another row's time. */
  targetMs?: number;
  run: () => unknown;
}

const WARM_UP_MS = 200;
const MIN_SAMPLES = 100;
const MIN_SAMPLING_MS = 500;
const MAX_SAMPLES = 5000;

/** A valid design with `count` conda and `count` pip packages, e.g. `cpkg-0001>=1.0`. */
function designWithPackages(count: number): Design {
  const names = Array.from({ length: count }, (_, i) => `pkg-${String(i + 1).padStart(4, '0')}`);
  return designSchema.parse({
    conda: { packages: names.map((name) => `c${name}>=1.0`) },
    pip: { packages: names.map((name) => `p${name}>=1.0`) },
  });
}

async function medianMs(run: () => unknown): Promise<{ median: number; samples: number }> {
  const warmUpEnd = performance.now() + WARM_UP_MS;
  while (performance.now() < warmUpEnd) await run();
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < MAX_SAMPLES && (samples.length < MIN_SAMPLES || performance.now() - start < MIN_SAMPLING_MS)) {
    const before = performance.now();
    await run();
    samples.push(performance.now() - before);
  }
  samples.sort((a, b) => a - b);
  const middle = samples.length >> 1;
  const median = samples.length % 2 ? samples[middle] : (samples[middle - 1] + samples[middle]) / 2;
  return { median, samples: samples.length };
}

async function main(): Promise<void> {
  const dataScience = findPreset('data-science')!.design;
  const big = designWithPackages(1000);
  const dataScienceCode = encodeDesign(dataScience);
  const bigCode = encodeDesign(big);
  const dataScienceFiles = generateFiles(dataScience);
  const TYPICAL = 0.5;
  const LARGE = 10;

  const cases: Case[] = [
    { name: 'generateFiles(data-science)', targetMs: TYPICAL, run: () => generateFiles(dataScience) },
    { name: 'generateFiles(2,000 packages)', targetMs: LARGE, run: () => generateFiles(big) },
    { name: 'encodeDesign(data-science)', targetMs: TYPICAL, run: () => encodeDesign(dataScience) },
    { name: 'decodeDesign(data-science)', targetMs: TYPICAL, run: () => decodeDesign(dataScienceCode) },
    { name: 'encodeDesign(2,000 packages)', targetMs: LARGE, run: () => encodeDesign(big) },
    { name: 'decodeDesign(2,000 packages)', targetMs: LARGE, run: () => decodeDesign(bigCode) },
    // Most of decode (and of generateFiles) is validating the specs; this row shows that share.
    { name: '  of which designSchema.parse', run: () => designSchema.parse(big) },
    { name: 'buildZip(data-science)', targetMs: LARGE, run: () => buildZip(dataScienceFiles) },
  ];

  const rows: string[][] = [['benchmark', 'median', 'target', 'samples', 'status']];
  for (const { name, targetMs, run } of cases) {
    const { median, samples } = await medianMs(run);
    const [target, status] = targetMs === undefined ? ['', ''] : [`< ${targetMs} ms`, median < targetMs ? 'ok' : 'SLOW'];
    rows.push([name, `${median.toFixed(3)} ms`, target, String(samples), status]);
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const format = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
  console.log(`Node ${process.version}, ${process.platform}/${process.arch}`);
  console.log(`share code length: data-science ${dataScienceCode.length} chars, 2,000 packages ${bigCode.length} chars`);
  console.log(format(rows[0]));
  console.log(widths.map((width) => '-'.repeat(width)).join('  ').trimEnd());
  for (const row of rows.slice(1)) console.log(format(row));
}

void main();
