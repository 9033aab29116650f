/** Stable DOM ids for a field's input, hint and error, from its dotted path (`conda.packages.2`). */
export function fieldIds(path: string) {
  const base = `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return { input: base, hint: `${base}-hint`, error: `${base}-error` };
}

/** The aria-describedby value for a field: its hint and its error, when they are shown. */
export function describedBy(ids: { hint: string; error: string }, hasHint: boolean, hasError: boolean): string | undefined {
  const parts = [hasHint ? ids.hint : '', hasError ? ids.error : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : undefined;
}
