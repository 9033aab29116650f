// environment.yml → design. Reads what conda and micromamba read (name, channels, dependencies with a pip list,
// variables, micromamba's sel() selectors) from a YAML tree that knows each entry's line, so that every entry
// Condocker cannot represent is reported where it is. Decisions:
// - `prefix` is where the env lived on the exporting machine (e.g. /home/ada/miniconda3/envs/x): it says nothing
//   about the image, so it is reported and ignored; the image's env prefix stays paths.envPrefix.
// - A python pin becomes the Python version only when it is the first dependency and pins major.minor (python=3.12,
//   python=3.12.*, python 3.12): that is where Condocker writes it, so a generated file reads back unchanged.
//   Anywhere else, or pinned differently (python>=3.10), it stays in the package list where it was. A design with
//   an empty Python version writes its own python pin first too, so importing into such a design keeps it that way.
// - A bare `pip` as the last conda dependency is the one Condocker adds itself when the design has pip packages;
//   it is left out of the packages only then (it comes back when the file is generated). Without pip packages
//   (a pip list whose entries could not be imported, or none) it stays: the author asked for pip in the env.
import { formatCondaSpec, parseCondaSpec, type CondaSpec } from '@/lib/specs/conda-spec';
import { DEFAULT_DESIGN, type Design } from '@/lib/design/schema';
import {
  checkImportSize,
  createDraft,
  finalizeDraft,
  getDraftValue,
  setDraftField,
  setDraftList,
  slugifyProjectName,
  warningAt,
  type DesignDraft,
  type Located,
  type Origin,
} from './common';
import {
  addPipLine,
  appendPipContent,
  applyPipContent,
  emptyPipContent,
  reportCondaForgePackages,
  reportMixedHashes,
  type PipContent,
  type PipReadContext,
} from './requirements-txt';
import type { ImportOptions, ImportResult, ImportWarning } from './types';
import { isNullNode, keyText, parseYamlTree, type YamlNode } from './yaml-tree';

/** What an environment.yml says, each value with where it was read. */
export interface EnvironmentContent {
  name?: Located<string>;
  /** undefined when the file has no `channels` key. */
  channels?: Located<string>[];
  /** major.minor of the first dependency when it is a plain python pin (python=3.12), else undefined. */
  leadingPythonVersion?: string;
  /** Every conda dependency, in order, including a leading python pin. */
  condaPackages: Located<string>[];
  /** undefined when the file has no `pip:` list. */
  pip?: PipContent;
  /** undefined when the file has no `variables` key. */
  variables?: Located<{ name: string; value: string }>[];
}

/** Result of readEnvironmentYml. */
export type ReadEnvironmentResult = { ok: true; content: EnvironmentContent } | { ok: false; error: string };

const TOP_LEVEL_KEYS = ['name', 'channels', 'dependencies', 'variables', 'prefix'];
// micromamba accepts exactly these (libmamba eval_selector); a Condocker image always runs Linux.
const LINUX_SELECTORS = new Set(['linux', 'unix']);
const OTHER_SELECTORS = new Set(['osx', 'win']);
const PYTHON_MAJOR_MINOR = /^python(?:\s*=\s*|\s+)(3\.\d{1,2})(?:\.?\*)?$/;

function describeNode(node: YamlNode): string {
  if (node.kind === 'scalar') return JSON.stringify(node.value.length > 80 ? `${node.value.slice(0, 77)}...` : node.value);
  return node.kind === 'sequence' ? 'a list' : 'a mapping';
}

/** Raised inside the reader for a file that is not an environment at all; readEnvironmentYml returns its message. */
class ReadError extends Error {}

class EnvironmentReader {
  readonly content: EnvironmentContent = { condaPackages: [] };
  private readonly seenSpecs = new Map<string, Located<string>>();

  constructor(private readonly context: PipReadContext) {}

  private origin(node: YamlNode): Origin {
    return { file: this.context.file, line: node.line };
  }

  private warn(node: YamlNode, message: string, severity?: 'info'): void {
    this.context.warnings.push(warningAt(this.origin(node), message, severity));
  }

  read(root: YamlNode): void {
    if (root.kind !== 'mapping')
      throw new ReadError(
        `${this.context.file}: expected a mapping with "name", "channels" and "dependencies" at the top, found ${describeNode(root)} on line ${root.line}.`,
      );
    for (const entry of root.entries) {
      const key = keyText(entry);
      switch (key) {
        case 'name':
          this.readName(entry.value);
          break;
        case 'channels':
          this.readChannels(entry.value);
          break;
        case 'dependencies':
          this.readDependencies(entry.value);
          break;
        case 'variables':
          this.readVariables(entry.value);
          break;
        case 'prefix':
          this.warn(
            entry.key,
            'Ignored "prefix": it is where the environment lived on the machine that exported it; in the image the environment lives at the design\'s environment prefix (paths.envPrefix).',
          );
          break;
        default:
          this.warn(entry.key, `Ignored the top-level key "${key}": environment files have only ${TOP_LEVEL_KEYS.join(', ')}.`);
      }
    }
    this.findPythonVersion();
  }

  private readName(node: YamlNode): void {
    if (node.kind !== 'scalar' || isNullNode(node)) {
      this.warn(node, `Ignored "name": expected a text, found ${describeNode(node)}.`);
      return;
    }
    const slug = slugifyProjectName(node.value);
    if (slug === '') {
      this.warn(node, `Ignored "name: ${node.value}": it has no letters or digits to make a project name from.`);
      return;
    }
    if (slug !== node.value)
      this.warn(node, `The name "${node.value}" became the project name "${slug}" (lower-case letters and digits separated by ".", "_" or "-", as Docker image names are).`, 'info');
    this.content.name = { value: slug, origin: this.origin(node) };
  }

  private readChannels(node: YamlNode): void {
    const channels: Located<string>[] = [];
    this.content.channels = channels;
    if (isNullNode(node)) return;
    const items = node.kind === 'sequence' ? node.items : [node];
    if (node.kind === 'scalar') this.warn(node, `"channels" should be a list; read "${node.value}" as its only channel.`, 'info');
    for (const item of items) {
      if (item.kind !== 'scalar' || isNullNode(item)) {
        this.warn(item, `Not imported: ${describeNode(item)} in "channels"; each channel is a name or URL.`);
        continue;
      }
      const value = item.value.trim();
      const first = channels.find((channel) => channel.value === value);
      if (first) this.warn(item, `Not imported: the channel "${value}" repeats line ${first.origin.line}.`);
      else channels.push({ value, origin: this.origin(item) });
    }
  }

  private readDependencies(node: YamlNode): void {
    if (isNullNode(node)) return;
    if (node.kind !== 'sequence') {
      this.warn(node, `Ignored "dependencies": expected a list of package specs, found ${describeNode(node)}.`);
      return;
    }
    for (const item of node.items) {
      if (item.kind === 'scalar') {
        if (isNullNode(item)) this.warn(item, 'Ignored an empty entry in "dependencies".');
        else this.addSpec(item.value.trim(), item);
      } else if (item.kind === 'mapping') {
        for (const entry of item.entries) this.readDependencyMapping(keyText(entry), entry.key, entry.value);
      } else {
        this.warn(item, 'Not imported: a nested list in "dependencies"; write each package spec as its own "- spec" entry.');
      }
    }
  }

  private readDependencyMapping(key: string, keyNode: YamlNode, value: YamlNode): void {
    if (key === 'pip') {
      this.readPip(value);
      return;
    }
    const selector = /^sel\((.*)\)$/.exec(key)?.[1];
    if (selector === undefined) {
      this.warn(
        keyNode,
        `Not imported: the "${key}:" entry in "dependencies"; only conda package specs, a "pip:" list and micromamba "sel(...):" selectors can be there.`,
      );
      return;
    }
    const written = `${key}: ${value.kind === 'scalar' ? value.value : '…'}`;
    if (OTHER_SELECTORS.has(selector)) {
      this.warn(keyNode, `Not imported: "${written}" applies to ${selector === 'osx' ? 'macOS' : 'Windows'} only, and the image runs Linux.`);
      return;
    }
    if (!LINUX_SELECTORS.has(selector)) {
      this.warn(keyNode, `Not imported: "${written}": micromamba knows only sel(linux), sel(unix), sel(osx) and sel(win).`);
      return;
    }
    if (value.kind !== 'scalar' || isNullNode(value)) {
      this.warn(keyNode, `Not imported: "${key}:" must be followed by one package spec (micromamba does not merge lists under a selector).`);
      return;
    }
    this.warn(keyNode, `"${written}": kept "${value.value.trim()}" without the selector, because the image runs Linux.`, 'info');
    this.addSpec(value.value.trim(), value);
  }

  private readPip(node: YamlNode): void {
    const pip = (this.content.pip ??= emptyPipContent());
    if (isNullNode(node)) return;
    const items = node.kind === 'sequence' ? node.items : [node];
    if (node.kind === 'scalar') this.warn(node, '"pip:" should be a list; read its text as one requirement line.', 'info');
    for (const item of items) {
      if (item.kind !== 'scalar' || isNullNode(item)) {
        this.warn(item, `Not imported: ${describeNode(item)} in the "pip:" list; each entry is one requirements.txt line.`);
        continue;
      }
      addPipLine(pip, item.value.trim(), this.origin(item), this.context);
    }
  }

  private addSpec(written: string, node: YamlNode): void {
    let spec = written;
    let parsed = parseCondaSpec(spec);
    // conda compares package names in lower case ("PySide6" installs conda-forge's "pyside6").
    const lowered = written.replace(/^[^=<>!~ [\]]*/, (name) => name.toLowerCase());
    if (!parsed.ok && lowered !== written && parseCondaSpec(lowered).ok) {
      spec = lowered;
      parsed = parseCondaSpec(spec);
      this.warn(node, `Read "${written}" as "${spec}": conda package names are lower-case.`, 'info');
    }
    if (!parsed.ok) {
      this.warn(node, `Not imported: ${parsed.error}`);
      return;
    }
    const first = this.seenSpecs.get(parsed.spec.name);
    if (first) {
      this.mergeSpec(first, parsed.spec, spec, node);
      return;
    }
    const located = { value: spec, origin: this.origin(node) };
    this.seenSpecs.set(parsed.spec.name, located);
    this.content.condaPackages.push(located);
  }

  /** A second spec for a package: conda asks for both, so version ranges are joined; anything else is reported. */
  private mergeSpec(first: Located<string>, second: CondaSpec, spec: string, node: YamlNode): void {
    const earlier = parseCondaSpec(first.value);
    if (spec === first.value || (earlier.ok && formatCondaSpec(earlier.spec) === formatCondaSpec(second))) {
      this.warn(node, `"${spec}" repeats "${first.value}" on line ${first.origin.line}; kept once.`, 'info');
      return;
    }
    const plain = (candidate: CondaSpec) => !candidate.channel && !candidate.subdir && !candidate.build && !candidate.brackets;
    if (earlier.ok && plain(earlier.spec) && plain(second)) {
      const versions = [earlier.spec.version, second.version].filter((version): version is string => version !== undefined && version !== '*');
      const merged = formatCondaSpec({ name: second.name, ...(versions.length > 0 ? { version: [...new Set(versions)].join(',') } : {}) });
      if (merged === first.value) {
        this.warn(node, `"${spec}" adds nothing to "${first.value}" on line ${first.origin.line}; kept once.`, 'info');
        return;
      }
      if (parseCondaSpec(merged).ok) {
        this.warn(node, `Merged "${spec}" into "${first.value}" on line ${first.origin.line}: "${merged}" asks conda for both; check that one version satisfies both.`, 'info');
        first.value = merged;
        return;
      }
    }
    this.warn(node, `Not imported: "${spec}": ${second.name} is already listed as "${first.value}" on line ${first.origin.line}; keep one entry per package.`);
  }

  private readVariables(node: YamlNode): void {
    const variables: Located<{ name: string; value: string }>[] = [];
    this.content.variables = variables;
    if (isNullNode(node)) return;
    if (node.kind !== 'mapping') {
      this.warn(node, `Ignored "variables": expected NAME: value pairs, found ${describeNode(node)}.`);
      return;
    }
    for (const entry of node.entries) {
      const name = keyText(entry);
      if (entry.value.kind !== 'scalar' || isNullNode(entry.value)) {
        this.warn(entry.key, `Not imported: the variable "${name}" has ${isNullNode(entry.value) ? 'no value' : describeNode(entry.value)}; give it a text value.`);
        continue;
      }
      variables.push({ value: { name, value: entry.value.value }, origin: this.origin(entry.key) });
    }
  }

  private findPythonVersion(): void {
    const [first] = this.content.condaPackages;
    const version = first && PYTHON_MAJOR_MINOR.exec(first.value)?.[1];
    if (version) this.content.leadingPythonVersion = version;
  }
}

/**
 * Reads an environment.yml into its parts, reporting every entry that cannot be represented at its line.
 * @example readEnvironmentYml('name: demo\ndependencies:\n  - python=3.12\n  - numpy\n', { file: 'environment.yml', warnings: [] })
 */
export function readEnvironmentYml(text: string, context: PipReadContext): ReadEnvironmentResult {
  const tooLarge = checkImportSize(text, context.file);
  if (tooLarge) return { ok: false, error: tooLarge };
  const tree = parseYamlTree(text, context.file);
  if (!tree.ok) return tree;
  if (!tree.root) return { ok: false, error: `${context.file} is empty; an environment file needs at least "dependencies".` };
  const reader = new EnvironmentReader(context);
  try {
    reader.read(tree.root);
  } catch (error) {
    if (error instanceof ReadError) return { ok: false, error: error.message };
    throw error;
  }
  return { ok: true, content: reader.content };
}

/**
 * Puts what an environment.yml says into a draft: the conda packages, pip packages and variables are replaced;
 * the name and channels only when the file has them. `-r` files that were not imported keep the base's pip packages.
 * A leading python pin becomes the Python version unless the draft's is empty (it then pins python in the list).
 */
export function applyEnvironment(draft: DesignDraft, content: EnvironmentContent, warnings: ImportWarning[], file: string): void {
  if (content.name) setDraftField(draft, 'project.name', content.name.value, content.name.origin);
  if (content.channels) setDraftList(draft, 'conda.channels', content.channels);
  else
    warnings.push({
      file,
      message: `${file} lists no channels; kept the design's channels (${(getDraftValue(draft, 'conda.channels') as string[]).join(', ') || 'none'}).`,
      severity: 'info',
    });
  const pip = content.pip ?? emptyPipContent();
  // The requirements of a file that was not imported: the design's pip packages are the best stand-in.
  if (pip.missingFiles.length > 0) appendPipContent(draft, pip);
  else applyPipContent(draft, pip);
  const hasPipPackages = (getDraftValue(draft, 'pip.packages') as string[]).length > 0;
  const implicitPip = content.pip !== undefined && hasPipPackages && content.condaPackages.at(-1)?.value === 'pip';
  const packages = implicitPip ? content.condaPackages.slice(0, -1) : content.condaPackages;
  const [first, ...rest] = packages;
  const lift = content.leadingPythonVersion !== undefined && getDraftValue(draft, 'conda.pythonVersion') !== '';
  setDraftField(draft, 'conda.pythonVersion', lift ? content.leadingPythonVersion : '', lift ? first.origin : { file });
  setDraftList(draft, 'conda.packages', lift ? rest : packages);
  setDraftList(draft, 'runtime.env', content.variables ?? []);
}

/** Options of importEnvironmentYml. */
export type EnvironmentImportOptions = ImportOptions;

/**
 * Imports an environment.yml into `base` (default DEFAULT_DESIGN): conda packages, Python version, pip packages
 * and variables come from the file, the rest of the design stays. `options.companions` lets `-r requirements.txt`
 * be read; otherwise the reference is reported. Malformed YAML and files over 1 MB are errors.
 * @example importEnvironmentYml('name: demo\nchannels: [conda-forge]\ndependencies:\n  - python=3.12\n  - numpy\n')
 */
export function importEnvironmentYml(text: string, base: Design = DEFAULT_DESIGN, options: EnvironmentImportOptions = {}): ImportResult {
  const file = options.fileName ?? 'environment.yml';
  const warnings: ImportWarning[] = [];
  const read = readEnvironmentYml(text, { file, companions: options.companions, warnings });
  if (!read.ok) return read;
  reportMixedHashes(read.content.pip?.packages ?? [], warnings);
  const draft = createDraft(base);
  applyEnvironment(draft, read.content, warnings, file);
  reportCondaForgePackages(draft, read.content.pip?.packages ?? [], warnings);
  return finalizeDraft(draft, warnings, file);
}
