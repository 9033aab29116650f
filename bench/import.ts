// `npm run bench:import`: median time to import a 300-package hashed lock file (pip-compile --generate-hashes
// shape, 20 hashes a package, a few with 70), printed next to its target. Numbers only, no assertions (bench/).
import { performance } from 'node:perf_hooks';
import { generateHashedLock } from '@/lib/import/hashed-lock';
import { importRequirementsTxt } from '@/lib/import/requirements-txt';
import { median, percentile } from './stats';

const TARGET_MS = 20;
const SAMPLES = 200;

const lock = generateHashedLock(290, 20) + generateHashedLock(10, 70).replace(/pkg-/g, 'wide-');
const check = importRequirementsTxt(lock);
if (!check.ok || check.design.pip.packages.length !== 300 || check.warnings.length > 0) {
  throw new Error(`the generated lock did not import cleanly: ${check.ok ? `${check.design.pip.packages.length} packages, ${check.warnings.length} warnings` : check.error}`);
}

for (let i = 0; i < 20; i += 1) importRequirementsTxt(lock);
const samples: number[] = [];
for (let i = 0; i < SAMPLES; i += 1) {
  const before = performance.now();
  importRequirementsTxt(lock);
  samples.push(performance.now() - before);
}
const middle = median(samples);
const lines = lock.split('\n').length;
console.log(`import a 300-package hashed lock (${(lock.length / 1024).toFixed(0)} KiB, ${lines} lines): median ${middle.toFixed(2)} ms, p90 ${percentile(samples, 0.9).toFixed(2)} ms (target < ${TARGET_MS} ms, ${samples.length} samples)${middle < TARGET_MS ? '' : '  OVER TARGET'}`);
