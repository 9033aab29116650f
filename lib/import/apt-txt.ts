// apt.txt (repo2docker's convention) → system packages: one Debian package a line, "#" comments, blank lines.
import { DEFAULT_DESIGN, type Design } from '@/lib/design/schema';
import { checkImportSize, createDraft, finalizeDraft, setDraftList, warningAt, type Located } from './common';
import type { ImportOptions, ImportResult, ImportWarning } from './types';

/**
 * Reads the package names of an apt.txt, each with its line; names that need a second look are reported.
 * Invalid names are kept here and dropped by the schema check with the schema's message.
 * @example readAptTxt('# tools\ngit\nlibgl1 # OpenGL\n', 'apt.txt', warnings) // [{ value: 'git', … }, { value: 'libgl1', … }]
 */
export function readAptTxt(text: string, file: string, warnings: ImportWarning[]): Located<string>[] {
  const packages: Located<string>[] = [];
  const seen = new Map<string, number>();
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = index + 1;
    const origin = { file, line };
    const content = raw.replace(/(^|\s)#.*$/, '').trim();
    if (content === '') return;
    const names = content.split(/\s+/);
    // repo2docker passes each line to apt-get as one argument, so "git curl" would fail there; split it here.
    if (names.length > 1)
      warnings.push(warningAt(origin, `"${content}" names ${names.length} packages; apt.txt takes one a line, so they were imported separately.`, 'info'));
    for (const name of names) {
      const first = seen.get(name);
      if (first !== undefined) {
        warnings.push(warningAt(origin, `Not imported: "${name}" repeats line ${first}.`));
        continue;
      }
      seen.set(name, line);
      packages.push({ value: name, origin });
    }
  });
  return packages;
}

/**
 * Imports an apt.txt: replaces the system packages of `base` (default DEFAULT_DESIGN) and keeps everything else.
 * @example importAptTxt('git\nlibgl1\n') // { ok: true, design: { …, apt: { packages: ['git', 'libgl1'] } }, warnings: [] }
 */
export function importAptTxt(text: string, base: Design = DEFAULT_DESIGN, options: ImportOptions = {}): ImportResult {
  const fileName = options.fileName ?? 'apt.txt';
  const tooLarge = checkImportSize(text, fileName);
  if (tooLarge) return { ok: false, error: tooLarge };
  const warnings: ImportWarning[] = [];
  const draft = createDraft(base);
  setDraftList(draft, 'apt.packages', readAptTxt(text, fileName, warnings));
  return finalizeDraft(draft, warnings, fileName);
}
