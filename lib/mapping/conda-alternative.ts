// A pip requirement that conda-forge can install instead, worked out once for lint rule CD013 and the importers.
import { parseCondaSpec } from '@/lib/specs/conda-spec';
import { normalizePipName, parsePipLine } from '@/lib/specs/pip-requirement';
import { preferredCondaName } from './pypi-conda';

/** A pip requirement as a conda-forge package: `torch==2.5.1` → `pytorch==2.5.1`. */
export interface CondaAlternative {
  /** The PyPI name, PEP 503 normalized. */
  pypiName: string;
  /** The conda-forge package that provides it. */
  condaName: string;
  /** Whether the conda name differs from the PyPI name beyond PEP 503 spelling (`pytorch`, not `ruamel.yaml`). */
  renamed: boolean;
  /** The conda spec to install: the conda name with the pip version pin when conda reads it the same way. */
  condaSpec: string;
  /** The pip pin that could not be carried over (`==2.5.1+cpu`, `===1.0`), when the conda spec has none. */
  droppedPin?: string;
}

// One pip version clause conda reads the same way: no `===` (arbitrary equality) and no `+local` version, which
// are PyPI-only (torch==2.5.1+cpu names a wheel on PyTorch's index, not a conda build).
const CONDA_READABLE_CLAUSE = /^(?:==|!=|>=|<=|>|<|~=)[0-9][0-9A-Za-z.]*(?:\.\*)?$/;

/**
 * Whether a channel list includes conda-forge, by name or URL.
 * @example hasCondaForgeChannel(['https://conda.anaconda.org/conda-forge/']) // true
 */
export function hasCondaForgeChannel(channels: readonly string[]): boolean {
  return channels.some((channel) => /(?:^|\/)conda-forge\/?$/.test(channel));
}

/**
 * The conda-forge install for one requirements.txt line, or undefined when the line is not a plain requirement
 * (URL, environment marker, extras, hashes: conda cannot keep them) or conda-forge does not have the package.
 * @example condaForgeAlternative('torch==2.5.1') // { pypiName: 'torch', condaName: 'pytorch', renamed: true, condaSpec: 'pytorch==2.5.1' }
 */
export function condaForgeAlternative(line: string): CondaAlternative | undefined {
  const parsed = parsePipLine(line);
  if (!parsed.ok || parsed.line.kind !== 'requirement') return undefined;
  const { name, specifier, url, marker, extras, hashes } = parsed.line;
  if (url || marker || extras.length > 0 || hashes.length > 0) return undefined;
  const condaName = preferredCondaName(name);
  if (!condaName || !parseCondaSpec(condaName).ok) return undefined;
  const pypiName = normalizePipName(name);
  const renamed = normalizePipName(condaName) !== pypiName;
  const readable = specifier === '' || specifier.split(',').every((clause) => CONDA_READABLE_CLAUSE.test(clause));
  const pinned = `${condaName}${specifier}`;
  if (readable && parseCondaSpec(pinned).ok) return { pypiName, condaName, renamed, condaSpec: pinned };
  return { pypiName, condaName, renamed, condaSpec: condaName, droppedPin: specifier };
}
