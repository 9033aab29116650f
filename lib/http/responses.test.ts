import { describe, expect, it } from 'vitest';
import { findPreset } from '@/lib/design/presets';
import { allowHeader, designHandler, headerText, jsonResponse, otherMethods, problemResponse } from './responses';

describe('jsonResponse', () => {
  it('sends pretty JSON that no cache keeps', async () => {
    const response = jsonResponse({ a: 1 }, { status: 201 });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toBe('{\n  "a": 1\n}\n');
  });
});

describe('problemResponse', () => {
  it('sends the status and { error, issues }', async () => {
    const response = problemResponse({ status: 413, error: 'too big', issues: [] });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'too big', issues: [] });
  });
});

describe('designHandler', () => {
  const handler = designHandler((design, warnings) => jsonResponse({ name: design.project.name, warnings }));

  it('renders the design a request names', async () => {
    const response = await handler(new Request('http://x/api/files?preset=minimal-python'));
    expect(await response.json()).toEqual({ name: findPreset('minimal-python')!.design.project.name, warnings: [] });
  });

  it('answers a bad request with its problem', async () => {
    const response = await handler(
      new Request('http://x/api/files', { method: 'POST', body: 'user: {name: Root}', headers: { 'content-type': 'application/yaml' } }),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).issues[0].path).toBe('user.name');
  });
});

describe('allowHeader', () => {
  it.each([
    [['GET'], 'GET, HEAD, OPTIONS'],
    [['GET', 'POST'], 'GET, HEAD, OPTIONS, POST'],
    [['POST'], 'OPTIONS, POST'],
  ] as const)('%j → %s', (methods, header) => {
    expect(allowHeader(methods)).toBe(header);
  });
});

describe('otherMethods', () => {
  const handlers = otherMethods(['GET', 'POST']);

  it('has a handler for exactly the methods not allowed, plus OPTIONS', () => {
    expect(Object.keys(handlers).sort()).toEqual(['DELETE', 'OPTIONS', 'PATCH', 'PUT']);
  });

  it.each(['PUT', 'PATCH', 'DELETE'] as const)('%s → 405 with Allow and a JSON error', async (method) => {
    const response = await handlers[method](new Request('http://x/api/zip', { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
    expect(await response.json()).toEqual({
      error: `Method ${method} is not allowed on /api/zip; use GET, HEAD, OPTIONS, POST.`,
      issues: [],
    });
  });

  it('OPTIONS lists only the allowed methods', async () => {
    const response = await handlers.OPTIONS(new Request('http://x/api/zip', { method: 'OPTIONS' }));
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
  });
});

describe('headerText', () => {
  it.each([
    ['plain', 'plain'],
    ['Ignored "x" — from a newer link', 'Ignored "x" ? from a newer link'],
    ['line\nbreak', 'line?break'],
  ])('%j → %j', (text, expected) => {
    expect(headerText(text)).toBe(expected);
    expect(() => new Headers({ x: headerText(text) })).not.toThrow();
  });
});
