// requirements.txt → pip packages. Lines are read the way pip reads them (continuations joined, comments removed),
// checked by the pip line parser and stored in canonical form, which is what the generator writes back.
// Not representable, each reported at its line: `-r` files that are not part of the import, `-c` constraints,
// local paths (`-e ./src`, `--find-links ./wheels`): Condocker copies only requirements.txt into the image. `-e .` (the
// project itself) becomes "Install this project".
import { DEFAULT_DESIGN, designSchema, type Design } from '@/lib/design/schema';
import { condaForgeAlternative, hasCondaForgeChannel } from '@/lib/mapping/conda-alternative';
import { condaSpecName } from '@/lib/specs/conda-spec';
import { formatPipLine, normalizePipName, parsePipLine, splitMixedOptionLine, splitRequirementsText, type PipLine } from '@/lib/specs/pip-requirement';
import {
  checkImportSize,
  createDraft,
  finalizeDraft,
  findCompanion,
  getDraftValue,
  resolveReferencePath,
  setDraftField,
  setDraftList,
  warningAt,
  type DesignDraft,
  type Located,
  type Origin,
} from './common';
import type { CompanionFiles, ImportOptions, ImportResult, ImportWarning } from './types';

/** pip settings read from requirement lines, each with where it was read. */
export interface PipContent {
  /** Requirement and option lines in canonical form (index options are lifted out). */
  packages: Located<string>[];
  indexUrl?: Located<string>;
  extraIndexUrls: Located<string>[];
  /** `-r` files that were not part of the import: their requirements are missing from `packages`. */
  missingFiles: Located<string>[];
  /** Companion files that were read through `-r`. */
  filesRead: string[];
  /** `-e .` / `-e .[extras]`: the project itself, which maps to "Install this project". */
  projectInstall?: Located<{ editable: boolean; extras: string[] }>;
}

/** How pip lines are read: which file they are in and which other files `-r` may follow. */
export interface PipReadContext {
  file: string;
  companions?: CompanionFiles;
  warnings: ImportWarning[];
  /** Files being read, to stop `-r` loops. */
  visiting?: Set<string>;
}

/**
 * The design a requirements.txt is imported into when none is given: the default without its PyData conda
 * packages (the requirements bring their own), keeping JupyterLab because the default command runs it.
 */
export const REQUIREMENTS_IMPORT_BASE: Design = designSchema.parse({
  ...DEFAULT_DESIGN,
  project: { ...DEFAULT_DESIGN.project, description: '' },
  conda: { ...DEFAULT_DESIGN.conda, packages: ['jupyterlab'] },
});

/** An empty PipContent to collect lines into. */
export function emptyPipContent(): PipContent {
  return { packages: [], extraIndexUrls: [], missingFiles: [], filesRead: [] };
}

function isUrl(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value);
}

type RequirementLine = Extract<PipLine, { kind: 'requirement' }>;

function requirementOf(text: string): RequirementLine | undefined {
  const result = parsePipLine(text);
  return result.ok && result.line.kind === 'requirement' ? result.line : undefined;
}

/** Per content: the index of the first requirement for each name + marker + URL, so a lock's lines are not re-parsed. */
const REQUIREMENT_INDEX = new WeakMap<PipContent, { count: number; keys: Map<string, number> }>();

function requirementKey(pip: RequirementLine): string {
  // Same name with different markers is legitimate (one version per Python), so markers are part of the key.
  return `${normalizePipName(pip.name)};${pip.marker ?? ''};${pip.url ?? ''}`;
}

function requirementIndex(content: PipContent): { count: number; keys: Map<string, number> } {
  const cached = REQUIREMENT_INDEX.get(content);
  if (cached && cached.count === content.packages.length) return cached;
  const keys = new Map<string, number>();
  content.packages.forEach((entry, index) => {
    const other = requirementOf(entry.value);
    if (other && !keys.has(requirementKey(other))) keys.set(requirementKey(other), index);
  });
  const fresh = { count: content.packages.length, keys };
  REQUIREMENT_INDEX.set(content, fresh);
  return fresh;
}

/** The entry `line` repeats exactly, or the requirement for the same name, marker and URL it can be merged into. */
function findSameRequirement(content: PipContent, formatted: string, pip: PipLine): { index: number; merged?: string } | undefined {
  const exact = content.packages.findIndex((entry) => entry.value === formatted);
  if (exact !== -1) return { index: exact };
  if (pip.kind !== 'requirement') return undefined;
  const index = requirementIndex(content).keys.get(requirementKey(pip));
  if (index === undefined) return undefined;
  const first = requirementOf(content.packages[index].value) as RequirementLine;
  return { index, merged: formatPipLine(mergeRequirements(first, pip)) };
}

/** Adds a new entry, keeping the requirement index in step. */
function pushPackage(content: PipContent, entry: Located<string>, pip: PipLine): void {
  const index = requirementIndex(content);
  content.packages.push(entry);
  index.count += 1;
  if (pip.kind === 'requirement' && !index.keys.has(requirementKey(pip))) index.keys.set(requirementKey(pip), content.packages.length - 1);
}

/** One requirement that asks for what both ask: the union of extras, both version ranges, the union of hashes. */
function mergeRequirements(first: RequirementLine, second: RequirementLine): RequirementLine {
  const union = (a: string[], b: string[]) => [...a, ...b.filter((item) => !a.includes(item))];
  const clauses = union(first.specifier.split(',').filter(Boolean), second.specifier.split(',').filter(Boolean));
  return { ...first, extras: union(first.extras, second.extras), specifier: clauses.join(','), hashes: union(first.hashes, second.hashes) };
}

function lineHint(origin: Origin | undefined): string {
  return origin?.line === undefined ? '' : ` (line ${origin.line}${origin.file ? ` of ${origin.file}` : ''})`;
}

/**
 * Adds one logical requirements line to `content`, following `-r` into companion files and reporting what
 * cannot be represented.
 * @example addPipLine(content, '--extra-index-url https://download.pytorch.org/whl/cpu', { line: 1 }, context)
 */
export function addPipLine(content: PipContent, text: string, origin: Origin, context: PipReadContext): void {
  const { warnings } = context;
  // "-r file:requirements.txt" (a relative file: URL, common in environment.yml) names the file next to this one.
  const relativeFile = /^(-r|--requirement|-c|--constraint)(?:\s+|=)file:(?!\/)(\S+)$/.exec(text.trim());
  const result = parsePipLine(relativeFile ? `${relativeFile[1]} ${relativeFile[2]}` : text);
  if (!result.ok) {
    const pieces = splitMixedOptionLine(text);
    if (pieces && pieces.every((piece) => parsePipLine(piece).ok)) {
      warnings.push(
        warningAt(
          origin,
          pieces.every((piece) => piece.startsWith('-'))
            ? `Split "${text.trim()}" into ${pieces.map((piece) => `"${piece}"`).join(', ')}: one option a line, as Condocker keeps them.`
            : `Split "${text.trim()}" into ${pieces.map((piece) => `"${piece}"`).join(', ')}: pip reads only the options of such a line and ignores the names; they were imported as meant, one line each.`,
          'info',
        ),
      );
      for (const piece of pieces) addPipLine(content, piece, origin, context);
      return;
    }
    warnings.push(warningAt(origin, `Not imported: ${result.error}`));
    return;
  }
  const pip = result.line;
  if (pip.kind === 'option') {
    const value = pip.value ?? '';
    switch (pip.option) {
      case '--index-url':
        if (content.indexUrl && content.indexUrl.value !== value)
          warnings.push(
            warningAt(origin, `"--index-url ${value}" replaces "--index-url ${content.indexUrl.value}"${lineHint(content.indexUrl.origin)}: pip uses the last one.`, 'info'),
          );
        content.indexUrl = { value, origin };
        return;
      case '--extra-index-url':
        if (!content.extraIndexUrls.some((entry) => entry.value === value)) content.extraIndexUrls.push({ value, origin });
        return;
      case '--requirement':
        followRequirementFile(content, value, relativeFile ? text.trim() : pip.raw, origin, context);
        return;
      case '--constraint':
        warnings.push(
          warningAt(
            origin,
            `Not imported: "${pip.raw}". Condocker has no place for pip constraint files and copies only requirements.txt into the image; pin the versions in the requirement lines instead.`,
          ),
        );
        return;
      case '--find-links':
        if (!isUrl(value)) {
          warnings.push(
            warningAt(origin, `Not imported: "${pip.raw}". The local folder is not in the image (Condocker copies only requirements.txt); use an http(s) URL.`),
          );
          return;
        }
        break;
      default:
        break;
    }
  }
  const project = pip.kind === 'editable' ? /^\.\/?(?:\[([^\]]*)\])?$/.exec(pip.target) : null;
  if (project) {
    // The project itself (`-e .`, `-e ./`, `--editable .[a,b]`): "Install this project", editable, with its extras.
    const extras = (project[1] ?? '').split(',').map((extra) => extra.trim()).filter(Boolean);
    const earlier = content.projectInstall;
    content.projectInstall = { value: { editable: true, extras: [...new Set([...(earlier?.value.extras ?? []), ...extras])] }, origin: earlier?.origin ?? origin };
    warnings.push(
      warningAt(
        origin,
        `"${pip.raw}" is the project itself: imported as "Install this project" (editable${extras.length ? `, extras ${extras.join(', ')}` : ''}). The Dockerfile copies the source after the environment and installs it with "pip install --no-deps -e"; the generated files belong at the project's root.`,
        'info',
      ),
    );
    return;
  }
  if (pip.kind === 'editable' && !isUrl(pip.target)) {
    warnings.push(
      warningAt(
        origin,
        `Not imported: "${pip.raw}". The local path is not in the image (Condocker copies only requirements.txt); use a VCS URL such as "-e git+https://github.com/org/repo.git#egg=name", or install it in postBuild.`,
      ),
    );
    return;
  }
  const formatted = formatPipLine(pip);
  const same = findSameRequirement(content, formatted, pip);
  if (!same) {
    pushPackage(content, { value: formatted, origin }, pip);
    return;
  }
  const first = content.packages[same.index];
  if (same.merged === undefined || same.merged === first.value) {
    warnings.push(warningAt(origin, `"${pip.raw}" repeats "${first.value}"${lineHint(first.origin)}; kept once.`, 'info'));
    return;
  }
  const [a, b] = [requirementOf(first.value)?.specifier ?? '', pip.kind === 'requirement' ? pip.specifier : ''];
  const narrowed = a !== '' && b !== '' && a !== b;
  warnings.push(
    warningAt(
      origin,
      `Merged "${pip.raw}" into "${first.value}"${lineHint(first.origin)}: one line "${same.merged}" asks pip for both${narrowed ? '; check that one version satisfies both ranges' : ''}.`,
      narrowed ? undefined : 'info',
    ),
  );
  content.packages[same.index] = { value: same.merged, origin: first.origin };
}

function followRequirementFile(content: PipContent, reference: string, written: string, origin: Origin, context: PipReadContext): void {
  const { warnings } = context;
  const remote = isUrl(reference) && !reference.startsWith('file:');
  const visiting = context.visiting ?? new Set<string>([context.file]);
  const path = remote ? undefined : resolveReferencePath(reference, context.file);
  if (path !== undefined && visiting.has(path)) {
    warnings.push(warningAt(origin, `"${written}": ${path} is already being read (a loop of -r references); not read again.`));
    return;
  }
  const companion = remote ? undefined : findCompanion(reference, context.file, context.companions);
  if (!companion) {
    content.missingFiles.push({ value: reference, origin });
    warnings.push(
      warningAt(
        origin,
        remote
          ? `"${written}": Condocker does not download requirement files; import its lines instead. Its requirements are not included.`
          : `"${written}": that file is not part of this import, so its requirements are not included (an import into a design keeps the design's pip packages in their place); import it together with this file.`,
      ),
    );
    return;
  }
  visiting.add(companion.path);
  if (!content.filesRead.includes(companion.path)) content.filesRead.push(companion.path);
  addRequirementsText(content, companion.text, { ...context, file: companion.path, visiting });
  visiting.delete(companion.path);
}

/**
 * Adds every line of a requirements text to `content` (pip's rules: `\` continuations, `#` comments).
 * @example addRequirementsText(content, 'numpy\n-r dev.txt\n', { file: 'requirements.txt', warnings: [] })
 */
export function addRequirementsText(content: PipContent, text: string, context: PipReadContext): void {
  for (const { line, text: logical } of splitRequirementsText(text)) addPipLine(content, logical, { file: context.file, line }, context);
}

/**
 * pip's hash-checking mode: once one requirement has --hash, every requirement must have one and be pinned with
 * "==" (or be a URL), or pip install fails. Reports the lines that break that, so a mixed import is not a surprise.
 * @example reportMixedHashes([{ value: 'a==1 --hash=sha256:…', origin: {} }, { value: 'b', origin: { line: 2 } }], warnings)
 */
export function reportMixedHashes(packages: readonly Located<string>[], warnings: ImportWarning[]): void {
  // Canonical lines: options start with "--", hashes are written " --hash=" (no parse needed for a 300-line lock).
  const installs = packages.filter((entry) => !entry.value.startsWith('--')).map((entry) => ({ entry }));
  const hashed = installs.filter(({ entry }) => entry.value.includes(' --hash='));
  if (hashed.length === 0 || hashed.length === installs.length) return;
  const unhashed = installs.filter((item) => !hashed.includes(item));
  const where = (entry: Located<string>) => `"${entry.value.length > 60 ? `${entry.value.slice(0, 57)}...` : entry.value}"${lineHint(entry.origin)}`;
  warnings.push({
    ...(hashed[0].entry.origin.file ? { file: hashed[0].entry.origin.file } : {}),
    message: `${hashed.length} pip requirement${hashed.length === 1 ? ' has' : 's have'} --hash and ${unhashed.length} ${unhashed.length === 1 ? 'does' : 'do'} not (${unhashed.slice(0, 3).map(({ entry }) => where(entry)).join(', ')}${unhashed.length > 3 ? ', …' : ''}): pip requires hashes on every line once one line has them, so "pip install" will fail. Add the missing hashes (pip-compile --generate-hashes, uv pip compile --generate-hashes) or remove them all.`,
  });
}

/** Most packages a conda-forge hint names; the rest are counted (each has its CD013 finding after the import). */
const MAX_NAMED_CONDA_FORGE = 8;

/**
 * One hint for the pip packages conda-forge has under another name ("torch" is "pytorch"), when the draft's
 * channels include conda-forge: the renamed ones lint rule CD013 then offers to move. Same-named ones get no hint
 * here (they are what anyone would try, and CD013 lists them), so re-importing Condocker's own files stays quiet.
 * @example reportCondaForgePackages(draft, [{ value: 'torch==2.5.1', origin: { line: 3 } }], warnings) // '"torch" is "pytorch" on conda-forge: …'
 */
export function reportCondaForgePackages(draft: DesignDraft, packages: readonly Located<string>[], warnings: ImportWarning[]): void {
  const strings = (path: string) => {
    const value = getDraftValue(draft, path);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  };
  if (!hasCondaForgeChannel(strings('conda.channels'))) return;
  const conda = new Set(strings('conda.packages').map(condaSpecName));
  const renamed = packages.flatMap((entry) => {
    const alternative = condaForgeAlternative(entry.value);
    if (!alternative?.renamed) return [];
    return conda.has(alternative.condaName) || conda.has(alternative.pypiName) ? [] : [{ ...alternative, origin: entry.origin }];
  });
  if (renamed.length === 0) return;
  const isNamed = renamed.slice(0, MAX_NAMED_CONDA_FORGE).map((a) => `"${a.pypiName}" is "${a.condaName}"`);
  const more = renamed.length > MAX_NAMED_CONDA_FORGE ? ` and ${renamed.length - MAX_NAMED_CONDA_FORGE} more` : '';
  const why = 'lets one solver keep compiled libraries compatible with the rest of the environment';
  warnings.push(
    warningAt(
      renamed[0].origin,
      renamed.length === 1
        ? `${isNamed[0]} on conda-forge: installing it with conda ${why}. Findings (CD013) offer to move it.`
        : `${renamed.length} pip packages have another name on conda-forge: ${isNamed.join(', ')}${more}. Installing them with conda ${why}; Findings (CD013) offer to move each.`,
      'info',
    ),
  );
}

/** Option lines first (canonical lines start with "--"; "-e" is a requirement): where requirements.txt has them. */
function optionsFirst(entries: Located<string>[]): Located<string>[] {
  return [...entries.filter((entry) => entry.value.startsWith('--')), ...entries.filter((entry) => !entry.value.startsWith('--'))];
}

/** Puts pip settings into a draft, replacing the base's pip packages and indexes. */
export function applyPipContent(draft: DesignDraft, content: PipContent): void {
  setDraftList(draft, 'pip.packages', optionsFirst(content.packages));
  setDraftList(draft, 'pip.extraIndexUrls', content.extraIndexUrls);
  setDraftField(draft, 'pip.indexUrl', content.indexUrl?.value ?? '', content.indexUrl?.origin ?? {});
  applyProjectInstall(draft, content);
}

/** `-e .` turns "Install this project" on; without it the design's choice stays. */
function applyProjectInstall(draft: DesignDraft, content: PipContent): void {
  if (content.projectInstall)
    setDraftField(draft, 'project.install', { enabled: true, ...content.projectInstall.value }, content.projectInstall.origin);
}

/** Adds pip settings to a draft's pip packages and indexes, keeping what is there (and where it came from). */
export function appendPipContent(draft: DesignDraft, content: PipContent): void {
  const keep = (path: 'pip.packages' | 'pip.extraIndexUrls') => {
    const values = getDraftValue(draft, path) as string[];
    const origins = draft.lists.get(path) ?? [];
    return values.map((value, index) => ({ value, origin: origins[index] ?? {} }));
  };
  const packages = keep('pip.packages');
  setDraftList(draft, 'pip.packages', [...packages, ...content.packages.filter((entry) => !packages.some((old) => old.value === entry.value))]);
  const extra = keep('pip.extraIndexUrls');
  setDraftList(draft, 'pip.extraIndexUrls', [...extra, ...content.extraIndexUrls.filter((entry) => !extra.some((old) => old.value === entry.value))]);
  if (content.indexUrl) setDraftField(draft, 'pip.indexUrl', content.indexUrl.value, content.indexUrl.origin);
  applyProjectInstall(draft, content);
}

/**
 * Imports a requirements.txt: replaces the pip packages and index URLs of `base` (default REQUIREMENTS_IMPORT_BASE)
 * and keeps everything else; lines that cannot be represented are reported with their line number.
 * @example importRequirementsTxt('--extra-index-url https://download.pytorch.org/whl/cpu\ntorch==2.5.1\n')
 */
export function importRequirementsTxt(text: string, base: Design = REQUIREMENTS_IMPORT_BASE, options: ImportOptions = {}): ImportResult {
  const fileName = options.fileName ?? 'requirements.txt';
  const tooLarge = checkImportSize(text, fileName);
  if (tooLarge) return { ok: false, error: tooLarge };
  const warnings: ImportWarning[] = [];
  const content = emptyPipContent();
  addRequirementsText(content, text, { file: fileName, companions: options.companions, warnings });
  if (content.packages.length === 0 && content.missingFiles.length === 0)
    warnings.push({ file: fileName, message: `${fileName} has no requirements; the design now has no pip packages.` });
  reportMixedHashes(content.packages, warnings);
  const draft = createDraft(base);
  applyPipContent(draft, content);
  reportCondaForgePackages(draft, content.packages, warnings);
  return finalizeDraft(draft, warnings, fileName);
}
