// The HTTP door through a real HTTP client against the production server: what curl users and scripts get.
// No browser: these tests use Playwright's `request` fixture only.
import { request as httpRequest } from 'node:http';
import { expect, test, type APIResponse } from '@playwright/test';
import { deflateSync } from 'fflate';
import { PRESETS, findPreset } from '@/lib/design/presets';
import { DEFAULT_DESIGN, designSchema, type Design } from '@/lib/design/schema';
import { generateFiles } from '@/lib/generators';
import { encodeDesign } from '@/lib/share';
import { buildZip } from '@/lib/zip';

const DESIGN_YAML = `# a design as someone would write it by hand
project:
  name: climate-model
  description: xarray and netCDF in JupyterLab
conda:
  packages: [jupyterlab, xarray, netcdf4]
pip:
  packages: [pint-xarray]
apt:
  packages: [git]
user:
  uid: "1001"
`;
// The same design as JSON input.
const DESIGN_INPUT = {
  project: { name: 'climate-model', description: 'xarray and netCDF in JupyterLab' },
  conda: { packages: ['jupyterlab', 'xarray', 'netcdf4'] },
  pip: { packages: ['pint-xarray'] },
  apt: { packages: ['git'] },
  user: { uid: 1001 },
};
const DESIGN: Design = designSchema.parse(DESIGN_INPUT);

async function expectZipOf(response: APIResponse, design: Design) {
  expect(response.status(), await errorText(response)).toBe(200);
  expect(response.headers()['content-type']).toBe('application/zip');
  expect(response.headers()['content-disposition']).toBe(`attachment; filename="${design.project.name}.zip"`);
  const expected = await buildZip(generateFiles(design));
  expect(Buffer.from(await response.body()).equals(Buffer.from(expected))).toBe(true);
}

async function errorText(response: APIResponse) {
  return response.ok() ? '' : await response.text();
}

test.describe('GET /api: help', () => {
  test('plain text with curl examples on the host the client used, for Accept: text/plain', async ({ request, baseURL }) => {
    const response = await request.get('/api', { headers: { Accept: 'text/plain' } });
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('text/plain; charset=utf-8');
    const text = await response.text();
    expect(text).toContain(`curl -o env.zip '${baseURL}/api/zip?preset=data-science'`);
    expect(text).toContain(
      `curl -X POST -H 'Content-Type: application/yaml' --data-binary @design.yaml -o env.zip ${baseURL}/api/zip`,
    );
    expect(text).toContain(`curl '${baseURL}/api/files?preset=minimal-python'`);
    expect(text).toContain(`${baseURL}/`);
    for (const preset of PRESETS) expect(text).toContain(preset.id);
  });

  test('plain text for curl, which sends Accept: */*', async ({ request }) => {
    const response = await request.get('/api', { headers: { Accept: '*/*', 'User-Agent': 'curl/8.5.0' } });
    expect(response.headers()['content-type']).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toMatch(/^Condocker: /);
  });

  test('JSON listing the endpoints otherwise', async ({ request, baseURL }) => {
    const response = await request.get('/api', { headers: { Accept: 'application/json' } });
    expect(response.headers()['content-type']).toBe('application/json; charset=utf-8');
    const help = await response.json();
    expect(help.endpoints.map((endpoint: { method: string; path: string }) => `${endpoint.method} ${endpoint.path}`)).toEqual([
      'GET /api',
      'GET /api/presets',
      'GET /api/zip',
      'POST /api/zip',
      'GET /api/files',
      'POST /api/files',
      'GET /api/lint',
      'POST /api/lint',
      'GET /api/mirrors',
    ]);
    expect(help.endpoints[2].url).toBe(`${baseURL}/api/zip?preset=data-science`);
  });

  test('URLs follow the Host header', async ({ request }) => {
    const response = await request.get('/api', { headers: { Accept: 'text/plain', Host: 'condocker.test:8080' } });
    expect(await response.text()).toContain("curl -o env.zip 'http://condocker.test:8080/api/zip?preset=data-science'");
  });
});

test('GET /api/mirrors gives the mirrors the server was started with (the fixture server, see playwright.config.ts)', async ({ request }) => {
  const response = await request.get('/api/mirrors');
  expect(response.status()).toBe(200);
  const origin = `http://127.0.0.1:${process.env.E2E_FIXTURE_PORT ?? 3199}`;
  expect(await response.json()).toEqual({
    channelUrls: { 'conda-forge': `${origin}/conda-forge`, 'extra-channel': `${origin}/extra-channel` },
    pypiUrl: origin,
  });
  expect((await request.post('/api/mirrors')).status()).toBe(405);
});

test('GET /api/presets lists every preset', async ({ request }) => {
  const response = await request.get('/api/presets');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({
    presets: PRESETS.map(({ id, label, description }) => ({ id, label, description })),
  });
});

test.describe('/api/zip', () => {
  for (const preset of PRESETS)
    test(`GET ?preset=${preset.id} gives the core's zip, byte for byte`, async ({ request }) => {
      await expectZipOf(await request.get(`/api/zip?preset=${preset.id}`), preset.design);
    });

  test('GET without parameters gives the default design', async ({ request }) => {
    await expectZipOf(await request.get('/api/zip'), DEFAULT_DESIGN);
  });

  test('the same design twice gives the same bytes (the second from the cache)', async ({ request }) => {
    const first = await request.get('/api/zip?preset=r-and-python');
    const second = await request.post('/api/zip', { headers: { 'Content-Type': 'application/json' }, data: JSON.stringify(findPreset('r-and-python')!.design) });
    expect(Buffer.from(await second.body()).equals(Buffer.from(await first.body()))).toBe(true);
  });

  test('GET ?d=<share code> gives the shared design', async ({ request }) => {
    await expectZipOf(await request.get(`/api/zip?d=${encodeDesign(DESIGN)}`), DESIGN);
  });

  test('POST a YAML design', async ({ request }) => {
    const response = await request.post('/api/zip', { headers: { 'Content-Type': 'application/yaml' }, data: DESIGN_YAML });
    await expectZipOf(response, DESIGN);
  });

  test('POST a JSON design', async ({ request }) => {
    const response = await request.post('/api/zip', {
      headers: { 'Content-Type': 'application/json' },
      data: JSON.stringify(DESIGN_INPUT),
    });
    await expectZipOf(response, DESIGN);
  });

  test('POST without a Content-Type, as curl -d sends it', async ({ request }) => {
    const response = await request.post('/api/zip', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      data: DESIGN_YAML,
    });
    await expectZipOf(response, DESIGN);
  });

  test('HEAD gives the headers without the body', async ({ request }) => {
    const response = await request.head('/api/zip?preset=micromamba');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-disposition']).toBe('attachment; filename="micromamba-lab.zip"');
    expect((await response.body()).length).toBe(0);
  });
});

test.describe('/api/files', () => {
  test('GET ?preset= gives the files as JSON', async ({ request }) => {
    const response = await request.get('/api/files?preset=recipe-2020');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ files: generateFiles(findPreset('recipe-2020')!.design) });
  });

  test('what a share code from another version carries that this one ignores is reported', async ({ request }) => {
    const code = `1.${Buffer.from(deflateSync(Buffer.from(JSON.stringify({ future: { setting: true } })))).toString('base64url')}`;
    const files = await request.get(`/api/files?d=${code}`);
    expect(await files.json()).toEqual({
      files: generateFiles(DEFAULT_DESIGN),
      warnings: [expect.stringContaining('Ignored "future"')],
    });
    const zip = await request.get(`/api/zip?d=${code}`);
    expect(zip.status()).toBe(200);
    expect(zip.headers()['condocker-warning']).toContain('Ignored "future"');
  });

  test('POST a YAML design gives its files, scripts with mode 0755', async ({ request }) => {
    const response = await request.post('/api/files', { headers: { 'Content-Type': 'text/yaml' }, data: DESIGN_YAML });
    const { files } = await response.json();
    expect(files).toEqual(generateFiles(DESIGN));
    expect(files.find((file: { path: string }) => file.path === 'docker/entrypoint.sh').mode).toBe(0o755);
    expect(files.find((file: { path: string }) => file.path === 'apt.txt').content).toContain('git');
  });
});

test.describe('bad input', () => {
  test('400 names the field and the problem', async ({ request }) => {
    const response = await request.post('/api/zip', {
      headers: { 'Content-Type': 'application/yaml' },
      data: 'user:\n  name: Ada Lovelace\n',
    });
    expect(response.status()).toBe(400);
    expect(response.headers()['content-type']).toBe('application/json; charset=utf-8');
    const body = await response.json();
    expect(body.issues).toEqual([{ path: 'user.name', message: expect.stringMatching(/^User name: start with a lower-case letter/) }]);
    expect(body.error).toMatch(/^Invalid design: user\.name: User name: /);
  });

  test('400 for every problem of a design at once, entries by index', async ({ request }) => {
    const response = await request.post('/api/files', {
      headers: { 'Content-Type': 'application/json' },
      data: JSON.stringify({ apt: { packages: ['git', 'Not A Package'] }, runtime: { port: 0 } }),
    });
    expect(response.status()).toBe(400);
    const { issues } = await response.json();
    expect(issues.map((issue: { path: string }) => issue.path)).toEqual(['apt.packages[1]', 'runtime.port']);
  });

  test('400 for an unknown field instead of a silent default', async ({ request }) => {
    const response = await request.post('/api/zip', { headers: { 'Content-Type': 'application/yaml' }, data: 'conda:\n  pakages: [numpy]\n' });
    expect(response.status()).toBe(400);
    expect((await response.json()).issues[0]).toMatchObject({ path: 'conda.pakages', message: expect.stringContaining('unknown field') });
  });

  test('400 for malformed YAML names the line', async ({ request }) => {
    const response = await request.post('/api/zip', {
      headers: { 'Content-Type': 'application/yaml' },
      data: 'project:\n  name: demo\n   description: [\n',
    });
    expect(response.status()).toBe(400);
    expect((await response.json()).error).toMatch(/^Request body: invalid YAML at line 3, column \d+: /);
  });

  test('400 for malformed JSON names the line', async ({ request }) => {
    const response = await request.post('/api/files', {
      headers: { 'Content-Type': 'application/json' },
      // A Buffer, because Playwright would JSON-encode a string that does not parse as JSON.
      data: Buffer.from('{\n  "project": {"name": "demo"},\n}'),
    });
    expect(response.status()).toBe(400);
    expect((await response.json()).error).toMatch(/^Request body: invalid JSON at line 3, column 1: /);
  });

  test('400 for an unknown preset, listing the known ones', async ({ request }) => {
    const response = await request.get('/api/zip?preset=tensorflow');
    expect(response.status()).toBe(400);
    const body = await response.json();
    expect(body.issues[0].path).toBe('preset');
    expect(body.error).toContain('data-science');
  });

  test('400 for a damaged share code', async ({ request }) => {
    const code = encodeDesign(DESIGN);
    const response = await request.get(`/api/files?d=${code.slice(0, -6)}`);
    expect(response.status()).toBe(400);
    expect((await response.json()).issues[0]).toMatchObject({ path: 'd', message: expect.stringMatching(/^Share code: /) });
  });

  test('413 for a body over 256 KB', async ({ request }) => {
    const response = await request.post('/api/zip', {
      headers: { 'Content-Type': 'application/yaml' },
      data: `# ${'x'.repeat(256 * 1024)}\n{}\n`,
    });
    expect(response.status()).toBe(413);
    expect((await response.json()).error).toMatch(/larger than 256 KB/);
  });

  test('413 for a chunked body without Content-Length once it passes 256 KB', async ({ baseURL }) => {
    // Playwright's client always sends Content-Length; node:http streams, as `curl -T -` does.
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const upload = httpRequest(`${baseURL}/api/zip`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/yaml', 'Transfer-Encoding': 'chunked' },
      });
      upload.on('response', (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      });
      upload.on('error', reject);
      const chunk = `# ${'x'.repeat(16 * 1024)}\n`;
      for (let sent = 0; sent < 300 * 1024; sent += chunk.length) upload.write(chunk);
      upload.end();
    });
    expect(status).toBe(413);
    expect(JSON.parse(body).error).toMatch(/larger than 256 KB/);
  });

  test('a body just under 256 KB is read', async ({ request }) => {
    const padding = `# ${'x'.repeat(255 * 1024)}\n`;
    const response = await request.post('/api/files', { headers: { 'Content-Type': 'application/yaml' }, data: `${padding}{}\n` });
    expect(response.status()).toBe(200);
  });

  test('415 for a body that is not JSON or YAML', async ({ request }) => {
    const response = await request.post('/api/zip', { headers: { 'Content-Type': 'application/xml' }, data: '<design/>' });
    expect(response.status()).toBe(415);
    expect((await response.json()).error).toContain('application/json or application/yaml');
  });
});

test.describe('wrong method', () => {
  const cases = [
    ['/api/zip', ['PUT', 'PATCH', 'DELETE'], 'GET, HEAD, OPTIONS, POST'],
    ['/api/files', ['PUT', 'PATCH', 'DELETE'], 'GET, HEAD, OPTIONS, POST'],
    ['/api/presets', ['POST', 'PUT', 'DELETE'], 'GET, HEAD, OPTIONS'],
    ['/api', ['POST', 'PATCH'], 'GET, HEAD, OPTIONS'],
  ] as const;
  for (const [path, methods, allow] of cases) {
    for (const method of methods)
      test(`${method} ${path} → 405 with Allow`, async ({ request }) => {
        const response = await request.fetch(path, { method, data: '{}' });
        expect(response.status()).toBe(405);
        expect(response.headers()['allow']).toBe(allow);
        expect(await response.json()).toEqual({
          error: `Method ${method} is not allowed on ${path}; use ${allow}.`,
          issues: [],
        });
      });
    test(`OPTIONS ${path} lists the allowed methods`, async ({ request }) => {
      const response = await request.fetch(path, { method: 'OPTIONS' });
      expect(response.status()).toBe(204);
      expect(response.headers()['allow']).toBe(allow);
    });
  }
});

test.describe('/api/lint', () => {
  test('lists the findings of the recipe, with fixes', async ({ request }) => {
    const response = await request.get('/api/lint?preset=recipe-2020');
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { counts: { error: number }; findings: Array<{ rule: string; line?: number; fix?: unknown }> };
    expect(body.counts.error).toBeGreaterThan(0);
    expect(body.findings.find((f) => f.rule === 'CD001')).toMatchObject({ file: 'Dockerfile', line: 7, fix: { label: 'Use ubuntu:24.04' } });
  });

  test('takes a design as YAML and names a bad field', async ({ request }) => {
    const good = await request.post('/api/lint', { headers: { 'content-type': 'application/yaml' }, data: 'base:\n  image: ubuntu:24.04\n' });
    expect(((await good.json()) as { counts: { error: number } }).counts.error).toBe(0);
    const bad = await request.post('/api/lint', { headers: { 'content-type': 'application/yaml' }, data: 'user:\n  uid: 0\n' });
    expect(bad.status()).toBe(400);
    expect(((await bad.json()) as { issues: Array<{ path: string }> }).issues[0].path).toBe('user.uid');
  });
});
