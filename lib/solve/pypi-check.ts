// Pip lines checked against a PyPI-JSON-API-shaped index (`/pypi/NAME/json`, what pypi.org serves with CORS
// headers): the project exists, which versions satisfy the specifier, yanked releases (PEP 592), requires_python
// against the design's Python, and the file pip would install per platform: a wheel for CPython X.Y and the
// image's glibc, else the sdist (built in the image: needs a compiler when it has C extensions). Markers are
// evaluated for the image's Python and platform. Pip's own dependencies are not resolved.
import { satisfies, valid, rcompare } from '@renovatebot/pep440';
import type { Design } from '@/lib/design/schema';
import { parseCondaSpec, condaSpecName } from '@/lib/specs/conda-spec';
import { normalizePipName, parsePipLine } from '@/lib/specs/pip-requirement';
import { trimSlash } from './channels';
import { evaluateMarker, markerEnvironment } from './markers';
import { ARCHSPEC_OF_SUBDIR, SUBDIR_OF_PLATFORM, glibcOfImage, type Subdir } from './virtual-packages';
import { bestWheel } from './wheel-tags';

/** The file pip would install for a line on one platform. */
export interface PipInstall {
  subdir: Subdir;
  version?: string;
  /** Wheel file name, when one fits. */
  wheel?: string;
  /** sdist file name, when pip has to build from source. */
  sdist?: string;
  /** The line's marker is false on this platform: pip skips it. */
  skipped?: boolean;
}

/** The check of one pip line. */
export interface PipLineCheck {
  line: string;
  /** Form field, e.g. "pip.packages.2". */
  field: string;
  /** ok: checks out; problem: pip would fail or install something broken; not-checked: a URL, path or option; skipped: marker false everywhere. */
  status: 'ok' | 'problem' | 'not-checked' | 'skipped';
  ok: boolean;
  /** The version pip would install (on the first platform where the line applies). */
  version?: string;
  /** Versions satisfying the specifier, newest first (at most 10). */
  versions?: string[];
  problems: string[];
  warnings: string[];
  notes: string[];
  installs: PipInstall[];
}

/** An index that could not be asked (network, server error): the check cannot say anything. */
export class PipIndexError extends Error {
  constructor(
    readonly url: string,
    reason: string,
  ) {
    super(`cannot fetch ${url}: ${reason}`);
  }
}

/** Where the pip checks get their data. */
export interface PipCheckOptions {
  fetch: typeof fetch;
  /** Base URL of a PyPI JSON API; default: the design's index URL without /simple, else https://pypi.org. */
  pypiUrl?: string;
  /** Python full version per platform, e.g. from the solve ("3.12.7"); default X.Y.0. */
  pythonFullVersion?: Partial<Record<Subdir, string>>;
}

interface PypiFile {
  filename: string;
  packagetype: string;
  requires_python: string | null;
  yanked: boolean;
  yanked_reason: string | null;
}
interface PypiProject {
  info: { name: string };
  releases: Record<string, PypiFile[]>;
}

const APT_COMPILERS = ['build-essential', 'gcc', 'g++', 'clang', 'cc'];
const CONDA_COMPILERS = ['c-compiler', 'cxx-compiler', 'compilers', 'gcc', 'gxx', 'clang', 'gcc_linux-64', 'gcc_linux-aarch64'];

/**
 * Python major.minor of the design: the Python version field, else an exact `python=X.Y` spec.
 * @example designPython(DEFAULT_DESIGN) // '3.12'
 */
export function designPython(design: Design): string | undefined {
  if (design.conda.pythonVersion) return /^\d+\.\d+/.exec(design.conda.pythonVersion)?.[0];
  const spec = design.conda.packages.find((text) => condaSpecName(text) === 'python');
  const parsed = spec ? parseCondaSpec(spec) : undefined;
  return parsed?.ok ? /^=?=?(\d+\.\d+)(?:\.\*|\.\d+.*)?$/.exec(parsed.spec.version ?? '')?.[1] : undefined;
}

/** Which compiler the design installs, if any (apt or conda). */
function compilerOf(design: Design): string | undefined {
  return (
    design.apt.packages.find((pkg) => APT_COMPILERS.includes(pkg)) ??
    design.conda.packages.map((spec) => condaSpecName(spec)).find((name) => name !== undefined && CONDA_COMPILERS.includes(name))
  );
}

/** The default PyPI JSON API. */
export const PYPI_URL = 'https://pypi.org';

/**
 * The JSON API base of a package index URL: without "/simple" and trailing slashes; pypi.org for none.
 * @example pypiJsonBase('https://pypi.example/simple/') // 'https://pypi.example'
 */
export function pypiJsonBase(indexUrl: string): string {
  return trimSlash(trimSlash(indexUrl).replace(/\/simple$/, '')) || PYPI_URL;
}

/**
 * The JSON API base for a design: the override, else the index URL without "/simple", else pypi.org.
 * @example pypiBaseUrl(DEFAULT_DESIGN) // 'https://pypi.org'
 */
export function pypiBaseUrl(design: Design, override?: string): string {
  return override ? trimSlash(override) : pypiJsonBase(design.pip.indexUrl);
}

/**
 * The JSON API URL of a project on an index base (the name normalized, as PEP 503 says).
 * @example pypiProjectUrl('https://pypi.org', 'Scikit_Learn') // 'https://pypi.org/pypi/scikit-learn/json'
 */
export function pypiProjectUrl(base: string, name: string): string {
  return `${base}/pypi/${encodeURIComponent(normalizePipName(name))}/json`;
}

/**
 * A project's JSON from the index, or undefined when it has none (404); throws PipIndexError naming the URL.
 * @example (await fetchPypiProject(fetch, 'https://pypi.org', 'rich'))?.info.name // 'rich'
 */
export async function fetchPypiProject(fetchFn: typeof fetch, base: string, name: string): Promise<unknown> {
  const url = pypiProjectUrl(base, name);
  let response: Response;
  try {
    response = await fetchFn(url, { headers: { Accept: 'application/json' } });
  } catch (error) {
    throw new PipIndexError(url, error instanceof Error ? error.message : String(error));
  }
  if (response.status === 404) return undefined;
  if (!response.ok) throw new PipIndexError(url, `HTTP ${response.status}`);
  try {
    return (await response.json()) as unknown;
  } catch {
    throw new PipIndexError(url, 'the answer is not JSON');
  }
}

/** pip's candidate filter: final releases first, pre-releases only when the specifier names one or nothing else matches. */
function matchingVersions(versions: string[], specifier: string): string[] {
  const matches = (version: string, prereleases: boolean) => (specifier === '' ? true : satisfies(version, specifier, { prereleases }));
  const isPre = (version: string) => /(a|b|rc|dev)\d*/i.test(version.replace(/^\d+!/, ''));
  const explicitPre = /\d(a|b|rc|dev)/i.test(specifier);
  const finals = versions.filter((version) => (explicitPre || !isPre(version)) && matches(version, true));
  return (finals.length > 0 ? finals : versions.filter((version) => matches(version, true))).sort(rcompare);
}

const pythonOk = (file: PypiFile, python?: string) => !file.requires_python || python === undefined || satisfies(python, file.requires_python, { prereleases: true });

function notChecked(line: string, field: string, why: string): PipLineCheck {
  return { line, field, status: 'not-checked', ok: true, problems: [], warnings: [], notes: [why], installs: [] };
}

/**
 * Checks every pip line of the design against the index.
 * @example await checkPipLines(design, { fetch }) // [{ line: 'rich>=13', ok: true, version: '13.9.4', … }]
 * @throws PipIndexError when the index cannot be reached (the check says nothing then).
 */
export async function checkPipLines(design: Design, options: PipCheckOptions): Promise<PipLineCheck[]> {
  const base = pypiBaseUrl(design, options.pypiUrl);
  const python = designPython(design);
  const subdirs = design.base.platforms.map((platform) => SUBDIR_OF_PLATFORM[platform]);
  const glibc = glibcOfImage(design.base.image);
  const compiler = compilerOf(design);
  const results: PipLineCheck[] = [];
  for (const [index, text] of design.pip.packages.entries()) {
    const field = `pip.packages.${index}`;
    const parsed = parsePipLine(text);
    if (!parsed.ok) {
      results.push({ line: text, field, status: 'problem', ok: false, problems: [parsed.error], warnings: [], notes: [], installs: [] });
      continue;
    }
    const line = parsed.line;
    if (line.kind === 'option') {
      results.push(notChecked(text, field, 'a pip option, not a package'));
      continue;
    }
    if (line.kind === 'editable') {
      results.push(notChecked(text, field, 'an editable install of a local path: there is nothing to look up on an index'));
      continue;
    }
    if (line.kind === 'url' || line.url !== undefined) {
      results.push(notChecked(text, field, 'a direct URL or VCS checkout: pip fetches it at build time and the index is not asked'));
      continue;
    }
    results.push(await checkRequirement(text, field, line, { ...options, base, python, subdirs, glibc, compiler }));
  }
  return results;
}

interface RequirementContext extends PipCheckOptions {
  base: string;
  python?: string;
  subdirs: Subdir[];
  glibc: string;
  compiler?: string;
}

async function checkRequirement(
  text: string,
  field: string,
  line: { name: string; specifier: string; marker?: string },
  context: RequirementContext,
): Promise<PipLineCheck> {
  const result: PipLineCheck = { line: text, field, status: 'ok', ok: true, problems: [], warnings: [], notes: [], installs: [] };
  const { python } = context;
  const applies = context.subdirs.filter((subdir) => {
    if (!line.marker || python === undefined) return true;
    const skip = !evaluateMarker(line.marker, markerEnvironment(python, ARCHSPEC_OF_SUBDIR[subdir] as 'x86_64' | 'aarch64', context.pythonFullVersion?.[subdir]));
    if (skip) result.installs.push({ subdir, skipped: true });
    return !skip;
  });
  if (python === undefined) result.notes.push('the design pins no Python X.Y: requires_python, wheels and markers are not checked');
  if (applies.length === 0) {
    return { ...result, status: 'skipped', notes: [...result.notes, `the marker "${line.marker}" is false for CPython ${python} on ${context.subdirs.join(' and ')}: pip skips this line`] };
  }

  const project = (await fetchPypiProject(context.fetch, context.base, line.name)) as PypiProject | undefined;
  if (!project) return { ...result, status: 'problem', ok: false, problems: [`no project "${line.name}" on ${context.base}; check the spelling`] };

  const releases = Object.entries(project.releases).filter(([version, files]) => valid(version) && files.length > 0);
  const yanked = new Map(releases.filter(([, files]) => files.every((file) => file.yanked)).map(([version, files]) => [version, files[0].yanked_reason]));
  const all = matchingVersions(releases.map(([version]) => version), line.specifier);
  const exactPin = /^(===?)/.test(line.specifier);
  let candidates = all.filter((version) => !yanked.has(version));
  if (candidates.length === 0 && exactPin && all.length > 0) {
    // PEP 592: a yanked release is still installed when pinned exactly.
    candidates = all;
    result.problems.push(`${line.name} ${all[0]} was yanked${yanked.get(all[0]) ? `: ${yanked.get(all[0])}` : ''}; pip installs it only because it is pinned`);
  }
  result.versions = candidates.slice(0, 10);
  if (candidates.length === 0) {
    const newest = releases.map(([version]) => version).sort(rcompare)[0];
    result.problems.push(
      all.length > 0
        ? `every version of ${line.name} matching "${line.specifier}" was yanked (${all.join(', ')})`
        : `no version of ${line.name} matches "${line.specifier}"${newest ? ` (newest: ${newest})` : ''}`,
    );
    return { ...result, status: 'problem', ok: false };
  }

  const files = new Map(releases);
  for (const subdir of applies) {
    const target = python === undefined ? undefined : { python, arch: ARCHSPEC_OF_SUBDIR[subdir] as 'x86_64' | 'aarch64', glibc: context.glibc };
    let chosen: PipInstall | undefined;
    for (const version of candidates) {
      const usable = (files.get(version) ?? []).filter((file) => pythonOk(file, python));
      const wheelNames = usable.filter((file) => file.packagetype === 'bdist_wheel').map((file) => file.filename);
      const wheel = target ? bestWheel(wheelNames, target) : wheelNames[0];
      const sdist = usable.find((file) => file.packagetype === 'sdist')?.filename;
      if (wheel || sdist) {
        chosen = { subdir, version, ...(wheel ? { wheel } : { sdist }) };
        break;
      }
    }
    if (!chosen) {
      const needs = (files.get(candidates[0]) ?? []).find((file) => file.requires_python)?.requires_python;
      result.problems.push(
        needs && python && !satisfies(python, needs, { prereleases: true })
          ? `${line.name} ${candidates[0]} needs Python ${needs}; the design has ${python}, and no older matching version fits`
          : `no file of ${line.name} installs on CPython ${python} ${subdir} (glibc ${context.glibc})`,
      );
      continue;
    }
    result.installs.push(chosen);
    if (chosen.sdist)
      result.warnings.push(
        `no wheel of ${line.name} ${chosen.version} for CPython ${python} on ${subdir} (glibc ${context.glibc}): pip builds ${chosen.sdist}, ` +
          (context.compiler
            ? `with the ${context.compiler} the design installs`
            : 'which needs a compiler if it has C extensions, and the design installs none (add build-essential to the system packages)'),
      );
  }
  const chosenVersions = [...new Set(result.installs.flatMap((install) => (install.version ? [install.version] : [])))];
  if (chosenVersions.length > 0) result.version = chosenVersions[0];
  if (chosenVersions.length > 1) result.notes.push(`pip picks different versions per platform: ${result.installs.map((i) => `${i.subdir} ${i.version ?? '-'}`).join(', ')}`);
  if (candidates[0] !== result.version && result.version && python)
    result.notes.push(`${line.name} ${candidates[0]} does not fit CPython ${python}; pip picks ${result.version}`);
  result.installs.sort((a, b) => context.subdirs.indexOf(a.subdir) - context.subdirs.indexOf(b.subdir));
  // The same problem on every platform is said once.
  result.problems = [...new Set(result.problems)];
  result.ok = result.problems.length === 0;
  result.status = result.ok ? 'ok' : 'problem';
  return result;
}
