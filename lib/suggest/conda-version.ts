// Conda's version ordering (conda's VersionOrder, CEP 33, what rattler implements): an optional `N!` epoch, release
// segments split at `.`, `_` or `-`, an optional `+local` part; each segment is split into numbers and words, a
// segment starting with a word gets an implicit leading 0, missing parts count as 0. Words sort before numbers,
// `dev` before every other word, `post` after every number, and words are compared case-insensitively.
// Only ordering is needed here (newest version first in suggestions), so no spec matching.

/** One component of a segment: a word, a number (digits, compared as a big integer) or `post` (above all numbers). */
type Component = { kind: 'word'; text: string } | { kind: 'number'; value: bigint } | { kind: 'post' };

interface ParsedVersion {
  epoch: bigint;
  release: Component[][];
  local: Component[][];
}

const ZERO: Component = { kind: 'number', value: 0n };

function parseSegments(text: string): Component[][] {
  // A trailing `_` (openssl-style "1.0.2_") is a word of its own that sorts after `dev` and before letters.
  const trailing = /[_-]$/.test(text) && text.length > 1;
  const body = trailing ? text.slice(0, -1) : text;
  const segments = body === '' ? [] : body.split(/[._-]/);
  const parsed = segments.map((segment) => {
    const parts = segment.match(/\d+|[^\d]+/g) ?? [];
    const components: Component[] = parts.map((part) => {
      if (/^\d/.test(part)) return { kind: 'number', value: BigInt(part) };
      if (part === 'post') return { kind: 'post' };
      // Upper case sorts before `_` and lower-case letters in code-unit order, as conda's "DEV" does.
      return { kind: 'word', text: part === 'dev' ? 'DEV' : part };
    });
    return components.length > 0 && components[0].kind !== 'number' ? [ZERO, ...components] : components;
  });
  if (trailing) {
    if (parsed.length === 0) parsed.push([ZERO]);
    parsed[parsed.length - 1].push({ kind: 'word', text: '_' });
  }
  return parsed;
}

function parseVersion(version: string): ParsedVersion {
  const text = version.trim().toLowerCase();
  const bang = text.indexOf('!');
  const epochText = bang >= 0 ? text.slice(0, bang) : '0';
  const rest = bang >= 0 ? text.slice(bang + 1) : text;
  const plus = rest.indexOf('+');
  return {
    epoch: /^\d+$/.test(epochText) ? BigInt(epochText) : 0n,
    release: parseSegments(plus >= 0 ? rest.slice(0, plus) : rest),
    local: plus >= 0 ? parseSegments(rest.slice(plus + 1)) : [],
  };
}

function compareComponent(a: Component, b: Component): number {
  const rank = (c: Component) => (c.kind === 'word' ? 0 : c.kind === 'number' ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a.kind === 'word' && b.kind === 'word') return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
  if (a.kind === 'number' && b.kind === 'number') return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  return 0;
}

function compareSegments(a: Component[][], b: Component[][]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const left = a[i] ?? [];
    const right = b[i] ?? [];
    for (let j = 0; j < Math.max(left.length, right.length); j++) {
      const order = compareComponent(left[j] ?? ZERO, right[j] ?? ZERO);
      if (order !== 0) return order;
    }
  }
  return 0;
}

/**
 * Compares two conda versions as conda and rattler order them: negative when `a` is older, 0 when equal (1.0 = 1.0.0).
 * @example ['1.0', '1.0rc1', '1.0.post1'].sort(compareCondaVersions) // ['1.0rc1', '1.0', '1.0.post1']
 */
export function compareCondaVersions(a: string, b: string): number {
  const left = parseVersion(a);
  const right = parseVersion(b);
  if (left.epoch !== right.epoch) return left.epoch < right.epoch ? -1 : 1;
  return compareSegments(left.release, right.release) || compareSegments(left.local, right.local);
}
