// Whatever lib/specs/conda-spec accepts, rattler parses too (after toRattlerSpec), and specs that are wrong are
// refused by rattler before it fetches anything. "Parsed" is observed from the outside: a solve that fetched
// repodata from the fixture server got past MatchSpec parsing; a parse error happens before the first request.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCondaSpec } from '@/lib/specs/conda-spec';
import { buildEmptyChannel } from '@/lib/testing/fixture-channel';
import { startFixtureServer, type FixtureServer } from '@/lib/testing/fixture-server';
import { classifyRattlerError, normaliseRattlerError } from './explain';
import type { RattlerModule } from './rattler';
import { loadNodeRattler } from './rattler-node';
import { toRattlerSpec } from './rattler-spec';

let server: FixtureServer;
let rattler: RattlerModule;
beforeAll(async () => {
  server = await startFixtureServer({ channels: { empty: buildEmptyChannel() }, pypi: {} });
  rattler = await loadNodeRattler();
});
afterAll(() => server.close());

/** Solves against the empty channel; returns the error (if any) and how many requests it made. */
async function attempt(specs: string[]): Promise<{ error?: string; requests: number }> {
  const before = server.requests.length;
  try {
    await rattler.simpleSolve(specs, [server.channelUrls.empty], ['linux-64', 'noarch'], []);
    return { requests: server.requests.length - before };
  } catch (thrown) {
    return { error: normaliseRattlerError(thrown), requests: server.requests.length - before };
  }
}

const CHANNELS = ['', 'conda-forge::', 'conda-forge/label/dev::', 'conda-forge/linux-64::', 'https://conda.anaconda.org/conda-forge::'];
const NAMES = ['numpy', 'r-base', '_libgcc_mutex', 'python-dateutil', 'py', 'a.b', 'libblas', 'pytorch'];
const VERSIONS = ['', '>=1.26,<2', ' >=1.26', '=3.12', '=3.12.*', '==3.12.1', ' 3.11.*', '=*', '=2.4', '!=1.2.0', '>=1.0|<0.5', ' 1.0|1.2', '~=3.0', '>= 1.0 , <2', '==1.0|==1.1', ' 1.*.3', '=1.0,<2', ' *', '>=1!2.0+a', '<2.0a0', '>=1.0.post1', '1.2_3'];
const BUILDS = ['', '=cuda*', ' cuda*', '=py312_0', ' lgpl_*', ' *', '=*_cp312'];
const BRACKETS = [
  '',
  "[version='>=1.26']",
  '[build_number=3]',
  '[build_number=>=3]',
  '[build=py*,md5=0123456789abcdef0123456789abcdef]',
  `[sha256=${'ab'.repeat(32)}]`,
  '[subdir=linux-64]',
  '[channel=conda-forge/osx-64]',
  "[version='=1.2', build=b]",
  '[version=1.0 build=x]',
  '[license=MIT]',
  '[license_family=BSD]',
  '[features=mkl]',
  '[track_features=mkl]',
  '[fn=numpy-1.0-0.conda]',
  "[url='https://conda.anaconda.org/conda-forge/noarch/pkg-1.0-0.conda']",
];
const acceptedSpec = fc
  .tuple(fc.constantFrom(...CHANNELS), fc.constantFrom(...NAMES), fc.constantFrom(...VERSIONS), fc.constantFrom(...BUILDS), fc.constantFrom(...BRACKETS))
  .map((parts) => parts.join(''))
  .filter((text) => parseCondaSpec(text).ok);

describe('conda-spec and rattler agree', () => {
  it('rattler parses every spec lib/specs/conda-spec accepts, once translated', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(acceptedSpec, { minLength: 1, maxLength: 12 }), async (texts) => {
        const specs = texts.flatMap((text) => {
          const translated = toRattlerSpec(text);
          // The one kind of accepted spec the solver cannot take is refused with a reason, never passed on.
          if (!translated.ok) expect(translated.error).toMatch(/has "\*" inside the version/);
          return translated.ok ? [translated.value.spec] : [];
        });
        if (specs.length === 0) return;
        const { error, requests } = await attempt(specs);
        expect(requests, `rattler refused ${JSON.stringify(specs)} before fetching: ${error}`).toBeGreaterThan(0);
        if (error) expect(['no-candidates', 'unsolvable']).toContain(classifyRattlerError(error));
      }),
      { numRuns: 60 },
    );
  });

  it.each([
    ['num$py', 'invalid package name'],
    ['>=1.0', 'missing package name'],
    ['', 'missing package name'],
    ['numpy[md5=abc]', 'unable to parse hash digest from hex'],
    ['numpy[version=>=1', 'invalid package name'],
    ['numpy[foo=1]', 'invalid bracket key: foo'],
    ['numpy>>=1', 'unable to parse version spec'],
    ['numpy 1..2', ''],
  ])('refuses %j before fetching anything, like conda-spec', async (spec, message) => {
    expect(parseCondaSpec(spec).ok).toBe(false);
    const { error, requests } = await attempt(['python', spec]);
    expect(requests).toBe(0);
    expect(error).toContain(message);
    expect(classifyRattlerError(error!)).toBe('invalid-spec');
  });

  it('needs the translation: rattler 0.3.5 refuses keys conda accepts', async () => {
    for (const spec of ['numpy[features=mkl]', 'numpy[track_features=mkl]', 'numpy[license_family=BSD]']) {
      expect(parseCondaSpec(spec).ok).toBe(true);
      const { error, requests } = await attempt([spec]);
      expect(requests).toBe(0);
      expect(error).toMatch(/^invalid bracket key: /);
    }
  });
});
