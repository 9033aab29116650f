// One door for every importer: the page's Import button, the CLI's `condocker import` and the API hand a file name
// and its bytes or text here. What a user expects of `base` (the design being edited): importing one kind of file
// replaces what that file describes and keeps the rest — requirements.txt replaces the pip packages, apt.txt the
// system packages, environment.yml the conda and pip packages, channels, name and variables. A design file and a
// whole project (zip, or files including a Dockerfile) replace the whole design.
import type { Design } from '@/lib/design/schema';
import { checkImportSize } from './common';
import { importAptTxt } from './apt-txt';
import { importDesignFile } from './design-file';
import { importDockerfile } from './dockerfile';
import { importEnvironmentYml } from './environment-yml';
import { importPostBuild } from './post-build';
import { importProjectFiles, projectPathOf, type ProjectFile } from './project';
import { importRequirementsTxt } from './requirements-txt';
import type { ImportKind, ImportResult } from './types';
import { parseYamlTree } from './yaml-tree';
import { importZip } from './zip';

export type { CompanionFiles, ImportKind, ImportOptions, ImportResult, ImportWarning } from './types';
export { formatImportWarning, MAX_IMPORT_BYTES } from './common';
export { importAptTxt } from './apt-txt';
export { importDesignFile } from './design-file';
export { importDockerfile } from './dockerfile';
export { importEnvironmentYml } from './environment-yml';
export { importPostBuild } from './post-build';
export { importProjectFiles, type ProjectFile } from './project';
export { importRequirementsTxt, REQUIREMENTS_IMPORT_BASE } from './requirements-txt';
export { importZip } from './zip';

// Top-level keys of a design that an environment file never has (an environment file's "name" and "channels"
// are not here, and "pip" only ever appears inside its dependencies).
const DESIGN_KEYS = ['schemaVersion', 'project', 'base', 'conda', 'pip', 'apt', 'user', 'paths', 'postBuild', 'runtime', 'gpu', 'files', 'dockerfile', 'compat'];
const ENVIRONMENT_KEYS = ['dependencies', 'channels', 'prefix', 'variables'];

function baseName(name: string): string {
  return name.replace(/\\/g, '/').split('/').pop() ?? name;
}

function isZip(bytes: Uint8Array): boolean {
  // Local file header or, for an empty zip, the end of central directory record.
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

/** A YAML/JSON mapping's top-level keys, or undefined when the text is not one. */
function topLevelKeys(text: string, name: string): string[] | undefined {
  const tree = parseYamlTree(text, name);
  if (!tree.ok || tree.root?.kind !== 'mapping') return undefined;
  return tree.root.entries.map((entry) => (entry.key.kind === 'scalar' ? entry.key.value : ''));
}

/**
 * What kind of file this is, from its name and, when the name does not say, its content.
 * @example detectImportKind('environment.yaml', 'dependencies:\n  - numpy\n') // 'environment.yml'
 */
export function detectImportKind(name: string, text: string): ImportKind | undefined {
  const file = baseName(name).toLowerCase();
  if (file === 'dockerfile' || file.endsWith('.dockerfile') || file.startsWith('dockerfile.')) return 'Dockerfile';
  if (file === 'postbuild') return 'postBuild';
  if (file === 'apt.txt') return 'apt.txt';
  if (/\.(?:txt|in)$/.test(file)) return 'requirements.txt';
  const structured = /\.(?:ya?ml|json)$/.test(file);
  if (structured || !file.includes('.')) {
    const keys = topLevelKeys(text, name);
    if (keys) {
      if (keys.some((key) => ENVIRONMENT_KEYS.includes(key))) return 'environment.yml';
      if (keys.some((key) => DESIGN_KEYS.includes(key))) return 'design';
    }
    // Broken YAML/JSON still goes to the importer its name suggests, which says where it is broken.
    if (/^environment.*\.ya?ml$/.test(file)) return 'environment.yml';
    if (structured) return keys ? undefined : 'design';
  }
  if (file.includes('.')) return undefined;
  // No extension and not YAML: look at the first meaningful line.
  const first = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  if (/^#\s*syntax=|^(?:FROM|ARG)\s/i.test(first)) return 'Dockerfile';
  if (first.startsWith('#!')) return 'postBuild';
  return undefined;
}

function decodeText(name: string, bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: string } {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { ok: false, error: `${name} is not UTF-8 text; Condocker imports text files and zips.` };
  }
}

const SUPPORTED =
  'environment.yml, requirements*.txt, apt.txt, a design (.json/.yaml with project, conda, … keys), a Dockerfile, postBuild or a .zip from Condocker';

/**
 * Imports one file into `base`, choosing the importer from the name, the extension or the content. `base`
 * defaults per kind (DEFAULT_DESIGN; REQUIREMENTS_IMPORT_BASE for requirements.txt). Never throws.
 * @example await importFile('requirements.txt', 'numpy>=2\n', currentDesign) // pip packages replaced, the rest kept
 */
export async function importFile(name: string, content: string | Uint8Array, base?: Design): Promise<ImportResult> {
  try {
    if (typeof content !== 'string' && (isZip(content) || /\.zip$/i.test(name))) return withKind(await importZip(content, base, { fileName: name }), 'zip');
    const decoded = typeof content === 'string' ? { ok: true as const, text: content } : decodeText(name, content);
    if (!decoded.ok) return decoded;
    const text = decoded.text.replace(/^\uFEFF/, '');
    const tooLarge = checkImportSize(text, name);
    if (tooLarge) return { ok: false, error: tooLarge };
    const kind = detectImportKind(name, text);
    const options = { fileName: baseName(name) };
    switch (kind) {
      case 'environment.yml':
        return withKind(importEnvironmentYml(text, base, options), kind);
      case 'requirements.txt':
        return withKind(importRequirementsTxt(text, base, options), kind);
      case 'apt.txt':
        return withKind(importAptTxt(text, base, options), kind);
      case 'design':
        return withKind(importDesignFile(text, options), kind);
      case 'Dockerfile':
        return withKind(importDockerfile(text, base, options), kind);
      case 'postBuild':
        return withKind(importPostBuild(text, base, options), kind);
      default:
        return { ok: false, error: `Could not tell what kind of file "${name}" is. Condocker imports ${SUPPORTED}.` };
    }
  } catch (error) {
    // Importers return errors as values; this only guards against a bug turning into a crash at the caller.
    return { ok: false, error: `${name} could not be imported (${error instanceof Error ? error.message : String(error)}).` };
  }
}

function withKind(result: ImportResult, kind: ImportKind): ImportResult {
  return result.ok ? { ...result, kind } : result;
}

/**
 * Imports several files picked together: one file goes through importFile; several are one project
 * (`-r requirements.txt` is followed, a Dockerfile makes them a whole project). Never throws.
 * @example await importFiles([{ name: 'environment.yml', content: env }, { name: 'requirements.txt', content: reqs }])
 */
export async function importFiles(files: ReadonlyArray<{ name: string; content: string | Uint8Array }>, base?: Design): Promise<ImportResult> {
  if (files.length === 0) return { ok: false, error: 'No file to import.' };
  if (files.length === 1) return importFile(files[0].name, files[0].content, base);
  const texts: ProjectFile[] = [];
  for (const file of files) {
    if (typeof file.content !== 'string' && isZip(file.content)) return { ok: false, error: `Import ${file.name} on its own: a zip is a whole project.` };
    const decoded = typeof file.content === 'string' ? { ok: true as const, text: file.content } : decodeText(file.name, file.content);
    if (!decoded.ok) return decoded;
    const text = decoded.text.replace(/^\uFEFF/, '');
    const tooLarge = checkImportSize(text, file.name);
    if (tooLarge) return { ok: false, error: tooLarge };
    if (detectImportKind(file.name, text) === 'design') return { ok: false, error: `Import ${file.name} on its own: a design file is a whole design.` };
    texts.push({ path: projectPathOf(baseName(file.name)), content: text });
  }
  try {
    return importProjectFiles(texts, base);
  } catch (error) {
    return { ok: false, error: `The files could not be imported (${error instanceof Error ? error.message : String(error)}).` };
  }
}
