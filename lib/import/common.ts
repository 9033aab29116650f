// Shared by every importer: input limits, the draft design that remembers where each imported value came from,
// and the final validation through the one schema that turns invalid entries into warnings with their line.
import type { z } from 'zod';
import { designSchema, type Design } from '@/lib/design/schema';
import { formatIssuePath } from '@/lib/validate-design';
import type { CompanionFiles, ImportResult, ImportWarning } from './types';

/** Largest text an importer reads, in UTF-8 bytes: far above any real environment file, small enough to parse at once. */
export const MAX_IMPORT_BYTES = 1024 * 1024;

/** Where an imported value came from. */
export interface Origin {
  file?: string;
  line?: number;
}

/** A value with the place it was read from. */
export interface Located<T> {
  value: T;
  origin: Origin;
}

/**
 * Says why a text is too large to import, or undefined when it fits.
 * @example checkImportSize('x'.repeat(2_000_000), 'environment.yml') // 'environment.yml is 2.0 MB; …'
 */
export function checkImportSize(text: string, fileName: string): string | undefined {
  // A UTF-8 character is at most 4 bytes (and a UTF-16 unit at least 1), so most texts need no encoding.
  if (text.length * 3 <= MAX_IMPORT_BYTES) return undefined;
  const bytes = new TextEncoder().encode(text).length;
  if (bytes <= MAX_IMPORT_BYTES) return undefined;
  return `${fileName} is ${(bytes / 1024 / 1024).toFixed(1)} MB; Condocker imports files up to 1 MB.`;
}

/**
 * One warning as a person reads it: `file:line: message`.
 * @example formatImportWarning({ file: 'environment.yml', line: 12, message: 'Dropped "sel(osx): appnope".' }) // 'environment.yml:12: Dropped "sel(osx): appnope".'
 */
export function formatImportWarning(warning: ImportWarning): string {
  const place = [warning.file, warning.line === undefined ? undefined : String(warning.line)].filter(Boolean).join(':');
  const where = place === '' ? '' : warning.file === undefined ? `line ${place}: ` : `${place}: `;
  return `${where}${warning.message}`;
}

/** A warning at an origin. */
export function warningAt(origin: Origin, message: string, severity?: 'info'): ImportWarning {
  return {
    ...(origin.file === undefined ? {} : { file: origin.file }),
    ...(origin.line === undefined ? {} : { line: origin.line }),
    message,
    ...(severity ? { severity } : {}),
  };
}

/**
 * A project name Condocker accepts (a Docker image name component), made from any name.
 * @example slugifyProjectName('My Project (2024)') // 'my-project-2024'
 */
export function slugifyProjectName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    // A single ".", "_" or "-" between letters is allowed; anything else becomes one "-".
    .replace(/[^a-z0-9]+/g, (run) => (/^[._-]$/.test(run) ? run : '-'))
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return slug.slice(0, 63).replace(/[^a-z0-9]+$/, '');
}

/**
 * The project path a `-r` reference names, read relative to the referring file; undefined when it leaves the project.
 * @example resolveReferencePath('file:../base.txt', 'dev/requirements.txt') // 'base.txt'
 */
export function resolveReferencePath(reference: string, fromFile: string): string | undefined {
  const relative = reference.replace(/^file:(?:\/\/)?/, '');
  if (relative.startsWith('/')) return undefined;
  const folder = fromFile.includes('/') ? fromFile.slice(0, fromFile.lastIndexOf('/') + 1) : '';
  const parts: string[] = [];
  for (const part of `${folder}${relative}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/**
 * The companion file a `-r` reference names, or undefined when it is not among the companions.
 * @example findCompanion('file:requirements.txt', 'environment.yml', { 'requirements.txt': 'numpy' }) // { path: 'requirements.txt', text: 'numpy' }
 */
export function findCompanion(
  reference: string,
  fromFile: string,
  companions: CompanionFiles | undefined,
): { path: string; text: string } | undefined {
  const path = resolveReferencePath(reference, fromFile);
  const text = path === undefined ? undefined : companions?.[path];
  return path === undefined || text === undefined ? undefined : { path, text };
}

/** The lists of a design whose entries can be imported one by one and dropped one by one when invalid. */
export type ListPath =
  | 'conda.channels'
  | 'conda.packages'
  | 'pip.packages'
  | 'pip.extraIndexUrls'
  | 'apt.packages'
  | 'runtime.env'
  | 'runtime.customCommand'
  | 'postBuild.jupyterExtensions';

type Plain = Record<string, unknown>;

/**
 * A design being imported: a mutable copy of the base, plus where each imported value came from, so that the
 * schema's verdict on a value can be reported at its line and the value dropped (lists) or reverted (fields).
 */
export interface DesignDraft {
  value: Plain;
  lists: Map<ListPath, Origin[]>;
  fields: Map<string, { origin: Origin; fallback: unknown }>;
}

/** A draft that starts as a copy of `base`. */
export function createDraft(base: Design): DesignDraft {
  return { value: structuredClone(base) as unknown as Plain, lists: new Map(), fields: new Map() };
}

function parentOf(root: Plain, path: string): { parent: Plain; key: string } {
  const keys = path.split('.');
  const key = keys.pop() as string;
  let parent = root;
  for (const part of keys) {
    if (typeof parent[part] !== 'object' || parent[part] === null) parent[part] = {};
    parent = parent[part] as Plain;
  }
  return { parent, key };
}

/** The current value at a dotted path of the draft. */
export function getDraftValue(draft: DesignDraft, path: string): unknown {
  const { parent, key } = parentOf(draft.value, path);
  return parent[key];
}

/** Replaces a list of the draft with imported entries. */
export function setDraftList<T>(draft: DesignDraft, path: ListPath, entries: ReadonlyArray<Located<T>>): void {
  const { parent, key } = parentOf(draft.value, path);
  parent[key] = entries.map((entry) => entry.value);
  draft.lists.set(
    path,
    entries.map((entry) => entry.origin),
  );
}

/** Sets one field of the draft; if the schema rejects the value, the base's value comes back with a warning. */
export function setDraftField(draft: DesignDraft, path: string, value: unknown, origin: Origin): void {
  const { parent, key } = parentOf(draft.value, path);
  // The fallback is the value before the first import step touched the field, i.e. the base's.
  const fallback = draft.fields.has(path) ? draft.fields.get(path)?.fallback : parent[key];
  draft.fields.set(path, { origin, fallback });
  parent[key] = value;
}

function describeValue(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

/**
 * Validates the draft with the design schema. Invalid imported list entries are dropped and invalid imported fields
 * get the base's value back, each with a warning at its line; anything else invalid fails the import.
 */
export function finalizeDraft(draft: DesignDraft, warnings: ImportWarning[], fileName: string): ImportResult {
  // Dropping entries can only reveal cross-field issues once, so a few rounds always settle.
  for (let round = 0; round < 4; round += 1) {
    let parsed: ReturnType<typeof designSchema.safeParse>;
    try {
      parsed = designSchema.safeParse(draft.value);
    } catch (error) {
      return { ok: false, error: `${fileName}: the imported design could not be validated (${error instanceof Error ? error.message : String(error)}).` };
    }
    if (parsed.success) return { ok: true, design: parsed.data, warnings: sortWarnings(warnings) };
    const unresolved = pruneInvalid(draft, parsed.error.issues, warnings);
    if (unresolved.length > 0)
      return {
        ok: false,
        error: `${fileName}: the imported design is not valid:\n${unresolved.map((issue) => `  ${formatIssuePath(issue.path)}: ${issue.message}`).join('\n')}`,
      };
  }
  return { ok: false, error: `${fileName}: the imported design could not be made valid.` };
}

/** Most warnings returned: a file with thousands of bad lines needs its first ones fixed, not a list nobody reads. */
export const MAX_WARNINGS = 200;

/** Warnings grouped by file (in the order files were first mentioned), then by line, at most MAX_WARNINGS. */
function sortWarnings(warnings: ImportWarning[]): ImportWarning[] {
  const files = [...new Set(warnings.map((warning) => warning.file ?? ''))];
  const sorted = warnings
    .map((warning, index) => ({ warning, index }))
    .sort((a, b) => files.indexOf(a.warning.file ?? '') - files.indexOf(b.warning.file ?? '') || (a.warning.line ?? 0) - (b.warning.line ?? 0) || a.index - b.index)
    .map(({ warning }) => warning);
  if (sorted.length <= MAX_WARNINGS) return sorted;
  const rest = sorted.length - (MAX_WARNINGS - 1);
  return [...sorted.slice(0, MAX_WARNINGS - 1), { message: `… and ${rest} more warnings like these; fix the ones above and import again.` }];
}

/** Drops or reverts what the issues point at; returns the issues that point at nothing imported. */
function pruneInvalid(draft: DesignDraft, issues: readonly z.core.$ZodIssue[], warnings: ImportWarning[]): z.core.$ZodIssue[] {
  const drops = new Map<ListPath, Set<number>>();
  const unresolved: z.core.$ZodIssue[] = [];
  for (const issue of issues) {
    const [section, name, index] = issue.path;
    const listPath = `${String(section)}.${String(name)}` as ListPath;
    const origins = draft.lists.get(listPath);
    if (origins && typeof index === 'number' && index < origins.length) {
      const listDrops = drops.get(listPath) ?? new Set<number>();
      if (!listDrops.has(index)) {
        const value = (getDraftValue(draft, listPath) as unknown[])[index];
        const shown = listPath === 'runtime.env' ? (value as { name?: unknown }).name : value;
        warnings.push(warningAt(origins[index], `Not imported: ${describeValue(shown)}. ${issue.message}`));
      }
      listDrops.add(index);
      drops.set(listPath, listDrops);
      continue;
    }
    const fieldPath = issue.path.map(String).join('.');
    const field = draft.fields.get(fieldPath);
    if (field) {
      const { parent, key } = parentOf(draft.value, fieldPath);
      warnings.push(
        warningAt(field.origin, `Not imported: ${describeValue(parent[key])}. ${issue.message} Kept ${describeValue(field.fallback)}.`),
      );
      parent[key] = field.fallback;
      draft.fields.delete(fieldPath);
      continue;
    }
    unresolved.push(issue);
  }
  for (const [listPath, indexes] of drops) {
    const { parent, key } = parentOf(draft.value, listPath);
    const keep = (_: unknown, index: number) => !indexes.has(index);
    parent[key] = (parent[key] as unknown[]).filter(keep);
    draft.lists.set(listPath, (draft.lists.get(listPath) ?? []).filter(keep));
  }
  return unresolved;
}
