// `npm run bench:suggest`: package-name suggestions over a conda-forge-sized channel. 30,000 deterministic,
// realistic names go into a real shard index (msgpack, compressed with the zstd CLI like a channel's), then: index
// decode time, decoded/compressed bytes, search creation time, and keystroke → suggestions timings over queries typed
// character by character (prefixes, typos, subsequences). Numbers only, no assertions (bench/).
import { performance } from 'node:perf_hooks';
import { createNameSearch } from '@/lib/suggest/name-search';
import { decodeShardIndex } from '@/lib/suggest/shard-index';
import { buildIndex, generateNames, NAME_COUNT, typedQueries } from './suggest-data';
import { median, percentile } from './stats';

const KEYSTROKE_TARGET_MS = 16;

const time = (work: () => void) => {
  const before = performance.now();
  work();
  return performance.now() - before;
};

const names = generateNames(NAME_COUNT);
const { raw, compressed, compressor } = buildIndex(names);
const decodeSamples = Array.from({ length: 15 }, () => time(() => decodeShardIndex(compressed)));
const index = decodeShardIndex(compressed);
const createSamples = Array.from({ length: 7 }, () => time(() => createNameSearch(index.names)));
const search = createNameSearch(index.names, { aliases: new Map([['torch', ['pytorch']], ['sklearn', ['scikit-learn']], ['opencv-python', ['py-opencv']]]) });
const queries = typedQueries(index.names);
for (const query of queries.slice(0, 50)) search.search(query); // warm-up
const keystrokes = queries.map((query) => time(() => search.search(query))).sort((a, b) => a - b);
const p95 = percentile(keystrokes, 0.95);

const kB = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
console.log(`names: ${index.names.length} (deterministic), index msgpack ${kB(raw.length)}, compressed ${kB(compressed.length)} with ${compressor}`);
console.log(`decode index (zstd + msgpack + sort): median ${median(decodeSamples).toFixed(1)} ms (${decodeSamples.length} runs)`);
console.log(`createNameSearch over ${index.names.length} names: median ${median(createSamples).toFixed(1)} ms (${createSamples.length} runs)`);
console.log(
  `keystroke → suggestions (${keystrokes.length} keystrokes from ${queries.filter((q) => q.length === 1).length} typed queries): ` +
    `p50 ${percentile(keystrokes, 0.5).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${keystrokes[keystrokes.length - 1].toFixed(2)} ms ` +
    `(target p95 < ${KEYSTROKE_TARGET_MS} ms)${p95 < KEYSTROKE_TARGET_MS ? '' : '  OVER TARGET'}`,
);
for (const query of ['sklea', 'pytoch', 'numpi', 'pnadas', 'torch']) console.log(`  ${query} → ${search.search(query, 4).map((m) => `${m.name} (${m.kind})`).join(', ')}`);
