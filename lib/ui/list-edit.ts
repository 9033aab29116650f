// Pure edits of a one-entry-per-row list (packages, channels, index URLs): the list editor only wires these.

/**
 * The entries in pasted text: one per line, trimmed; blank lines, `# comment` lines and trailing ` # comments` dropped.
 * @example splitPastedLines('numpy\r\n\n# data\npandas>=2  # fast\n') // ['numpy', 'pandas>=2']
 */
export function splitPastedLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * Does pasting this text add several entries (rather than edit one)?
 * @example isMultiLinePaste('numpy\npandas') // true
 */
export function isMultiLinePaste(text: string): boolean {
  return splitPastedLines(text).length > 1;
}

/**
 * The list with the entry at `from` moved to `to` (clamped to the list).
 * @example moveEntry(['a', 'b', 'c'], 0, 1) // ['b', 'a', 'c']
 */
export function moveEntry<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = [...list];
  if (from < 0 || from >= copy.length) return copy;
  const target = Math.max(0, Math.min(copy.length - 1, to));
  const [entry] = copy.splice(from, 1);
  copy.splice(target, 0, entry);
  return copy;
}

/**
 * The list without the entry at `index`.
 * @example removeEntry(['a', 'b'], 0) // ['b']
 */
export function removeEntry<T>(list: readonly T[], index: number): T[] {
  return list.filter((_entry, i) => i !== index);
}

/**
 * The list with the entry at `index` replaced by `entries` (a paste of several lines into one row).
 * @example replaceEntry(['a', 'x', 'd'], 1, ['b', 'c']) // ['a', 'b', 'c', 'd']
 */
export function replaceEntry<T>(list: readonly T[], index: number, entries: readonly T[]): T[] {
  return [...list.slice(0, index), ...entries, ...list.slice(index + 1)];
}

/**
 * The list with `entries` appended, skipping those already in it or repeated in `entries`.
 * @example appendEntries(['a'], ['a', 'b', 'b']) // ['a', 'b']
 */
export function appendEntries(list: readonly string[], entries: readonly string[]): string[] {
  const seen = new Set(list);
  const added = entries.filter((entry) => !seen.has(entry) && (seen.add(entry), true));
  return [...list, ...added];
}
