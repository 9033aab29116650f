// Package names as you type: every keystroke searches all names of a channel (~30,000 for conda-forge), so the
// work that does not depend on the query (normalised names, sorted order, character masks, tie-break ranks) is done
// once in createNameSearch. Order of results: exact names, names a caller-given alias (PyPI name → conda names)
// spells exactly, names starting with the query, names an alias starting with the query points to, then fuzzy
// matches (the query as a subsequence, scored by word starts and runs; or one typo: a substitution, a swap of two
// neighbours, a missing or an extra character, against the whole name or, from 4 characters on, its start).
// Ties go to the shorter name, then alphabetically: there is no honest popularity source offline.

/** One suggestion: the name as the channel spells it, why it matched, and the alias that led to it. */
export interface NameMatch {
  name: string;
  kind: 'exact' | 'prefix' | 'alias' | 'fuzzy';
  /** For kind 'alias': the alias (e.g. the PyPI name "torch") that names this conda name. */
  via?: string;
}

/** A search over a fixed list of names. */
export interface NameSearch {
  /** The best matches for the query, at most `limit` (default 8), best first, each name once. */
  search(query: string, limit?: number): NameMatch[];
}

/** Options of createNameSearch. */
export interface NameSearchOptions {
  /** Other names for packages, e.g. PyPI name → conda names ('torch' → ['pytorch']); targets not in the list are ignored. */
  aliases?: ReadonlyMap<string, readonly string[]>;
}

const DEFAULT_LIMIT = 8;
/** Fuzzy matching starts at this query length: one character is a subsequence of nearly everything. */
const FUZZY_MIN = 2;
/** A typo against the whole name from 3 characters, against a name's start from 4 (fewer would match too much). */
const TYPO_WHOLE_MIN = 3;
const TYPO_PREFIX_MIN = 4;
const TYPO_WHOLE_SCORE = 1000;
/** A typo against a name's start scores like a subsequence match of this many points per character. */
const TYPO_PREFIX_PER_CHAR = 3;
/** Subsequence matches scoring less than this per query character are letters scattered over a long name: noise. */
const SUBSEQUENCE_MIN_PER_CHAR = 3.5;
/** Above this many names starting with the query, walk the names shortest first instead of the whole range. */
const PREFIX_RANGE_SCAN_MAX = 512;

/**
 * The form names are compared in: lower case, runs of `_`, `.`, `-` and spaces as one `-` (conda and PyPI spell
 * separators differently).
 * @example normalizeName('Scikit_Learn') // 'scikit-learn'
 */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s._-]+/g, '-');
}

/** Bit per letter (0–25), one for digits, one for anything else but `-`: a name lacking a query's bit cannot match. */
function charMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 97 && code <= 122) mask |= 1 << (code - 97);
    else if (code >= 48 && code <= 57) mask |= 1 << 26;
    else if (code !== 45) mask |= 1 << 27;
  }
  return mask;
}

/** a[ai..aLen) equals b[bi..bLen). Top-level, not a closure: it runs for every name on every keystroke. */
function sameFrom(a: string, ai: number, aLen: number, b: string, bi: number, bLen: number): boolean {
  if (aLen - ai !== bLen - bi) return false;
  for (; ai < aLen; ai++, bi++) if (a.charCodeAt(ai) !== b.charCodeAt(bi)) return false;
  return true;
}

/** True when a[0..aLen) and b[0..bLen) differ by at most one substitution, adjacent swap, insertion or deletion. */
function withinOneEdit(a: string, aLen: number, b: string, bLen: number): boolean {
  if (Math.abs(aLen - bLen) > 1) return false;
  let i = 0;
  const common = Math.min(aLen, bLen);
  while (i < common && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === common) return true;
  if (aLen === bLen)
    return (
      sameFrom(a, i + 1, aLen, b, i + 1, bLen) ||
      (i + 1 < aLen && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && sameFrom(a, i + 2, aLen, b, i + 2, bLen))
    );
  return aLen > bLen ? sameFrom(a, i + 1, aLen, b, i, bLen) : sameFrom(a, i, aLen, b, i + 1, bLen);
}

function isSubsequence(query: string, text: string): boolean {
  let q = 0;
  for (let t = 0; t < text.length && q < query.length; t++) if (text.charCodeAt(t) === query.charCodeAt(q)) q++;
  return q === query.length;
}

/**
 * The best subsequence alignment: each matched character scores 1, +3 at a word start (after `-`), +2 at the very
 * start, +4 right after the previous match. O(query × name) with a running maximum.
 */
function subsequenceScore(query: string, text: string, prev: Float64Array, cur: Float64Array): number {
  const n = text.length;
  for (let j = 0; j < n; j++) prev[j] = text.charCodeAt(j) === query.charCodeAt(0) ? 1 + (j === 0 ? 5 : text.charCodeAt(j - 1) === 45 ? 3 : 0) : -Infinity;
  for (let i = 1; i < query.length; i++) {
    const code = query.charCodeAt(i);
    let best = -Infinity;
    cur[0] = -Infinity;
    for (let j = 1; j < n; j++) {
      cur[j] = code === text.charCodeAt(j) ? Math.max(prev[j - 1] + 4, best) + 1 + (text.charCodeAt(j - 1) === 45 ? 3 : 0) : -Infinity;
      if (prev[j - 1] > best) best = prev[j - 1];
    }
    for (let j = 0; j < n; j++) prev[j] = cur[j];
  }
  let result = -Infinity;
  for (let j = 0; j < n; j++) if (prev[j] > result) result = prev[j];
  return result;
}

interface Entry {
  /** Position in the input order, for the per-search marks. */
  id: number;
  name: string;
  norm: string;
  mask: number;
  /** Tie-break rank: shorter names first, then alphabetical. */
  rank: number;
}

/** Keeps the best `size` items by a comparator (small k: insertion into a sorted array). */
class TopK<T> {
  readonly items: T[] = [];
  constructor(
    private readonly size: number,
    private readonly before: (a: T, b: T) => boolean,
  ) {}
  add(item: T): void {
    const items = this.items;
    if (this.size <= 0 || (items.length === this.size && !this.before(item, items[items.length - 1]))) return;
    let at = items.length;
    while (at > 0 && this.before(item, items[at - 1])) at--;
    items.splice(at, 0, item);
    if (items.length > this.size) items.pop();
  }
}

/**
 * Prepares a search over names (each keystroke then scans precomputed data only).
 * @example createNameSearch(['numpy', 'pytorch'], { aliases: new Map([['torch', ['pytorch']]]) }).search('torch') // [{ name: 'pytorch', kind: 'alias', via: 'torch' }]
 */
export function createNameSearch(names: readonly string[], options: NameSearchOptions = {}): NameSearch {
  const unique = [...new Set(names)];
  const byLength = [...unique].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  const rankOf = new Map(byLength.map((name, rank) => [name, rank]));
  const entries: Entry[] = unique.map((name, id) => {
    const norm = normalizeName(name);
    return { id, name, norm, mask: charMask(norm), rank: rankOf.get(name)! };
  });
  const byRank = [...entries].sort((a, b) => a.rank - b.rank);
  const sorted = [...entries].sort((a, b) => (a.norm < b.norm ? -1 : a.norm > b.norm ? 1 : a.rank - b.rank));
  const byNorm = new Map<string, Entry[]>();
  for (const entry of sorted) byNorm.set(entry.norm, [...(byNorm.get(entry.norm) ?? []), entry]);

  const aliases = [...(options.aliases ?? new Map<string, readonly string[]>())]
    .map(([via, targets]) => ({ via, norm: normalizeName(via), targets: targets.flatMap((target) => byNorm.get(normalizeName(target)) ?? []) }))
    .filter((alias) => alias.norm !== '' && alias.targets.length > 0)
    .sort((a, b) => a.norm.length - b.norm.length || (a.norm < b.norm ? -1 : a.norm > b.norm ? 1 : 0));

  const longest = Math.max(1, ...entries.map((entry) => entry.norm.length));
  const prev = new Float64Array(longest);
  const cur = new Float64Array(longest);

  function lowerBound(query: string): number {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].norm < query) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // Per-search "seen" marks without allocating a Set: an entry is taken when mark[id] equals this search's stamp.
  const mark = new Uint32Array(entries.length);
  let stamp = 0;

  return {
    search(query: string, limit = DEFAULT_LIMIT): NameMatch[] {
      const q = normalizeName(query);
      if (q === '' || q === '-' || !(limit > 0)) return [];
      stamp = (stamp + 1) >>> 0 || 1;
      if (stamp === 1) mark.fill(0);
      const results: NameMatch[] = [];
      const push = (entry: Entry, kind: NameMatch['kind'], via?: string) => {
        if (results.length >= limit || mark[entry.id] === stamp) return;
        mark[entry.id] = stamp;
        results.push(via === undefined ? { name: entry.name, kind } : { name: entry.name, kind, via });
      };

      for (const entry of byNorm.get(q) ?? []) push(entry, 'exact');
      for (const alias of aliases) if (alias.norm === q) for (const target of alias.targets) push(target, 'alias', alias.via);

      const lo = lowerBound(q);
      const hi = lowerBound(`${q}\uffff`);
      if (hi - lo > PREFIX_RANGE_SCAN_MAX) {
        // Many names start with the query ("p", "py"): walking all names shortest first finds the best ones sooner.
        for (let i = 0; i < byRank.length && results.length < limit; i++) if (byRank[i].norm.startsWith(q)) push(byRank[i], 'prefix');
      } else {
        const prefix = new TopK<Entry>(limit, (a, b) => a.rank < b.rank);
        for (let i = lo; i < hi; i++) if (mark[sorted[i].id] !== stamp) prefix.add(sorted[i]);
        for (const entry of prefix.items) push(entry, 'prefix');
      }
      for (const alias of aliases)
        if (alias.norm !== q && alias.norm.startsWith(q)) for (const target of alias.targets) push(target, 'alias', alias.via);

      if (results.length >= limit || q.length < FUZZY_MIN) return results;
      const m = q.length;
      const qMask = charMask(q);
      const minSubsequence = SUBSEQUENCE_MIN_PER_CHAR * m;
      // The best `room` fuzzy matches so far, best first, in parallel arrays (no allocation per name).
      const room = limit - results.length;
      const topEntries: Entry[] = [];
      const topScores: number[] = [];
      for (let e = 0; e < entries.length; e++) {
        const entry = entries[e];
        if (mark[entry.id] === stamp) continue;
        const missing = qMask & ~entry.mask;
        const norm = entry.norm;
        let score = -Infinity;
        if (missing === 0 && isSubsequence(q, norm)) {
          const subsequence = subsequenceScore(q, norm, prev, cur);
          if (subsequence >= minSubsequence) score = subsequence;
        }
        if ((missing & (missing - 1)) === 0) {
          const n = norm.length;
          if (m >= TYPO_WHOLE_MIN && withinOneEdit(q, m, norm, n)) score = TYPO_WHOLE_SCORE;
          else if (
            m >= TYPO_PREFIX_MIN &&
            score < TYPO_PREFIX_PER_CHAR * m &&
            ((n >= m && withinOneEdit(q, m, norm, m)) || (n >= m - 1 && withinOneEdit(q, m, norm, m - 1)) || (n >= m + 1 && withinOneEdit(q, m, norm, m + 1)))
          )
            score = TYPO_PREFIX_PER_CHAR * m;
        }
        if (score === -Infinity) continue;
        let at = topEntries.length;
        while (at > 0 && (score > topScores[at - 1] || (score === topScores[at - 1] && entry.rank < topEntries[at - 1].rank))) at--;
        if (at >= room) continue;
        topEntries.splice(at, 0, entry);
        topScores.splice(at, 0, score);
        if (topEntries.length > room) {
          topEntries.pop();
          topScores.pop();
        }
      }
      for (const entry of topEntries) push(entry, 'fuzzy');
      return results;
    },
  };
}
