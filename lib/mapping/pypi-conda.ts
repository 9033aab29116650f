// Which conda-forge packages provide a PyPI project, from the parselmouth snapshot (SOURCE.md). The lookup maps
// are built on first use: importing this module only loads the snapshot's two strings and one object.
import { normalizePipName } from '@/lib/specs/pip-requirement';
import type { MappingSource, PypiCondaSnapshot } from './build-snapshot';
import snapshotJson from './pypi-conda-snapshot.json';

const SNAPSHOT: PypiCondaSnapshot = snapshotJson;

/** Where the shipped mapping comes from: parselmouth's repository, file, commit, date and licence. */
export const MAPPING_SOURCE: Readonly<MappingSource> = SNAPSHOT.source;

let sameNames: Set<string> | undefined;
let pypiByConda: Map<string, string[]> | undefined;

function isSameName(name: string): boolean {
  sameNames ??= new Set(SNAPSHOT.same.split('\n'));
  return sameNames.has(name);
}

/**
 * The conda-forge packages that provide a PyPI project (any spelling), most-preferred first; empty when none does.
 * @example condaNamesForPypi('torch') // ['pytorch', 'pytorch-cpu']
 */
export function condaNamesForPypi(pypiName: string): readonly string[] {
  const name = normalizePipName(pypiName.trim());
  if (Object.hasOwn(SNAPSHOT.other, name)) return SNAPSHOT.other[name];
  return isSameName(name) ? [name] : [];
}

/**
 * The conda-forge package to install instead of a PyPI project, or undefined when conda-forge has none.
 * @example preferredCondaName('opencv-python') // 'py-opencv'
 */
export function preferredCondaName(pypiName: string): string | undefined {
  return condaNamesForPypi(pypiName)[0];
}

/**
 * The PyPI projects (normalized) a conda-forge package provides; empty when it provides none or is unknown.
 * @example pypiNamesForConda('pytorch') // ['torch']
 */
export function pypiNamesForConda(condaName: string): readonly string[] {
  const name = condaName.trim().toLowerCase();
  if (!pypiByConda) {
    pypiByConda = new Map();
    for (const [pypi, condaNames] of Object.entries(SNAPSHOT.other))
      for (const conda of condaNames) pypiByConda.set(conda, [...(pypiByConda.get(conda) ?? []), pypi]);
  }
  const listed = pypiByConda.get(name) ?? [];
  // A same-named entry is the only provider of its PyPI name, so a conda package in `same` may also be in `other`.
  return isSameName(name) ? [name, ...listed].sort() : listed;
}

let renamed: Map<string, readonly string[]> | undefined;

/**
 * Every PyPI project that conda-forge ships under another name, with the conda names (for suggestions' aliases).
 * @example renamedOnCondaForge().get('torch') // ['pytorch', 'pytorch-cpu']
 */
export function renamedOnCondaForge(): ReadonlyMap<string, readonly string[]> {
  renamed ??= new Map(Object.entries(SNAPSHOT.other).filter(([pypi, conda]) => !conda.includes(pypi)));
  return renamed;
}
