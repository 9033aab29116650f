// The preview replaces only the part of a file that changed, so Monaco keeps the scroll position, the
// selection and the unchanged lines' rendering: no flicker while someone types.

/** The one span that differs between two texts: `deleteCount` characters at `start` become `insert`. */
export interface TextChange {
  start: number;
  deleteCount: number;
  insert: string;
}

/**
 * The smallest single replacement turning `before` into `after` (common prefix and suffix kept), or null when equal.
 * @example changedSpan('FROM ubuntu:22.04', 'FROM ubuntu:24.04') // { start: 13, deleteCount: 1, insert: '4' }
 */
export function changedSpan(before: string, after: string): TextChange | null {
  if (before === after) return null;
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  )
    suffix++;
  return { start: prefix, deleteCount: before.length - prefix - suffix, insert: after.slice(prefix, after.length - suffix) };
}

/**
 * Applies a change (the inverse check of changedSpan, used by tests).
 * @example applyChange('abc', { start: 1, deleteCount: 1, insert: 'X' }) // 'aXc'
 */
export function applyChange(text: string, change: TextChange | null): string {
  if (!change) return text;
  return text.slice(0, change.start) + change.insert + text.slice(change.start + change.deleteCount);
}
