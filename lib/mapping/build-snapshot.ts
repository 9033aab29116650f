// Turns parselmouth's conda-forge mapping (conda name → PyPI names) into the compact PyPI → conda-forge snapshot
// that pypi-conda.ts reads. Pure, so that scripts/refresh-pypi-conda-map.ts and the tests build it the same way.
import { normalizePipName } from '@/lib/specs/pip-requirement';

/** parselmouth's `compressed_mapping.json`: conda-forge package name → the PyPI names it provides, or null when none. */
export type CondaToPypiMapping = Readonly<Record<string, readonly string[] | null>>;

/** Where a snapshot comes from. */
export interface MappingSource {
  repo: string;
  path: string;
  url: string;
  /** Upstream commit the file was read at, or "unknown". */
  commit: string;
  /** Date of that commit (YYYY-MM-DD), or "unknown". */
  date: string;
  license: string;
}

/** The shipped PyPI → conda-forge mapping; PyPI names are PEP 503 normalized. */
export interface PypiCondaSnapshot {
  source: MappingSource;
  /** Newline-joined PyPI names whose only conda-forge package has exactly that name (most names: one string is small). */
  same: string;
  /** Every other PyPI name → the conda-forge packages that provide it, most-preferred first. */
  other: Record<string, string[]>;
}

/** Where the mapping is read from upstream (the raw file of parselmouth's `files/v0/conda-forge/compressed_mapping.json`). */
export const UPSTREAM_SOURCE: Omit<MappingSource, 'commit' | 'date'> = {
  repo: 'https://github.com/prefix-dev/parselmouth',
  path: 'files/v0/conda-forge/compressed_mapping.json',
  url: 'https://raw.githubusercontent.com/prefix-dev/parselmouth/main/files/v0/conda-forge/compressed_mapping.json',
  license: 'BSD-3-Clause',
};

/**
 * Checks that parsed JSON has the shape of parselmouth's compressed mapping.
 * @example readCondaToPypiMapping({ pytorch: ['torch'], libzlib: null }) // { ok: true, mapping: {…} }
 */
export function readCondaToPypiMapping(json: unknown): { ok: true; mapping: CondaToPypiMapping } | { ok: false; error: string } {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return { ok: false, error: 'expected a JSON object of conda name → array of PyPI names or null, e.g. {"pytorch": ["torch"]}' };
  for (const [conda, pypi] of Object.entries(json)) {
    if (pypi !== null && !(Array.isArray(pypi) && pypi.every((name) => typeof name === 'string')))
      return { ok: false, error: `"${conda}": expected an array of PyPI names or null, found ${JSON.stringify(pypi).slice(0, 60)}` };
  }
  return { ok: true, mapping: json as CondaToPypiMapping };
}

// Conda packages named lib* or _* are C libraries and internals (libopencv next to py-opencv): last unless named alike.
const INTERNAL = /^(?:lib|_)/;

/**
 * The conda packages that provide one PyPI name, most-preferred first: the same name, then the same name once
 * normalized (`ruamel.yaml`), then non-internal packages, then names containing the PyPI name (`pytorch` for
 * `torch`, `python-graphviz`), then shorter names (`pytorch` before `pytorch-cpu`), then code-unit order.
 * @example rankCondaNames('opencv-python', ['libopencv', 'py-opencv']) // ['py-opencv', 'libopencv']
 */
export function rankCondaNames(pypiName: string, condaNames: readonly string[]): string[] {
  const key = (conda: string): number[] => {
    const normalized = normalizePipName(conda);
    const tier = conda === pypiName ? 0 : normalized === pypiName ? 1 : 2;
    return [tier, tier === 2 && INTERNAL.test(conda) ? 1 : 0, normalized.includes(pypiName) ? 0 : 1, conda.length];
  };
  return [...condaNames]
    .map((conda) => ({ conda, key: key(conda) }))
    .sort((a, b) => a.key.reduce((order, value, i) => order || value - b.key[i], 0) || (a.conda < b.conda ? -1 : a.conda > b.conda ? 1 : 0))
    .map(({ conda }) => conda);
}

/**
 * The PyPI → conda-forge snapshot of a conda → PyPI mapping, the same for the same input.
 * @example buildPypiCondaSnapshot({ numpy: ['numpy'], pytorch: ['torch'] }, source).other // { torch: ['pytorch'] }
 */
export function buildPypiCondaSnapshot(mapping: CondaToPypiMapping, source: MappingSource): PypiCondaSnapshot {
  const providers = new Map<string, Set<string>>();
  for (const [conda, pypiNames] of Object.entries(mapping)) {
    for (const pypi of pypiNames ?? []) {
      const name = normalizePipName(pypi);
      if (!providers.has(name)) providers.set(name, new Set());
      providers.get(name)!.add(conda);
    }
  }
  const same: string[] = [];
  const other: Record<string, string[]> = {};
  for (const name of [...providers.keys()].sort()) {
    const ranked = rankCondaNames(name, [...providers.get(name)!]);
    if (ranked.length === 1 && ranked[0] === name) same.push(name);
    else other[name] = ranked;
  }
  return { source, same: same.join('\n'), other };
}

/**
 * A snapshot as the JSON text that is committed: fixed key order, one `other` entry a line, so refreshes diff well.
 * @example formatSnapshot(snapshot) // '{\n  "source": {…},\n  "same": "…",\n  "other": {\n    "torch": ["pytorch"]\n  }\n}\n'
 */
export function formatSnapshot(snapshot: PypiCondaSnapshot): string {
  const { repo, path, url, commit, date, license } = snapshot.source;
  const source = JSON.stringify({ repo, path, url, commit, date, license }, null, 2).replace(/\n/g, '\n  ');
  const other = Object.keys(snapshot.other)
    .sort()
    .map((name) => `    ${JSON.stringify(name)}: ${JSON.stringify(snapshot.other[name])}`)
    .join(',\n');
  return `{\n  "source": ${source},\n  "same": ${JSON.stringify(snapshot.same)},\n  "other": {\n${other}\n  }\n}\n`;
}
