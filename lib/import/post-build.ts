// postBuild → JupyterLab extensions and the user's script. The generator writes
//   #!/bin/bash / [comment] / set -euo pipefail, blank line,
//   [comment] / python -m pip install --no-cache-dir <extensions>, blank line,
//   [# Your steps] / <script>
// so the reader takes those parts back and leaves everything else in the script. A postBuild written by hand
// (repo2docker style) becomes the script, without its shebang and `set` line, which Condocker writes itself.
import { DEFAULT_DESIGN, type Design } from '@/lib/design/schema';
import { parsePipLine } from '@/lib/specs/pip-requirement';
import { checkImportSize, createDraft, finalizeDraft, setDraftField, setDraftList, warningAt, type DesignDraft, type Located, type Origin } from './common';
import type { ImportOptions, ImportResult, ImportWarning } from './types';

/** What a postBuild says, with where. */
export interface PostBuildContent {
  jupyterExtensions: Located<string>[];
  script: Located<string>;
  /** Were Condocker's explanatory comments there (undefined: not a Condocker postBuild)? */
  comments?: boolean;
}

const HEADER_COMMENT = '# Runs once at build time';
const EXTENSIONS_COMMENT = '# JupyterLab extensions are prebuilt';
const SCRIPT_COMMENT = '# Your steps';
const PIP_INSTALL = 'python -m pip install --no-cache-dir ';

/**
 * Splits a command line written by shellCommand() back into words; undefined if it uses anything but plain words,
 * '…' quoting and backslash escapes (expansions, globs or operators would not be literal package names).
 * @example splitShellWords("pip install 'numpy>=2'") // ['pip', 'install', 'numpy>=2']
 */
export function splitShellWords(line: string): string[] | undefined {
  const words: string[] = [];
  let current: string | undefined;
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index];
    if (character === ' ' || character === '\t') {
      if (current !== undefined) words.push(current);
      current = undefined;
    } else if (character === "'") {
      const close = line.indexOf("'", index + 1);
      if (close === -1) return undefined;
      current = (current ?? '') + line.slice(index + 1, close);
      index = close;
    } else if (character === '\\') {
      if (index + 1 >= line.length) return undefined;
      current = (current ?? '') + line[index + 1];
      index += 1;
    } else if (/[A-Za-z0-9_@%+=:,./-]/.test(character)) {
      // The characters shellQuote leaves unquoted; anything else unquoted could be a glob, expansion or operator.
      current = (current ?? '') + character;
    } else return undefined;
  }
  if (current !== undefined) words.push(current);
  return words;
}

/** The extensions of a generated install line, or undefined if the line holds anything else. */
function readExtensionLine(line: string): string[] | undefined {
  if (!line.startsWith(PIP_INSTALL)) return undefined;
  const words = splitShellWords(line.slice(PIP_INSTALL.length));
  if (!words || words.length === 0) return undefined;
  const allPlainRequirements = words.every((word) => {
    const parsed = parsePipLine(word);
    return parsed.ok && parsed.line.kind === 'requirement' && !parsed.line.url && parsed.line.hashes.length === 0;
  });
  return allPlainRequirements ? words : undefined;
}

/**
 * Reads a postBuild back into JupyterLab extensions and the user's script.
 * @example readPostBuild('#!/bin/bash\nset -euo pipefail\n\necho hi\n', 'postBuild', []) // { jupyterExtensions: [], script: { value: 'echo hi', … }, comments: false }
 */
export function readPostBuild(text: string, file: string, warnings: ImportWarning[]): PostBuildContent {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let index = 0;
  const origin = (line: number): Origin => ({ file, line: line + 1 });
  let comments: boolean | undefined;
  if (lines[index]?.startsWith('#!')) {
    if (!/^#!\s*\/(?:usr\/)?bin\/(?:env\s+)?bash\b/.test(lines[index]))
      warnings.push(warningAt(origin(index), `"${lines[index]}": postBuild now runs with bash.`, 'info'));
    index += 1;
  }
  if (lines[index]?.startsWith(HEADER_COMMENT)) {
    comments = true;
    index += 1;
  }
  const setLine = /^set(?:\s+-[a-z]+)+(?:\s+pipefail)?(?:\s+-o\s+pipefail)?\s*$/.exec(lines[index] ?? '');
  if (setLine) {
    comments ??= false;
    if (lines[index] !== 'set -euo pipefail')
      warnings.push(warningAt(origin(index), `"${lines[index]}" became "set -euo pipefail": Condocker's postBuild stops at the first error and at unset variables.`, 'info'));
    index += 1;
  }
  const skipBlank = () => {
    while (index < lines.length && lines[index].trim() === '') index += 1;
  };
  skipBlank();
  const jupyterExtensions: Located<string>[] = [];
  const commentOffset = lines[index]?.startsWith(EXTENSIONS_COMMENT) ? 1 : 0;
  const extensions = readExtensionLine(lines[index + commentOffset] ?? '');
  const endsSection = (lines[index + commentOffset + 1] ?? '').trim() === '';
  if (extensions && endsSection) {
    const line = index + commentOffset;
    for (const extension of extensions) jupyterExtensions.push({ value: extension, origin: origin(line) });
    index = line + 1;
    skipBlank();
  }
  if (comments && lines[index] === SCRIPT_COMMENT) index += 1;
  const scriptStart = index;
  const script = lines.slice(scriptStart).join('\n').trim();
  return { jupyterExtensions, script: { value: script, origin: origin(scriptStart) }, comments };
}

/** Puts a postBuild's extensions and script into a draft, replacing the base's. */
export function applyPostBuild(draft: DesignDraft, content: PostBuildContent): void {
  setDraftList(draft, 'postBuild.jupyterExtensions', content.jupyterExtensions);
  setDraftField(draft, 'postBuild.script', content.script.value, content.script.origin);
}

/**
 * Imports a postBuild (Condocker's or a hand-written repo2docker one) into `base` (default DEFAULT_DESIGN).
 * @example importPostBuild('#!/bin/bash\njupyter labextension list\n') // postBuild.script: 'jupyter labextension list'
 */
export function importPostBuild(text: string, base: Design = DEFAULT_DESIGN, options: ImportOptions = {}): ImportResult {
  const file = options.fileName ?? 'postBuild';
  const tooLarge = checkImportSize(text, file);
  if (tooLarge) return { ok: false, error: tooLarge };
  const warnings: ImportWarning[] = [];
  const draft = createDraft(base);
  applyPostBuild(draft, readPostBuild(text, file, warnings));
  return finalizeDraft(draft, warnings, file);
}
