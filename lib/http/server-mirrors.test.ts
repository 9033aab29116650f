import { describe, expect, it } from 'vitest';
import { readServerMirrors } from './server-mirrors';

describe('readServerMirrors', () => {
  it.each([
    [{}, { channelUrls: {}, pypiUrl: null }],
    [{ CONDOCKER_CHANNEL_URLS: '', CONDOCKER_PYPI_URL: ' ' }, { channelUrls: {}, pypiUrl: null }],
    [
      { CONDOCKER_CHANNEL_URLS: 'conda-forge=http://127.0.0.1:3199/conda-forge/, bioconda=https://m.example/bioconda', CONDOCKER_PYPI_URL: 'http://127.0.0.1:3199/' },
      { channelUrls: { 'conda-forge': 'http://127.0.0.1:3199/conda-forge', bioconda: 'https://m.example/bioconda' }, pypiUrl: 'http://127.0.0.1:3199' },
    ],
  ])('reads %j', (env, mirrors) => {
    expect(readServerMirrors(env)).toEqual({ ok: true, mirrors });
  });

  it.each([
    [{ CONDOCKER_CHANNEL_URLS: 'conda-forge' }, /^CONDOCKER_CHANNEL_URLS: "conda-forge" is not NAME=URL/],
    [{ CONDOCKER_PYPI_URL: 'pypi.org' }, /^CONDOCKER_PYPI_URL: "pypi.org" is not an http\(s\) URL/],
  ])('names the variable that is wrong in %j', (env, error) => {
    const result = readServerMirrors(env);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });
});
