import type { z } from 'zod';
import { designSchema, type Design } from '@/lib/design/schema';

/**
 * Result of validateDesign: the design with defaults filled in and the paths of the settings it ignored
 * (unknown keys, which the schema drops), or one `path: message` line per problem.
 */
export type ValidateDesignResult = { ok: true; design: Design; unknownKeys: string[] } | { ok: false; issues: string[] };

/**
 * A zod issue path as a person reads it: `conda.packages[2]`, `user.name`; `(design)` for the whole object.
 * @example formatIssuePath(['conda', 'packages', 2]) // 'conda.packages[2]'
 */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(design)';
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/**
 * Zod issues as `path: message` lines, in the schema's order.
 * @example formatIssues(error.issues) // ['user.name: User name: start with a lower-case letter, …']
 */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`);
}

/**
 * Validates a (possibly partial) design through the one schema; never throws.
 * @example validateDesign({ user: { name: 'ada' }, colour: 1 }) // { ok: true, design: { …, user: { name: 'ada', … } }, unknownKeys: ['colour'] }
 */
export function validateDesign(input: unknown): ValidateDesignResult {
  try {
    const parsed = designSchema.safeParse(input);
    return parsed.success
      ? { ok: true, design: parsed.data, unknownKeys: findUnknownKeys(input, parsed.data) }
      : { ok: false, issues: formatIssues(parsed.error.issues) };
  } catch (error) {
    // A refinement that throws on input its author did not foresee must not take the caller down with it.
    return { ok: false, issues: [`(design): could not be validated (${error instanceof Error ? error.message : String(error)})`] };
  }
}

/**
 * Paths of the keys in `input` that are missing from `parsed` (zod objects drop keys they do not know), in input order.
 * @example findUnknownKeys({ user: { nmae: 'x' } }, designSchema.parse({})) // ['user.nmae']
 */
export function findUnknownKeys(input: unknown, parsed: unknown, path = ''): string[] {
  if (Array.isArray(input) && Array.isArray(parsed))
    return input.flatMap((item, index) => findUnknownKeys(item, parsed[index], `${path}[${index}]`));
  if (!isObject(input) || !isObject(parsed)) return [];
  return Object.keys(input).flatMap((key) => {
    const keyPath = path ? `${path}.${key}` : key;
    return Object.hasOwn(parsed, key) ? findUnknownKeys(input[key], parsed[key], keyPath) : [keyPath];
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
