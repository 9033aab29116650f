// Pure helpers of the package suggestions in the form (components/suggest): which part of a conda spec is the name
// being typed, what a pick turns the entry into, how old the cached name list is. Nothing here may pull a parser
// into the page's first load (the pip line parser lives in the suggestions worker).

/** A conda spec being typed, split around its package name. */
export interface CondaDraft {
  /** `channel::` or '' */
  channel: string;
  /** The package name as typed so far. */
  name: string;
  /** Whatever follows the name (a version, a build): suggestions stop once there is some. */
  rest: string;
}

/**
 * Splits a conda spec being typed into its channel prefix, name and the rest.
 * @example splitCondaDraft('conda-forge::sci>=1') // { channel: 'conda-forge::', name: 'sci', rest: '>=1' }
 */
export function splitCondaDraft(draft: string): CondaDraft {
  const match = /^(\s*(?:[A-Za-z0-9_.\-/:]+::)?)([A-Za-z0-9_.-]*)(.*)$/s.exec(draft)!;
  return { channel: match[1], name: match[2], rest: match[3] };
}

/**
 * The text to search for while a conda spec is typed: its name, or '' once a version or build follows.
 * @example condaSearchText('pytoch') // 'pytoch'
 */
export function condaSearchText(draft: string): string {
  const { name, rest } = splitCondaDraft(draft);
  return rest === '' ? name : '';
}

/**
 * The entry after picking a suggestion: the picked name in place of the typed one, channel and rest kept.
 * @example applyCondaPick('conda-forge::sklea', 'scikit-learn') // 'conda-forge::scikit-learn'
 */
export function applyCondaPick(draft: string, name: string): string {
  const { channel, rest } = splitCondaDraft(draft);
  return `${channel}${name}${rest}`;
}

/**
 * The entry pinned to a version, as environment.yml writes it (`name=1.6.1` matches 1.6.1 and its builds).
 * @example pinCondaVersion('conda-forge::numpy>=1', '2.1.3') // 'conda-forge::numpy=2.1.3'
 */
export function pinCondaVersion(draft: string, version: string): string {
  const { channel, name } = splitCondaDraft(draft);
  return `${channel}${name}=${version}`;
}

/**
 * How long ago a time was, in words.
 * @example formatAge(3 * 3_600_000) // '3 h ago'
 */
export function formatAge(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

/**
 * The option a combobox key moves to: Down/Up wrap, Home/End jump; -1 means none is active.
 * @example moveActive(2, 3, 'ArrowDown') // 0
 */
export function moveActive(active: number, count: number, key: 'ArrowDown' | 'ArrowUp' | 'Home' | 'End'): number {
  if (count === 0) return -1;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  if (key === 'ArrowDown') return active < 0 || active >= count - 1 ? 0 : active + 1;
  return active <= 0 ? count - 1 : active - 1;
}

