// Which wheels pip would install in the image: the compatibility tags of a wheel file name (PEP 425, PEP 600)
// against CPython X.Y on Linux with the image's glibc, in pip's order of preference (packaging.tags).

/** The tags of a wheel file name: `{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl`, sets dot-separated. */
export interface WheelTags {
  name: string;
  version: string;
  pythons: string[];
  abis: string[];
  platforms: string[];
}

/** The interpreter and machine a wheel has to fit. */
export interface WheelTarget {
  /** Python major.minor, e.g. "3.12". */
  python: string;
  /** Machine as Python's platform.machine() says it: x86_64 or aarch64. */
  arch: 'x86_64' | 'aarch64';
  /** glibc major.minor of the image, e.g. "2.39". */
  glibc: string;
}

/** The legacy manylinux names and the glibc they stand for (PEP 600 aliases). */
const LEGACY_MANYLINUX: Record<string, [number, number]> = { manylinux1: [2, 5], manylinux2010: [2, 12], manylinux2014: [2, 17] };

/**
 * Splits a wheel file name into its tags.
 * @example parseWheelFilename('numpy-2.1.3-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl')?.platforms // ['manylinux_2_17_x86_64', 'manylinux2014_x86_64']
 */
export function parseWheelFilename(filename: string): WheelTags | undefined {
  if (!filename.endsWith('.whl')) return undefined;
  const parts = filename.slice(0, -4).split('-');
  if (parts.length !== 5 && parts.length !== 6) return undefined;
  const [name, version] = parts;
  const [python, abi, platform] = parts.slice(-3);
  return { name, version, pythons: python.split('.'), abis: abi.split('.'), platforms: platform.split('.') };
}

/** Rank of a platform tag for the target (lower is preferred), or undefined when pip would refuse it. */
function platformRank(tag: string, target: WheelTarget): number | undefined {
  if (tag === 'any') return 1000;
  if (tag === `linux_${target.arch}`) return 999;
  const [glibcMajor, glibcMinor] = target.glibc.split('.').map(Number);
  const modern = /^manylinux_(\d+)_(\d+)_(.+)$/.exec(tag);
  const legacy = /^(manylinux1|manylinux2010|manylinux2014)_(.+)$/.exec(tag);
  const [major, minor, arch] = modern
    ? [Number(modern[1]), Number(modern[2]), modern[3]]
    : legacy
      ? [...LEGACY_MANYLINUX[legacy[1]], legacy[2]]
      : [NaN, NaN, ''];
  if (arch !== target.arch || major !== glibcMajor || minor > glibcMinor) return undefined;
  // pip prefers the newest glibc the system supports.
  return glibcMinor - minor;
}

/** Rank of a python/abi pair for the target (lower is preferred), or undefined when pip would refuse it. */
function interpreterRank(python: string, abi: string, target: WheelTarget): number | undefined {
  const [major, minor] = target.python.split('.').map(Number);
  const cp = `cp${major}${minor}`;
  if (abi === cp && python === cp) return 0;
  const abi3 = /^cp3(\d+)$/.exec(python);
  if (abi === 'abi3' && abi3 && major === 3 && Number(abi3[1]) <= minor && Number(abi3[1]) >= 2) return 100 + (minor - Number(abi3[1]));
  if (abi !== 'none') return undefined;
  if (python === cp) return 200;
  if (python === `py${major}${minor}`) return 300;
  if (python === `py${major}`) return 301;
  const py3n = /^py3(\d+)$/.exec(python);
  if (major === 3 && py3n && Number(py3n[1]) <= minor) return 302 + (minor - Number(py3n[1]));
  return undefined;
}

/**
 * pip's preference for a wheel on the target (lower is better), or undefined when the wheel does not fit.
 * @example wheelRank('rich-13.9.4-py3-none-any.whl', { python: '3.12', arch: 'aarch64', glibc: '2.39' }) // a number
 */
export function wheelRank(filename: string, target: WheelTarget): number | undefined {
  const tags = parseWheelFilename(filename);
  if (!tags) return undefined;
  let best: number | undefined;
  for (const python of tags.pythons)
    for (const abi of tags.abis)
      for (const platform of tags.platforms) {
        const interpreter = interpreterRank(python, abi, target);
        const machine = platformRank(platform, target);
        if (interpreter === undefined || machine === undefined) continue;
        // Every platform-specific tag comes before every "any" tag in pip's list.
        const rank = (machine >= 999 ? 1_000_000 : 0) + interpreter * 1000 + (machine % 999);
        best = best === undefined ? rank : Math.min(best, rank);
      }
  return best;
}

/**
 * The wheel pip would pick for the target, if any fits.
 * @example bestWheel(['x-1-cp312-cp312-manylinux_2_17_x86_64.whl', 'x-1-py3-none-any.whl'], { python: '3.12', arch: 'x86_64', glibc: '2.39' }) // 'x-1-cp312-cp312-manylinux_2_17_x86_64.whl'
 */
export function bestWheel(filenames: readonly string[], target: WheelTarget): string | undefined {
  let best: { filename: string; rank: number } | undefined;
  for (const filename of filenames) {
    const rank = wheelRank(filename, target);
    if (rank !== undefined && (best === undefined || rank < best.rank)) best = { filename, rank };
  }
  return best?.filename;
}
