import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNameSearch, normalizeName, type NameMatch } from './name-search';

// Real conda-forge names that share prefixes and letters.
const NAMES = [
  'scikit-learn', 'sklearn-pandas', 'scikit-image', 'pytorch', 'pytorch-lightning', 'torchvision', 'torchaudio', 'numpy', 'numpyro',
  'numba', 'numexpr', 'pandas', 'pandas-stubs', 'geopandas', 'scipy', 'matplotlib', 'matplotlib-base', 'py-opencv', 'pytables',
  'python', 'python_abi', 'pip', 'pyspark', 'jupyter_server', 'jupyterlab', 'tornado', 'ca-certificates', 'libgcc', 'r-base',
];
const ALIASES = new Map<string, readonly string[]>([
  ['torch', ['pytorch']],
  ['sklearn', ['scikit-learn']],
  ['opencv-python', ['py-opencv']],
  ['tables', ['pytables']],
  ['not-in-channel', ['no-such-conda-name']],
]);
const plain = createNameSearch(NAMES);
const aliased = createNameSearch(NAMES, { aliases: ALIASES });
const names = (matches: NameMatch[]) => matches.map((match) => match.name);

describe('normalizeName', () => {
  it.each([
    ['Scikit_Learn', 'scikit-learn'],
    ['  zope.interface ', 'zope-interface'],
    ['a__b--c', 'a-b-c'],
  ])('%j → %j', (name, expected) => expect(normalizeName(name)).toBe(expected));
});

describe('createNameSearch', () => {
  it.each([
    ['numpy', [['numpy', 'exact'], ['numpyro', 'prefix']]],
    ['NumPy', [['numpy', 'exact'], ['numpyro', 'prefix']]],
    ['jupyter-server', [['jupyter_server', 'exact']]],
    // A word start scores: sklearn-pandas before geopandas.
    ['pandas', [['pandas', 'exact'], ['pandas-stubs', 'prefix'], ['sklearn-pandas', 'fuzzy'], ['geopandas', 'fuzzy']]],
  ])('%j: exact first, then prefixes, shorter first', (query, expected) => {
    expect(plain.search(query).slice(0, expected.length).map((m) => [m.name, m.kind])).toEqual(expected);
  });

  it('orders prefix matches by length, then alphabetically', () => {
    expect(names(plain.search('py', 5))).toEqual(['python', 'pyspark', 'pytorch', 'pytables', 'py-opencv']);
  });

  it.each([
    ['sklea', 'scikit-learn'],
    ['sklearn', 'scikit-learn'],
    ['pytoch', 'pytorch'],
    ['numpi', 'numpy'],
    ['pnadas', 'pandas'],
    ['pnad', 'pandas'],
    ['mpl', 'matplotlib'],
    ['tables', 'pytables'],
    ['opencv', 'py-opencv'],
    ['scipi', 'scipy'],
  ])('finds %j → %s fuzzily, in the top 3', (query, expected) => {
    const top = plain.search(query).slice(0, 3);
    expect(top.map((m) => m.name)).toContain(expected);
    expect(top.find((m) => m.name === expected)?.kind).toBe('fuzzy');
  });

  it('ranks a prefix match before a fuzzy one: "sklea" → sklearn-pandas, then scikit-learn', () => {
    expect(plain.search('sklea').slice(0, 2)).toEqual([
      { name: 'sklearn-pandas', kind: 'prefix' },
      { name: 'scikit-learn', kind: 'fuzzy' },
    ]);
  });

  it('puts a name an alias spells exactly right after exact names, and names aliases starting with the query after prefixes', () => {
    expect(aliased.search('torch').slice(0, 3)).toEqual([
      { name: 'pytorch', kind: 'alias', via: 'torch' },
      { name: 'torchaudio', kind: 'prefix' },
      { name: 'torchvision', kind: 'prefix' },
    ]);
    expect(aliased.search('sklea').slice(0, 2)).toEqual([
      { name: 'sklearn-pandas', kind: 'prefix' },
      { name: 'scikit-learn', kind: 'alias', via: 'sklearn' },
    ]);
    expect(aliased.search('not-in-channel')).toEqual([]);
  });

  it('orders many prefix matches shortest first too (the walk over all names, not the range)', () => {
    const many = Array.from({ length: 2000 }, (_, i) => `py-${(i * 7919).toString(36)}`);
    const search = createNameSearch([...many, 'pyx', 'py']);
    const expected = [...many, 'pyx'].sort((a, b) => a.length - b.length || (a < b ? -1 : 1)).slice(0, 7);
    expect(search.search('py')).toEqual([{ name: 'py', kind: 'exact' }, ...expected.map((name) => ({ name, kind: 'prefix' }))]);
  });

  it('says nothing for an empty query, a zero limit or nothing close', () => {
    expect(plain.search('')).toEqual([]);
    expect(plain.search('  ')).toEqual([]);
    expect(plain.search('numpy', 0)).toEqual([]);
    expect(plain.search('zzzzqx')).toEqual([]);
  });
});

// Independent of the implementation: optimal string alignment distance (substitution, insertion, deletion, swap).
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}
const subsequence = (q: string, text: string) => {
  let i = 0;
  for (const c of text) if (c === q[i]) i++;
  return i === q.length;
};
function matches(query: string, match: NameMatch, aliases: ReadonlyMap<string, readonly string[]>): boolean {
  const q = normalizeName(query);
  const n = normalizeName(match.name);
  if (match.kind === 'exact') return n === q;
  if (match.kind === 'prefix') return n.startsWith(q);
  if (match.kind === 'alias') return match.via !== undefined && normalizeName(match.via).startsWith(q) && (aliases.get(match.via) ?? []).some((target) => normalizeName(target) === n);
  return subsequence(q, n) || osa(q, n) <= 1 || [q.length - 1, q.length, q.length + 1].some((len) => len <= n.length && osa(q, n.slice(0, len)) <= 1);
}

describe('createNameSearch properties', () => {
  const name = fc.stringMatching(/^[a-z][a-z0-9]{0,6}(?:[-_][a-z0-9]{1,5}){0,2}$/);
  const corpus = fc.uniqueArray(name, { minLength: 1, maxLength: 40 });
  const aliasMap = (list: string[]) =>
    fc.array(fc.tuple(name, fc.subarray(list, { minLength: 1, maxLength: Math.min(2, list.length) })), { maxLength: 4 }).map((pairs) => new Map<string, readonly string[]>(pairs));
  const world = corpus.chain((list) => fc.record({ list: fc.constant(list), aliases: aliasMap(list), limit: fc.integer({ min: 1, max: 10 }) }));
  const queryOf = (list: string[]) => fc.oneof(fc.constantFrom(...list), fc.constantFrom(...list).map((n) => n.slice(0, Math.max(1, n.length - 2))), name);

  it('puts an exact name first, returns only matching names, each once, and respects the limit', () => {
    fc.assert(
      fc.property(
        world.chain((w) => fc.record({ w: fc.constant(w), query: queryOf(w.list) })),
        ({ w, query }) => {
          const results = createNameSearch(w.list, { aliases: w.aliases }).search(query, w.limit);
          expect(results.length).toBeLessThanOrEqual(w.limit);
          expect(new Set(results.map((m) => m.name)).size).toBe(results.length);
          for (const match of results) expect(matches(query, match, w.aliases), JSON.stringify({ query, match })).toBe(true);
          if (w.list.some((n) => normalizeName(n) === normalizeName(query))) expect(results[0]?.kind).toBe('exact');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds every name of the list by its own spelling and by each of its prefixes (given room)', () => {
    fc.assert(
      fc.property(corpus, fc.nat(), (list, pick) => {
        const target = list[pick % list.length];
        const search = createNameSearch(list);
        for (let end = 1; end <= target.length; end++) expect(names(search.search(target.slice(0, end), list.length))).toContain(target);
      }),
      { numRuns: 100 },
    );
  });
});
