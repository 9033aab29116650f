// The names and queries of the suggestion benchmarks (bench/suggest.ts in Node, bench/suggest-web.ts in the page):
// 30,000 deterministic, realistic names in a real shard index, and what a person types, one keystroke at a time.
import { execFileSync } from 'node:child_process';
import { encodeShardIndex } from '@/lib/suggest/shard-index';
import { zstdStored } from '@/lib/suggest/zstd-stored';

/** How many names a conda-forge subdir has, roughly. */
export const NAME_COUNT = 30_000;

/** mulberry32: a small seeded generator, so every run benches the same names and queries. */
export function random(seed: number): () => number {
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

export function generateNames(count: number): string[] {
  const next = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const names = new Set(REAL);
  while (names.size < count) {
    const body = next() < 0.35 ? `${pick(STEMS)}${pick(STEMS)}` : next() < 0.5 ? `${pick(STEMS)}-${pick(STEMS)}` : pick(STEMS);
    names.add(`${pick(PREFIXES)}${body}${pick(SUFFIXES)}`);
  }
  return [...names];
}

export function buildIndex(names: readonly string[]): { raw: Uint8Array; compressed: Uint8Array; compressor: string } {
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
export function typedQueries(names: readonly string[]): string[] {
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
