// The form shows the schema's own messages. They are computed from one safeParse of the whole design per change
// (the same parse that feeds the preview), because react-hook-form re-validates only the field that changed and
// the schema has rules across fields (python pinned twice, duplicate names, a custom command without a program).

/** A zod issue as far as the form needs it. */
export interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
}

/** First message per field, keyed by the field's dotted path as react-hook-form names it (`conda.packages.2`). */
export type ErrorMap = Readonly<Record<string, string>>;

/**
 * The first message for each dotted path; an issue on the whole design gets the key "".
 * @example errorMapFromIssues([{ path: ['user', 'uid'], message: 'User ID: …' }]) // { 'user.uid': 'User ID: …' }
 */
export function errorMapFromIssues(issues: readonly IssueLike[]): ErrorMap {
  const map: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    if (!Object.hasOwn(map, key)) map[key] = issue.message;
  }
  return map;
}

/**
 * Are two error maps the same (so the form need not re-render)?
 * @example sameErrors({ a: 'x' }, { a: 'x' }) // true
 */
export function sameErrors(a: ErrorMap, b: ErrorMap): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key]);
}

/**
 * The first error's path in the form's order (the order of `fieldOrder`, then the rest as found).
 * @example firstErrorPath({ 'user.uid': 'x', 'base.image': 'y' }, ['base', 'user']) // 'base.image'
 */
export function firstErrorPath(errors: ErrorMap, fieldOrder: readonly string[]): string | undefined {
  const keys = Object.keys(errors);
  const rank = (key: string) => {
    const index = fieldOrder.findIndex((prefix) => key === prefix || key.startsWith(`${prefix}.`));
    return index === -1 ? fieldOrder.length : index;
  };
  return [...keys].sort((a, b) => rank(a) - rank(b))[0];
}
