import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INSTALLERS } from '@/lib/design/installers';
import { explicitHashFor, explicitLockFileName, parseExplicitLock, writeExplicitLock } from './explicit-lock';
import type { LockedPackage } from './solve';

const pkg = (name: string, subdir = 'linux-64'): LockedPackage => ({
  name,
  version: '1.0',
  build: 'h0_0',
  channel: 'https://conda.anaconda.org/conda-forge',
  subdir,
  url: `https://conda.anaconda.org/conda-forge/${subdir}/${name}-1.0-h0_0.conda`,
  md5: 'a'.repeat(32),
  sha256: 'b'.repeat(64),
  size: 10,
});

describe('writeExplicitLock', () => {
  it('writes conda\'s header, @EXPLICIT and one URL#md5 per package in the order given', () => {
    expect(writeExplicitLock('linux-64', [pkg('pip', 'noarch'), pkg('zlib')], 'md5')).toBe(
      [
        '# This file may be used to create an environment using:',
        '# $ conda create --name <env> --file <this file>',
        '# platform: linux-64',
        '# created-by: Condocker',
        '@EXPLICIT',
        `https://conda.anaconda.org/conda-forge/noarch/pip-1.0-h0_0.conda#${'a'.repeat(32)}`,
        `https://conda.anaconda.org/conda-forge/linux-64/zlib-1.0-h0_0.conda#${'a'.repeat(32)}`,
        '',
      ].join('\n'),
    );
  });

  it('writes #sha256: when asked', () => {
    expect(writeExplicitLock('linux-64', [pkg('zlib')], 'sha256')).toContain(`zlib-1.0-h0_0.conda#sha256:${'b'.repeat(64)}\n`);
  });

  it('names the files per subdir', () => {
    expect(explicitLockFileName('linux-64')).toBe('conda-linux-64.lock');
  });
});

describe('parseExplicitLock', () => {
  it.each([
    ['no marker', '# platform: linux-64\n', /no "@EXPLICIT" line/],
    ['URL before the marker', 'https://x.org/c/noarch/a-1-0.conda\n@EXPLICIT', /line 1: "@EXPLICIT" must come before/],
    ['bad checksum', `@EXPLICIT\nhttps://x.org/c/noarch/a-1-0.conda#${'g'.repeat(32)}`, /line 2: not a package URL/],
    ['not an archive', '@EXPLICIT\nhttps://x.org/c/noarch/a-1-0.zip', /line 2/],
  ])('refuses %s', (_label, text, error) => {
    const result = parseExplicitLock(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });

  it('reads bare 64-hex sha256 (conda list --explicit --sha256) and .tar.bz2', () => {
    expect(parseExplicitLock(`@EXPLICIT\nhttps://x.org/c/linux-64/a-1-0.tar.bz2#${'c'.repeat(64)}`)).toEqual({
      ok: true,
      entries: [{ url: 'https://x.org/c/linux-64/a-1-0.tar.bz2', sha256: 'c'.repeat(64) }],
    });
  });

  it('round-trips whatever the writer writes', () => {
    const hex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });
    const lockedPackage = fc.record({
      name: fc.stringMatching(/^[a-z0-9_][a-z0-9_.-]{0,20}$/),
      version: fc.stringMatching(/^[0-9]{1,3}(\.[0-9a-z]{1,4}){0,3}$/),
      build: fc.stringMatching(/^[a-z0-9_]{1,20}$/),
      subdir: fc.constantFrom('linux-64', 'noarch'),
      ext: fc.constantFrom('.conda', '.tar.bz2'),
      md5: hex(32),
      sha256: hex(64),
    });
    fc.assert(
      fc.property(fc.uniqueArray(lockedPackage, { selector: (p) => p.name, maxLength: 20 }), fc.constantFrom('md5' as const, 'sha256' as const), (drafts, hash) => {
        const packages = drafts.map(({ ext, ...p }) => ({
          ...p,
          channel: 'https://conda.anaconda.org/conda-forge',
          url: `https://conda.anaconda.org/conda-forge/${p.subdir}/${p.name}-${p.version}-${p.build}${ext}`,
          size: 1,
        }));
        const parsed = parseExplicitLock(writeExplicitLock('linux-64', packages, hash));
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(parsed.platform).toBe('linux-64');
        const expected = packages.map((p) => ({ url: p.url, [hash]: hash === 'md5' ? p.md5 : p.sha256 }));
        expect(parsed.entries).toEqual(expected);
      }),
    );
  });
});

describe('explicitHashFor', () => {
  it.each([
    ['miniforge', '26.7.2-0', 'sha256'],
    ['miniforge', '24.9.0-0', 'sha256'],
    ['miniforge', '24.7.1-2', 'md5'],
    ['miniconda', 'py312_25.1.1-2', 'sha256'],
    ['miniconda', 'py38_4.8.2', 'md5'],
    ['micromamba', '2.9.0-0', 'sha256'],
    ['micromamba', '2.1.0-0', 'sha256'],
    ['micromamba', '2.0.5-0', 'md5'],
    ['micromamba', '1.5.10-0', 'md5'],
    ['miniforge', 'latest', 'md5'],
  ] as const)('%s %s → %s', (installer, version, hash) => expect(explicitHashFor(installer, version)).toBe(hash));

  it('gives sha256 for every default installer version', () => {
    for (const installer of Object.values(INSTALLERS)) expect(explicitHashFor(installer.id, installer.defaultVersion), installer.id).toBe('sha256');
  });
});
