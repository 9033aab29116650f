// The design's conda specs solved per target platform with rattler, the image's virtual packages passed as locked
// packages. Pure apart from rattler (injected) and its repodata downloads; the lock URLs stay canonical whatever
// mirror served the metadata.
import type { Platform } from '@conda-org/rattler';
import { resolveDesign } from '@/lib/design/resolve';
import type { Design } from '@/lib/design/schema';
import { generateEnvironmentYml } from '@/lib/generators/environment-yml';
import { condaSpecName } from '@/lib/specs/conda-spec';
import { canonicalizePackageUrl, resolveChannels, type ChannelUrlOverrides, type ResolvedChannel } from './channels';
import { installOrder } from './install-order';
import { blameSpec, classifyRattlerError, normaliseRattlerError, type SolveFailureKind, type SpecOrigin } from './explain';
import type { LoadRattler, RattlerModule } from './rattler';
import { toRattlerSpec, type RattlerSpec } from './rattler-spec';
import { SUBDIR_OF_PLATFORM, toLockedPackages, virtualPackagesFor, type Subdir, type VirtualPackage } from './virtual-packages';

/** One package of a solved environment, as the lock stores it (URLs canonical, sizes in bytes). */
export interface LockedPackage {
  name: string;
  version: string;
  build: string;
  /** Canonical channel URL, e.g. https://conda.anaconda.org/conda-forge. */
  channel: string;
  subdir: string;
  /** Canonical package URL. */
  url: string;
  md5: string;
  sha256: string;
  size: number;
}

/** The solve of one platform: every package, or why there is no solution. */
export type PlatformSolve =
  | { ok: true; subdir: Subdir; /** In install order: dependencies first. */ packages: LockedPackage[]; downloadBytes: number; virtualPackages: VirtualPackage[]; notes: string[] }
  | {
      ok: false;
      subdir: Subdir;
      kind: SolveFailureKind;
      /** What went wrong, in words (rattler's explanation for conflicts). */
      error: string;
      /** The spec to blame, its form field and its environment.yml line, when one can be named. */
      spec?: string;
      field?: string;
      line?: number;
      virtualPackages: VirtualPackage[];
      notes: string[];
    };

/** The solve of a design: the channels used and one result per target platform, in the design's order. */
export interface DesignSolve {
  channels: ResolvedChannel[];
  platforms: Partial<Record<Subdir, PlatformSolve>>;
}

/** Where the solve gets rattler, repodata and (to name an unreachable channel) fetch. */
export interface SolveOptions {
  loadRattler: LoadRattler;
  /** Channel name → mirror URL (server-wide setting, CLI flag, tests). */
  channelUrls?: ChannelUrlOverrides;
  /** Used only to find which channel is unreachable after a network failure; rattler fetches with the global fetch. */
  fetch?: typeof fetch;
}

/**
 * The design's conda specs in environment.yml order (python pin, packages, pip when pip packages need it), each
 * with its form field and its environment.yml line.
 * @example condaSpecsOf(DEFAULT_DESIGN)[0] // { name: 'python', spec: 'python=3.12', field: 'conda.pythonVersion', line: 7 }
 */
export function condaSpecsOf(design: Design): SpecOrigin[] {
  const resolved = resolveDesign(design);
  const yml = generateEnvironmentYml(resolved).content.split('\n');
  const start = yml.indexOf('dependencies:');
  const itemLines = yml.flatMap((text, index) => (index > start && start >= 0 && /^ {2}- /.test(text) ? [index + 1] : []));
  const hasPythonPin = design.conda.pythonVersion !== '';
  return resolved.condaDependencies.map((spec, index) => {
    const packageIndex = index - (hasPythonPin ? 1 : 0);
    const field =
      hasPythonPin && index === 0 ? 'conda.pythonVersion' : packageIndex < design.conda.packages.length ? `conda.packages.${packageIndex}` : undefined;
    return { name: condaSpecName(spec) ?? spec, spec, ...(field ? { field } : {}), ...(itemLines[index] ? { line: itemLines[index] } : {}) };
  });
}

function failure(
  subdir: Subdir,
  kind: SolveFailureKind,
  error: string,
  virtualPackages: VirtualPackage[],
  notes: string[],
  blamed?: SpecOrigin,
): PlatformSolve {
  return {
    ok: false,
    subdir,
    kind,
    error,
    ...(blamed ? { spec: blamed.spec, ...(blamed.field ? { field: blamed.field } : {}), ...(blamed.line ? { line: blamed.line } : {}) } : {}),
    virtualPackages,
    notes,
  };
}

/** Says which channel could not be reached, by asking each for its repodata.json (HEAD). */
async function describeNetworkFailure(message: string, channels: readonly ResolvedChannel[], subdir: Subdir, fetchFn?: typeof fetch): Promise<string> {
  const urls = channels.flatMap((channel) => [`${channel.fetchUrl}/${subdir}/repodata.json`, `${channel.fetchUrl}/noarch/repodata.json`]);
  if (fetchFn) {
    for (const url of urls) {
      try {
        const response = await fetchFn(url, { method: 'HEAD' });
        if (!response.ok) return `cannot fetch ${url}: HTTP ${response.status} (the solver said: ${message})`;
      } catch (error) {
        // Node's fetch says only "fetch failed"; the cause has the reason (ECONNREFUSED, ENOTFOUND …).
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        const reason = [normaliseRattlerError(error), cause?.code ?? cause?.message].filter(Boolean).join(': ');
        return `cannot reach ${url}: ${reason} (the solver said: ${message})`;
      }
    }
  }
  return `cannot fetch repodata from ${channels.map((channel) => channel.fetchUrl).join(', ')} (the solver said: ${message})`;
}

/** Checks that each spec which named a channel got its package from that channel. */
function checkChannelPins(packages: readonly LockedPackage[], specs: readonly RattlerSpec[], origins: readonly SpecOrigin[]): { error: string; blamed: SpecOrigin } | undefined {
  for (const [index, spec] of specs.entries()) {
    if (spec.channel === undefined) continue;
    const wanted = resolveChannels([spec.channel])[0]?.canonicalUrl;
    const found = packages.find((pkg) => pkg.name === spec.name);
    if (found && wanted && found.channel !== wanted)
      return { error: `${spec.name} comes from ${found.channel}, but "${origins[index].spec}" asks for ${wanted}; list that channel first or drop the prefix.`, blamed: origins[index] };
  }
  return undefined;
}

/**
 * Solves prepared specs for one platform.
 * @example await solvePlatform(rattler, specs, origins, resolveChannels(['conda-forge']), 'linux-64', virtualPackagesFor(design, 'linux-64'))
 */
export async function solvePlatform(
  rattler: RattlerModule,
  specs: readonly RattlerSpec[],
  origins: readonly SpecOrigin[],
  channels: readonly ResolvedChannel[],
  subdir: Subdir,
  virtualPackages: VirtualPackage[],
  fetchFn?: typeof fetch,
): Promise<PlatformSolve> {
  const notes = specs.flatMap((spec, index) => spec.notes.map((note) => `${origins[index].spec}: ${note}`));
  let solved;
  try {
    solved = await rattler.simpleSolve(
      specs.map((spec) => spec.spec),
      channels.map((channel) => channel.fetchUrl),
      [subdir, 'noarch'] as Platform[],
      toLockedPackages(virtualPackages, subdir),
    );
  } catch (thrown) {
    const message = normaliseRattlerError(thrown);
    const kind = classifyRattlerError(message);
    if (kind === 'network') return failure(subdir, kind, await describeNetworkFailure(message, channels, subdir, fetchFn), virtualPackages, notes);
    const blamed = blameSpec(message, origins);
    const error = kind === 'no-candidates' ? `${message} No channel has it for ${subdir}.` : message;
    return failure(subdir, kind, error, virtualPackages, notes, blamed);
  }
  const packages: LockedPackage[] = [];
  const depends = new Map<string, string[]>();
  for (const record of solved) {
    // Virtual packages come back when something depends on them; they are the image's, not the lock's.
    if (record.packageName.startsWith('__')) continue;
    const canonical = canonicalizePackageUrl(record.url, channels);
    packages.push({
      name: record.packageName,
      version: record.version,
      build: record.build,
      channel: canonical?.channel ?? (record.repoName ?? '').replace(/\/+$/, ''),
      subdir: record.subdir ?? subdir,
      url: canonical?.url ?? record.url,
      md5: record.md5 ?? '',
      sha256: record.sha256 ?? '',
      size: Number(record.size ?? 0),
    });
    depends.set(record.packageName, record.depends ?? []);
    record.free();
  }
  // Install order (dependencies first): the order the lock files list them in.
  const position = new Map(installOrder(packages.map((pkg) => ({ name: pkg.name, depends: depends.get(pkg.name) ?? [] }))).map((name, index) => [name, index]));
  packages.sort((a, b) => position.get(a.name)! - position.get(b.name)!);
  const pinProblem = checkChannelPins(packages, specs, origins);
  if (pinProblem) return failure(subdir, 'unsolvable', pinProblem.error, virtualPackages, notes, pinProblem.blamed);
  return { ok: true, subdir, packages, downloadBytes: packages.reduce((sum, pkg) => sum + pkg.size, 0), virtualPackages, notes };
}

/**
 * Solves the design for each of its target platforms (one after the other: the solver is single-threaded).
 * @example const { platforms } = await solveDesign(design, { loadRattler: loadNodeRattler }); platforms['linux-64']?.ok
 */
export async function solveDesign(design: Design, options: SolveOptions): Promise<DesignSolve> {
  const channels = resolveChannels(design.conda.channels, options.channelUrls);
  const origins = condaSpecsOf(design);
  const subdirs = design.base.platforms.map((platform) => SUBDIR_OF_PLATFORM[platform]);
  const platforms: DesignSolve['platforms'] = {};
  const translated = origins.map((origin) => toRattlerSpec(origin.spec));
  const invalid = translated.findIndex((result) => !result.ok);
  if (invalid >= 0) {
    const result = translated[invalid];
    for (const subdir of subdirs)
      platforms[subdir] = failure(subdir, 'invalid-spec', result.ok ? '' : result.error, virtualPackagesFor(design, subdir), [], origins[invalid]);
    return { channels, platforms };
  }
  const specs = translated.map((result) => (result.ok ? result.value : undefined)).filter((spec) => spec !== undefined);
  const designNotes = design.conda.channelPriority === 'flexible' ? ['channel priority "flexible": solved with strict priority (the only one rattler 0.3.5 offers)'] : [];
  const rattler = await options.loadRattler();
  for (const subdir of subdirs) {
    const result = await solvePlatform(rattler, specs, origins, channels, subdir, virtualPackagesFor(design, subdir), options.fetch);
    platforms[subdir] = { ...result, notes: [...designNotes, ...result.notes] };
  }
  return { channels, platforms };
}
