import { describe, expect, it } from 'vitest';
import { PRESETS } from '@/lib/design/presets';
import { API_ENDPOINTS, apiHelpJson, apiHelpText, requestOrigin, wantsPlainText } from './api-help';

describe('wantsPlainText', () => {
  it.each([
    ['curl', { 'user-agent': 'curl/8.5.0', accept: '*/*' }, true],
    ['wget', { 'user-agent': 'Wget/1.21.3', accept: '*/*' }, true],
    ['curl asking for JSON', { 'user-agent': 'curl/8.5.0', accept: 'application/json' }, false],
    ['Accept: text/plain', { accept: 'text/plain' }, true],
    ['Accept: text/*', { accept: 'text/*' }, true],
    ['text/plain preferred by quality', { accept: 'application/json;q=0.5, text/plain' }, true],
    ['JSON preferred by quality', { accept: 'text/plain;q=0.5, application/json' }, false],
    ['equal quality, text first', { accept: 'text/plain, application/json' }, true],
    ['equal quality, JSON first', { accept: 'application/json, text/plain' }, false],
    ['a browser', { 'user-agent': 'Mozilla/5.0', accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }, false],
    ['fetch with no headers', {}, false],
    ['HTTPie', { 'user-agent': 'HTTPie/3.2.2', accept: 'application/json, */*;q=0.5' }, false],
  ])('%s → %s', (_name, headers, plain) => {
    expect(wantsPlainText(new Headers(headers))).toBe(plain);
  });
});

describe('requestOrigin', () => {
  it.each([
    ['the Host header', 'http://127.0.0.1:3000/api', { host: 'localhost:3000' }, 'http://localhost:3000'],
    ['a proxy', 'http://127.0.0.1:3000/api', { host: '127.0.0.1:3000', 'x-forwarded-host': 'condocker.example', 'x-forwarded-proto': 'https' }, 'https://condocker.example'],
    ['an IPv6 host', 'http://[::1]:3000/api', { host: '[::1]:3000' }, 'http://[::1]:3000'],
    ['no Host header', 'http://127.0.0.1:3000/api', {}, 'http://127.0.0.1:3000'],
    ['a Host header that is not a host', 'http://127.0.0.1:3000/api', { host: 'evil.example/\'; rm -rf ~' }, 'http://127.0.0.1:3000'],
    ['an unknown forwarded protocol', 'http://127.0.0.1:3000/api', { host: 'a.example', 'x-forwarded-proto': 'javascript' }, 'http://a.example'],
  ])('uses %s', (_name, url, headers, origin) => {
    expect(requestOrigin(new Request(url, { headers }))).toBe(origin);
  });
});

describe('apiHelpText', () => {
  const text = apiHelpText('http://localhost:3000');

  it.each([
    "curl -o env.zip 'http://localhost:3000/api/zip?preset=data-science'",
    "curl -X POST -H 'Content-Type: application/yaml' --data-binary @design.yaml -o env.zip http://localhost:3000/api/zip",
    "curl 'http://localhost:3000/api/files?preset=minimal-python'",
    'http://localhost:3000/',
    '413 for a body over 256 KB',
    `curl -OJ 'http://localhost:3000/api/zip?preset=pytorch-gpu'`,
    'curl http://localhost:3000/api/mirrors',
    "curl -X POST -H 'Content-Type: application/yaml' --data-binary @design.yaml http://localhost:3000/api/check",
    "curl -X POST -H 'Content-Type: application/yaml' --data-binary @design.yaml http://localhost:3000/api/lock > locked.json",
    '504 after 60 s',
    'CONDOCKER_CHANNEL_URLS',
    'CONDOCKER_PYPI_URL',
  ])('contains %s', (line) => {
    expect(text).toContain(line);
  });

  it('lists every endpoint and preset', () => {
    for (const endpoint of API_ENDPOINTS) expect(text).toMatch(new RegExp(`${endpoint.method} +${endpoint.path} `));
    for (const preset of PRESETS) expect(text).toContain(`  ${preset.id} `);
  });

  it('keeps prose within 120 columns (commands stay whole, for copy and paste)', () => {
    const prose = text.split('\n').filter((line) => !line.trimStart().startsWith('curl '));
    expect(Math.max(...prose.map((line) => line.length))).toBeLessThanOrEqual(120);
  });
});

describe('apiHelpJson', () => {
  it('gives absolute URLs on the origin', () => {
    const help = apiHelpJson('https://condocker.example');
    expect(help.endpoints.map((endpoint) => `${endpoint.method} ${endpoint.url}`)).toEqual([
      'GET https://condocker.example/api',
      'GET https://condocker.example/api/presets',
      'GET https://condocker.example/api/zip?preset=data-science',
      'POST https://condocker.example/api/zip',
      'GET https://condocker.example/api/files?preset=minimal-python',
      'POST https://condocker.example/api/files',
      'GET https://condocker.example/api/lint?preset=recipe-2020',
      'POST https://condocker.example/api/lint',
      'GET https://condocker.example/api/mirrors',
      'POST https://condocker.example/api/check',
      'POST https://condocker.example/api/lock',
    ]);
    expect(help.environment.map((variable) => variable.name)).toEqual(['CONDOCKER_CHANNEL_URLS', 'CONDOCKER_PYPI_URL']);
    expect(help.presets).toEqual(PRESETS.map((preset) => preset.id));
    expect(help.maxBodyBytes).toBe(262144);
  });
});
