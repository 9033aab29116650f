import { describe, expect, it } from 'vitest';
import { canonicalizePackageUrl, parseChannelUrlOverrides, resolveChannels } from './channels';

describe('resolveChannels', () => {
  it.each([
    [['conda-forge'], {}, [['conda-forge', 'https://conda.anaconda.org/conda-forge', 'https://prefix.dev/conda-forge']]],
    [['bioconda'], {}, [['bioconda', 'https://conda.anaconda.org/bioconda', 'https://conda.anaconda.org/bioconda']]],
    [
      ['conda-forge/label/dev'],
      {},
      [['conda-forge/label/dev', 'https://conda.anaconda.org/conda-forge/label/dev', 'https://conda.anaconda.org/conda-forge/label/dev']],
    ],
    [['https://repo.example.org/chan/'], {}, [['https://repo.example.org/chan/', 'https://repo.example.org/chan', 'https://repo.example.org/chan']]],
    [
      ['conda-forge', 'defaults'],
      {},
      [
        ['conda-forge', 'https://conda.anaconda.org/conda-forge', 'https://prefix.dev/conda-forge'],
        ['pkgs/main', 'https://repo.anaconda.com/pkgs/main', 'https://repo.anaconda.com/pkgs/main'],
        ['pkgs/r', 'https://repo.anaconda.com/pkgs/r', 'https://repo.anaconda.com/pkgs/r'],
      ],
    ],
    [['conda-forge', 'nodefaults'], { 'conda-forge': 'http://127.0.0.1:9/cf/' }, [['conda-forge', 'https://conda.anaconda.org/conda-forge', 'http://127.0.0.1:9/cf']]],
  ])('%j with %j', (channels, overrides, expected) => {
    expect(resolveChannels(channels, overrides).map((c) => [c.name, c.canonicalUrl, c.fetchUrl])).toEqual(expected);
  });
});

describe('parseChannelUrlOverrides', () => {
  it('reads comma-separated pairs and repeated flags', () => {
    expect(parseChannelUrlOverrides('conda-forge=http://127.0.0.1:1/cf, bioconda=https://m.example.org/bioconda/')).toEqual({
      ok: true,
      overrides: { 'conda-forge': 'http://127.0.0.1:1/cf', bioconda: 'https://m.example.org/bioconda' },
    });
    expect(parseChannelUrlOverrides(['a=http://x/a', 'b=http://x/b'])).toEqual({ ok: true, overrides: { a: 'http://x/a', b: 'http://x/b' } });
    expect(parseChannelUrlOverrides('')).toEqual({ ok: true, overrides: {} });
  });

  it.each(['conda-forge', '=http://x', 'conda-forge=ftp://x', 'cf=not a url'])('refuses %j', (text) => {
    const result = parseChannelUrlOverrides(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('NAME=URL');
  });
});

describe('canonicalizePackageUrl', () => {
  const channels = resolveChannels(['conda-forge', 'bioconda'], { bioconda: 'http://127.0.0.1:9/bio' });
  it('maps the mirror that served the metadata back to conda.anaconda.org', () => {
    expect(canonicalizePackageUrl('https://prefix.dev/conda-forge/linux-64/numpy-2.1.3-py312h58c1407_0.conda', channels)).toEqual({
      channel: 'https://conda.anaconda.org/conda-forge',
      url: 'https://conda.anaconda.org/conda-forge/linux-64/numpy-2.1.3-py312h58c1407_0.conda',
    });
    expect(canonicalizePackageUrl('http://127.0.0.1:9/bio/noarch/x-1-0.tar.bz2', channels)?.url).toBe(
      'https://conda.anaconda.org/bioconda/noarch/x-1-0.tar.bz2',
    );
    expect(canonicalizePackageUrl('https://elsewhere.example.org/x.conda', channels)).toBeUndefined();
  });
});
