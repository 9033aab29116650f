// Reading the share code out of the address the page was opened with, and removing it once it was read, so a
// reload shows the design in progress instead of opening the link again.

/**
 * The share code in a location's hash (`#d=…`) or query (`?d=…`), the hash winning; null when there is none.
 * @example shareCodeFromLocation('#d=1.qwYA', '') // '1.qwYA'
 */
export function shareCodeFromLocation(hash: string, search: string): string | null {
  const fromHash = new URLSearchParams(hash.replace(/^#/, '')).get('d');
  if (fromHash !== null) return fromHash;
  return new URLSearchParams(search.replace(/^\?/, '')).get('d');
}

/**
 * The address without the share code (other query parameters and hash parts kept).
 * @example addressWithoutShareCode('https://x.org/?d=1.a&lang=en#d=1.b') // 'https://x.org/?lang=en'
 */
export function addressWithoutShareCode(href: string): string {
  const url = new URL(href);
  url.searchParams.delete('d');
  const hash = new URLSearchParams(url.hash.replace(/^#/, ''));
  hash.delete('d');
  url.hash = hash.toString();
  return url.toString().replace(/#$/, '');
}
