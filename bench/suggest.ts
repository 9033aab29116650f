// `npm run bench:suggest`: package-name suggestions over a conda-forge-sized channel. 30,000 deterministic,
// realistic names go into a real shard index (msgpack, compressed with the zstd CLI like a channel's), then: index
// decode time, decoded/compressed bytes, search creation time, and keystroke → suggestions timings over queries typed
// character by character (prefixes, typos, subsequences). Numbers only, no assertions (bench/).
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createNameSearch } from '@/lib/suggest/name-search';
import { decodeShardIndex, encodeShardIndex } from '@/lib/suggest/shard-index';
import { zstdStored } from '@/lib/suggest/zstd-stored';

const NAME_COUNT = 30_000;
const KEYSTROKE_TARGET_MS = 16;

/** mulberry32: a small seeded generator, so every run benches the same names and queries. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REAL = [
  'numpy', 'pandas', 'scipy', 'scikit-learn', 'sklearn-pandas', 'scikit-image', 'matplotlib', 'matplotlib-base', 'pytorch',
  'pytorch-lightning', 'torchvision', 'py-opencv', 'pytables', 'jupyterlab', 'jupyter_server', 'ipykernel', 'xarray', 'dask',
  'polars', 'seaborn', 'statsmodels', 'numba', 'requests', 'python', 'python_abi', 'pip', 'setuptools', 'libgcc', 'openssl',
];
const STEMS = [
  'array', 'arrow', 'async', 'auth', 'cache', 'cli', 'cloud', 'color', 'config', 'crypto', 'data', 'date', 'db', 'debug', 'doc',
  'event', 'fast', 'file', 'flask', 'geo', 'graph', 'grid', 'hash', 'html', 'http', 'image', 'io', 'json', 'kernel', 'lint', 'log',
  'math', 'mesh', 'model', 'net', 'node', 'opt', 'parse', 'path', 'plot', 'pool', 'query', 'queue', 'rest', 'schema', 'shape',
  'signal', 'sql', 'stat', 'stream', 'sync', 'table', 'tensor', 'test', 'text', 'time', 'tree', 'type', 'units', 'view', 'web',
  'xml', 'yaml', 'zip', 'bio', 'chem', 'astro', 'climate', 'genome', 'seq', 'align', 'vcf', 'bam', 'fasta', 'spark', 'torch',
];
const PREFIXES = ['', '', '', 'py', 'py-', 'r-', 'lib', 'perl-', 'ros-humble-', 'jupyter-', 'sphinx-', 'pytest-', 'django-', 'ts-', 'go-'];
const SUFFIXES = ['', '', '', '-base', '-core', '-cpu', '-gpu', '-python', '-plugin', '-utils', '-tools', '-dev', '-static', 'lib', '2', '3', '-c', '-api'];

function generateNames(count: number): string[] {
  const next = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const names = new Set(REAL);
  while (names.size < count) {
    const body = next() < 0.35 ? `${pick(STEMS)}${pick(STEMS)}` : next() < 0.5 ? `${pick(STEMS)}-${pick(STEMS)}` : pick(STEMS);
    names.add(`${pick(PREFIXES)}${body}${pick(SUFFIXES)}`);
  }
  return [...names];
}

function buildIndex(names: readonly string[]): { raw: Uint8Array; compressed: Uint8Array; compressor: string } {
  const next = random(7);
  const hex = () => Array.from({ length: 32 }, () => Math.floor(next() * 256).toString(16).padStart(2, '0')).join('');
  const raw = encodeShardIndex({ subdir: 'linux-64', baseUrl: './', shardsBaseUrl: './shards/', shards: Object.fromEntries(names.map((name) => [name, hex()])) });
  try {
    return { raw, compressed: new Uint8Array(execFileSync('zstd', ['-19', '-q', '-c'], { input: raw, maxBuffer: 64 * 1024 * 1024 })), compressor: 'zstd -19' };
  } catch {
    return { raw, compressed: zstdStored(raw), compressor: 'stored zstd frames (no zstd CLI found: install the Debian package "zstd")' };
  }
}

/** What a person types, one keystroke at a time: exact names, typos (swap, substitution, missing letter), abbreviations. */
function typedQueries(names: readonly string[]): string[] {
  const next = random(99);
  const targets = [...REAL, ...Array.from({ length: 40 }, () => names[Math.floor(next() * names.length)])];
  const variants: string[] = [];
  for (const name of targets) {
    variants.push(name);
    const i = 1 + Math.floor(next() * Math.max(1, name.length - 2));
    if (name.length > 4) variants.push(name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2));
    if (name.length > 4) variants.push(name.slice(0, i) + name.slice(i + 1));
    if (name.includes('-')) variants.push(name.split('-').map((word) => word.slice(0, 3)).join(''));
  }
  variants.push('sklea', 'sklearn', 'pytoch', 'numpi', 'pnadas', 'mpl', 'opencv', 'tables');
  return variants.flatMap((variant) => Array.from({ length: variant.length }, (_, end) => variant.slice(0, end + 1)));
}

const time = (work: () => void) => {
  const before = performance.now();
  work();
  return performance.now() - before;
};
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const median = (samples: number[]) => percentile([...samples].sort((a, b) => a - b), 0.5);

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
