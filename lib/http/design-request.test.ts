import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { findPreset } from '@/lib/design/presets';
import { DEFAULT_DESIGN, designSchema } from '@/lib/design/schema';
import { encodeDesign } from '@/lib/share';
import {
  MAX_BODY_BYTES,
  bodyFormat,
  designFromInput,
  designFromQuery,
  parseDesignText,
  readBodyText,
  readDesignRequest,
} from './design-request';

const URL_BASE = 'http://127.0.0.1:3000/api/zip';
const post = (body: BodyInit | null, headers: Record<string, string> = {}, query = '') =>
  new Request(`${URL_BASE}${query}`, { method: 'POST', body, headers });

/** A body that arrives in chunks with no Content-Length, like `curl -T -` or a chunked upload. */
function streamedBody(chunks: number, chunkSize: number) {
  let sent = 0;
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += 1;
      if (sent === chunks) return controller.close();
      sent += 1;
      controller.enqueue(new Uint8Array(chunkSize).fill(0x20));
    },
  });
  return { stream, pulled: () => pulled };
}

describe('bodyFormat', () => {
  it.each([
    ['application/json', 'json'],
    ['application/json; charset=utf-8', 'json'],
    ['Application/JSON', 'json'],
    ['application/vnd.condocker+json', 'json'],
    ['application/yaml', 'yaml'],
    ['text/yaml', 'yaml'],
    ['application/x-yaml', 'yaml'],
    ['text/x-yaml; charset=utf-8', 'yaml'],
    [null, undefined],
    ['text/plain', undefined],
    ['application/x-www-form-urlencoded', undefined],
    ['application/octet-stream', undefined],
  ])('%s → %s', (contentType, format) => {
    expect(bodyFormat(contentType)).toEqual({ ok: true, format });
  });

  it.each(['multipart/form-data; boundary=x', 'application/xml', 'image/png'])('refuses %s with 415', (contentType) => {
    const result = bodyFormat(contentType);
    expect(result).toMatchObject({ ok: false, status: 415 });
    expect(!result.ok && result.error).toContain('application/json or application/yaml');
  });
});

describe('parseDesignText', () => {
  it.each([
    ['JSON as JSON', '{"user": {"name": "ada"}}', 'json' as const],
    ['YAML as YAML', 'user:\n  name: ada\n', 'yaml' as const],
    ['JSON sniffed', '{"user": {"name": "ada"}}', undefined],
    ['YAML sniffed', 'user:\n  name: ada\n', undefined],
    ['YAML flow sniffed', '{user: {name: ada}}', undefined],
    ['JSON with a BOM-less UTF-8 name', '{"user": {"name": "ada"}, "project": {"description": "Ünïcode ✓"}}', 'json' as const],
  ])('reads %s', (_name, text, format) => {
    const result = parseDesignText(text, format);
    expect(result.ok).toBe(true);
    expect(result.ok && (result.value as { user: unknown }).user).toEqual({ name: 'ada' });
  });

  it.each([
    ['empty JSON', '', 'json' as const, /empty/],
    ['blank YAML', '  \n', 'yaml' as const, /empty/],
    ['truncated JSON', '{\n  "user": {\n    "name": "ada"', 'json' as const, /invalid JSON at line 3, column 18/],
    ['JSON with a stray comma', '{\n  "a": 1,\n}', 'json' as const, /invalid JSON at line 3, column 1/],
    ['JSON that is YAML', 'user:\n  name: ada', 'json' as const, /invalid JSON at line 1, column 1: Unexpected token 'u'\.$/],
    ['JSON with a missing value', '{\n  "a": 1,\n  "b": }', 'json' as const, /invalid JSON at line 3, column 8: Unexpected token '}'\.$/],
    ['bad indentation', 'project:\n  name: x\n   bad: [\n', 'yaml' as const, /invalid YAML at line 3, column 7: bad indentation/],
    ['duplicate key', 'user:\n  name: a\nuser:\n  name: b\n', 'yaml' as const, /line 3.*duplicated mapping key/],
    ['unknown tag', 'user: !!js/function "x"\n', 'yaml' as const, /line 1.*unknown scalar tag/],
    ['two documents', 'a: 1\n---\nb: 2\n', 'yaml' as const, /single document/],
    ['broken sniffed YAML', 'a: [1, 2\n', undefined, /invalid YAML at line 2/],
    ['broken sniffed JSON', '{"a":', undefined, /invalid JSON at line 1, column 6: Unexpected end of JSON input\.$/],
  ])('refuses %s with 400 naming the place', (_name, text, format, message) => {
    const result = parseDesignText(text, format);
    expect(result).toMatchObject({ ok: false, status: 400, issues: [] });
    expect(!result.ok && result.error).toMatch(message);
  });

  it('refuses YAML aliases, so an alias bomb never expands', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((name, index) => {
      const previous = 'abcdefgh'[index];
      return `${name}: &${name} [*${previous},*${previous},*${previous},*${previous},*${previous},*${previous},*${previous},*${previous},*${previous}]`;
    })].join('\n');
    const result = parseDesignText(bomb, 'yaml');
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(!result.ok && result.error).toMatch(/line 2.*aliases/);
  });

  it('refuses merge keys (they need an alias)', () => {
    expect(parseDesignText('base: &b {image: "ubuntu:24.04"}\nother: {<<: *b}\n', 'yaml')).toMatchObject({ ok: false, status: 400 });
  });

  it('refuses nesting deeper than a design needs', () => {
    const deep = `${'['.repeat(40)}${']'.repeat(40)}`;
    const result = parseDesignText(deep, 'yaml');
    expect(!result.ok && result.error).toMatch(/maxDepth/);
  });

  it('keeps a "__proto__" key as plain data', () => {
    const result = parseDesignText('__proto__: {polluted: true}\n', 'yaml');
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('designFromInput', () => {
  it('fills defaults for an empty object', () => {
    expect(designFromInput({})).toEqual({ ok: true, design: DEFAULT_DESIGN, warnings: [] });
  });

  it('accepts a partial design and a full one', () => {
    const partial = designFromInput({ project: { name: 'demo' }, user: { uid: '1001' } });
    expect(partial.ok && partial.design.project.name).toBe('demo');
    expect(partial.ok && partial.design.user.uid).toBe(1001);
    const full = findPreset('recipe-2020')!.design;
    expect(designFromInput(JSON.parse(JSON.stringify(full)))).toEqual({ ok: true, design: full, warnings: [] });
  });

  it.each([
    ['a schema message', { user: { name: 'Ada' } }, 'user.name', /^User name: /],
    ['a list entry', { apt: { packages: ['git', 'Bad Name'] } }, 'apt.packages[1]', /^System package: /],
    ['a wrong type', { user: { name: 5 } }, 'user.name', /^user\.name: expected string, received number\.$/],
    ['a missing field', { runtime: { env: [{ name: 'A' }] } }, 'runtime.env[0].value', /^runtime\.env\[0\]\.value: required\.$/],
    ['an enum without its own message', { conda: { channelPriority: 'x' } }, 'conda.channelPriority', /^conda\.channelPriority: Invalid option/],
    ['a cross-field rule', { runtime: { command: 'custom' } }, 'runtime.customCommand', /^Custom command: /],
    ['an unknown field', { conda: { pakages: ['numpy'] } }, 'conda.pakages', /unknown field; conda has installer, .*packages/],
    ['an unknown top-level field', { name: 'x' }, 'name', /unknown field; a design has schemaVersion, project/],
    ['an unknown field in a list', { runtime: { env: [{ name: 'A', value: 'b', vaule: 'c' }] } }, 'runtime.env[0].vaule', /unknown field/],
  ])('names the field for %s', (_name, input, path, message) => {
    const result = designFromInput(input);
    expect(result).toMatchObject({ ok: false, status: 400 });
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0].path).toBe(path);
    expect(result.issues[0].message).toMatch(message);
    expect(result.error).toMatch(/^Invalid design: /);
    expect(result.error).toContain(path);
  });

  it.each([
    ['null', null, /got null/],
    ['a list', ['numpy'], /got a list/],
    ['a string', 'numpy', /got a string/],
  ])('refuses %s as a design', (_name, input, message) => {
    const result = designFromInput(input);
    expect(result).toMatchObject({ ok: false, status: 400, issues: [{ path: '(design)' }] });
    expect(!result.ok && result.error).toMatch(message);
  });

  it('lists every problem in issues and caps the summary', () => {
    const input = { apt: { packages: Array.from({ length: 12 }, (_, index) => `Bad ${index}`) } };
    const result = designFromInput(input);
    expect(!result.ok && result.issues).toHaveLength(12);
    expect(!result.ok && result.error).toMatch(/\(and 2 more\)$/);
  });
});

describe('designFromQuery', () => {
  const preset = findPreset('pytorch-gpu')!;

  it.each([
    ['nothing', '', DEFAULT_DESIGN],
    ['a preset', 'preset=pytorch-gpu', preset.design],
    ['a share code', `d=${encodeDesign(preset.design)}`, preset.design],
  ])('reads %s', (_name, query, design) => {
    expect(designFromQuery(new URLSearchParams(query))).toEqual({ ok: true, design, warnings: [] });
  });

  it('passes on what the share decoder ignored', () => {
    // A link from a newer version with a setting this one does not know: decoded, with a warning.
    const raw = deflateSync(new TextEncoder().encode(JSON.stringify({ future: { setting: 1 } })));
    const code = `1.${Buffer.from(raw).toString('base64url')}`;
    const result = designFromQuery(new URLSearchParams({ d: code }));
    expect(result).toMatchObject({ ok: true, design: DEFAULT_DESIGN });
    expect(result.ok && result.warnings.join()).toContain('future');
  });

  it.each([
    ['an unknown preset', 'preset=nope', 'preset', /"nope" is not a preset; choose one of data-science, /],
    ['a broken share code', 'd=1.%%%', 'd', /^Share code: /],
    ['a foreign share code', 'd=hello', 'd', /^Share code: This is not a Condocker share code/],
    ['both', 'preset=data-science&d=1.qwYA', 'd', /either "d" \(a share code\) or "preset"/],
    ['an unknown parameter', 'name=demo', 'name', /Unknown query parameter "name"/],
  ])('refuses %s with 400', (_name, query, path, message) => {
    const result = designFromQuery(new URLSearchParams(query));
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(!result.ok && result.error).toMatch(message);
    expect(!result.ok && result.issues[0]?.path).toBe(path);
  });

  it('refuses a repeated parameter', () => {
    expect(designFromQuery(new URLSearchParams('preset=a&preset=b'))).toMatchObject({ ok: false, status: 400 });
  });
});

describe('readBodyText', () => {
  it('reads a body under the limit', async () => {
    expect(await readBodyText(post('{"a": 1}'), 100)).toEqual({ ok: true, text: '{"a": 1}' });
  });

  it('drops a UTF-8 byte order mark', async () => {
    expect(await readBodyText(post(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d])), 100)).toEqual({ ok: true, text: '{}' });
  });

  it('refuses a declared Content-Length over the limit before reading', async () => {
    const body = streamedBody(1, 10);
    const request = new Request(URL_BASE, {
      method: 'POST',
      body: body.stream,
      headers: { 'content-length': String(MAX_BODY_BYTES + 1) },
      duplex: 'half',
    } as RequestInit);
    expect(await readBodyText(request, MAX_BODY_BYTES)).toMatchObject({ ok: false, status: 413 });
    expect(body.pulled()).toBeLessThanOrEqual(1); // the stream's first automatic pull at most, nothing read
  });

  it('stops reading a streamed body as soon as it passes the limit', async () => {
    const body = streamedBody(1000, 1024);
    const request = new Request(URL_BASE, { method: 'POST', body: body.stream, duplex: 'half' } as RequestInit);
    const result = await readBodyText(request, 8 * 1024);
    expect(result).toMatchObject({ ok: false, status: 413 });
    expect(!result.ok && result.error).toContain('larger than 8 KB');
    expect(body.pulled()).toBeLessThan(20);
  });

  it('accepts exactly the limit', async () => {
    expect(await readBodyText(post('x'.repeat(1024)), 1024)).toMatchObject({ ok: true });
    expect(await readBodyText(post('x'.repeat(1025)), 1024)).toMatchObject({ ok: false, status: 413 });
  });

  it('refuses bytes that are not UTF-8', async () => {
    const result = await readBodyText(post(new Uint8Array([0x7b, 0xff, 0x7d])), 100);
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(!result.ok && result.error).toMatch(/UTF-8/);
  });
});

describe('readDesignRequest', () => {
  const yaml = 'project:\n  name: climate-model\napt:\n  packages: [git]\n';

  it.each([
    ['YAML', yaml, 'application/yaml'],
    ['YAML sniffed (curl -d)', yaml, 'application/x-www-form-urlencoded'],
    ['JSON', JSON.stringify({ project: { name: 'climate-model' }, apt: { packages: ['git'] } }), 'application/json'],
    ['JSON without a type', JSON.stringify({ project: { name: 'climate-model' }, apt: { packages: ['git'] } }), ''],
  ])('reads a POSTed design as %s', async (_name, body, contentType) => {
    const result = await readDesignRequest(post(body, contentType ? { 'content-type': contentType } : {}));
    expect(result.ok && result.design).toEqual(
      designSchema.parse({ project: { name: 'climate-model' }, apt: { packages: ['git'] } }),
    );
  });

  it('reads GET from the query', async () => {
    const result = await readDesignRequest(new Request(`${URL_BASE}?preset=minimal-python`));
    expect(result.ok && result.design).toEqual(findPreset('minimal-python')!.design);
  });

  it.each([
    ['an invalid design', post('{"user": {"name": "Root"}}', { 'content-type': 'application/json' }), 400, /user\.name/],
    ['a query on POST', post('{}', { 'content-type': 'application/json' }, '?preset=data-science'), 400, /works with GET only/],
    ['a compressed body', post('{}', { 'content-type': 'application/json', 'content-encoding': 'gzip' }), 415, /Content-Encoding/],
    ['an XML body', post('<design/>', { 'content-type': 'application/xml' }), 415, /application\/xml/],
    ['an oversized body', post('#'.repeat(MAX_BODY_BYTES + 1), { 'content-type': 'application/yaml' }), 413, /256 KB/],
    ['an empty body', post(null, { 'content-type': 'application/json' }), 400, /empty/],
  ])('answers %s with its status', async (_name, request, status, message) => {
    const result = await readDesignRequest(request);
    expect(result).toMatchObject({ ok: false, status });
    expect(!result.ok && result.error).toMatch(message);
  });
});
