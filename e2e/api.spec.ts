// The HTTP door through a real HTTP client against the production server: what curl users and scripts get.
// No browser: these tests use Playwright's `request` fixture only.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { deflateSync } from 'fflate';
import { PRESETS, findPreset } from '@/lib/design/presets';
import { DEFAULT_DESIGN, designSchema, type Design } from '@/lib/design/schema';
import { generateFiles } from '@/lib/generators';
import { encodeDesign } from '@/lib/share';
import type { CheckReport } from '@/lib/solve/check';
import { lockState } from '@/lib/solve/lock';
import { fixtureMirrorEnv, unreachableOrigin } from '@/lib/testing/fixture-server';
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
      'POST /api/check',
      'POST /api/lock',
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
    ['/api/check', ['GET', 'PUT'], 'OPTIONS, POST'],
    ['/api/lock', ['GET', 'DELETE'], 'OPTIONS, POST'],
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

// The solve door against the fixture channels and PyPI that playwright.config.ts starts Next with.
test.describe('/api/check and /api/lock', () => {
  const fixtureOrigin = `http://127.0.0.1:${process.env.E2E_FIXTURE_PORT ?? 3199}`;
  const CHECKED = {
    project: { name: 'checked' },
    base: { platforms: ['linux/amd64', 'linux/arm64'] },
    conda: { packages: ['numpy', 'pandas'] },
    pip: { packages: ['rich'] },
  };
  const post = (request: APIRequestContext, path: string, data: unknown, type = 'application/json') =>
    // A Buffer: Playwright re-encodes a string that is not valid JSON when the type is application/json.
    request.post(path, { headers: { 'Content-Type': type }, data: Buffer.from(typeof data === 'string' ? data : JSON.stringify(data)) });

  test('POST /api/check solves each platform against the fixture channel: the JSON of `condocker check --format json`', async ({ request }) => {
    const response = await post(request, '/api/check', CHECKED);
    expect(response.status(), await errorText(response)).toBe(200);
    const report = (await response.json()) as CheckReport;
    expect(report.ok).toBe(true);
    expect(Object.keys(report.platforms)).toEqual(['linux-64', 'linux-aarch64']);
    for (const platform of Object.values(report.platforms)) {
      if (!platform.ok) throw new Error(platform.error);
      expect(platform.packages.map((pkg) => pkg.name)).toEqual(expect.arrayContaining(['python', 'numpy', 'pandas', 'pip']));
      expect(platform.downloadBytes).toBe(platform.packages.reduce((sum, pkg) => sum + pkg.size, 0));
      // The mirror served the metadata; the URLs stay canonical.
      for (const pkg of platform.packages) expect(pkg.url).toMatch(/^https:\/\/conda\.anaconda\.org\/conda-forge\//);
    }
    expect(report.pip).toEqual([expect.objectContaining({ line: 'rich', ok: true, version: '13.9.4' })]);
    // The CLI's JSON for the same design and mirrors, byte for byte as data.
    const folder = await mkdtemp(join(tmpdir(), 'condocker-api-'));
    try {
      await writeFile(join(folder, 'design.json'), JSON.stringify(CHECKED));
      const env = { ...process.env, ...fixtureMirrorEnv(fixtureOrigin) };
      const cli = await promisify(execFile)(process.execPath, ['cli/condocker.mjs', 'check', join(folder, 'design.json'), '--pypi-url', fixtureOrigin, '--format', 'json'], { env });
      expect(report).toEqual(JSON.parse(cli.stdout));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  test('POST /api/check takes YAML, and says which spec fails on which platform', async ({ request }) => {
    const yaml = 'base:\n  platforms: [linux/amd64, linux/arm64]\nconda:\n  packages: [mkl]\n';
    const response = await post(request, '/api/check', yaml, 'application/yaml');
    expect(response.status(), await errorText(response)).toBe(200);
    const report = (await response.json()) as CheckReport;
    expect(report.ok).toBe(false);
    expect(report.platforms['linux-64'].ok).toBe(true);
    expect(report.platforms['linux-aarch64']).toMatchObject({ ok: false, kind: 'no-candidates', field: 'conda.packages.0', spec: 'mkl' });
  });

  test('POST /api/check answers a bad body as /api/zip does: 400 naming the field, 415, 413', async ({ request }) => {
    const bad = await post(request, '/api/check', { conda: { pakages: ['numpy'] } });
    expect(bad.status()).toBe(400);
    expect(((await bad.json()) as { issues: Array<{ path: string }> }).issues.map((issue) => issue.path)).toEqual(['conda.pakages']);
    const invalid = await post(request, '/api/check', '{"conda": ', 'application/json');
    expect([invalid.status(), ((await invalid.json()) as { error: string }).error]).toEqual([400, expect.stringMatching(/^Request body: invalid JSON at line 1/)]);
    expect((await post(request, '/api/check', 'x', 'multipart/form-data')).status()).toBe(415);
    expect((await post(request, '/api/check', `{"project":{"description":"${'x'.repeat(300 * 1024)}"}}`)).status()).toBe(413);
  });

  test('POST /api/check answers 502 naming the URL when a channel cannot be reached', async ({ request }) => {
    const closed = `${await unreachableOrigin()}/closed-channel`;
    const response = await post(request, '/api/check', { base: { platforms: ['linux/amd64'] }, conda: { channels: [closed] } });
    expect(response.status()).toBe(502);
    const body = (await response.json()) as { error: string; issues: unknown[] };
    expect(body.error).toContain(`cannot reach ${closed}/linux-64/repodata.json`);
    expect(body.issues).toEqual([]);
  });

  test('POST /api/lock gives the design with a lock that validates and is fresh, and the check it came from', async ({ request }) => {
    const response = await post(request, '/api/lock', CHECKED);
    expect(response.status(), await errorText(response)).toBe(200);
    const body = (await response.json()) as { design: unknown; report: CheckReport };
    expect(body.report.ok).toBe(true);
    const locked = designSchema.parse(body.design);
    expect(locked).toEqual({ ...designSchema.parse(CHECKED), lock: locked.lock });
    expect(lockState(locked).kind).toBe('fresh');
    expect(Object.keys(locked.lock!.platforms)).toEqual(['linux-64', 'linux-aarch64']);
    expect(locked.lock!.pip).toEqual([{ line: 'rich', version: '13.9.4' }]);
  });

  test('POST /api/lock answers 422 with the check and the field when the design does not solve', async ({ request }) => {
    const response = await post(request, '/api/lock', { base: { platforms: ['linux/arm64'] }, conda: { packages: ['mkl'] } });
    expect(response.status()).toBe(422);
    const body = (await response.json()) as { error: string; issues: Array<{ path: string }>; report: CheckReport };
    expect(body.error).toMatch(/^Lock: linux-aarch64 did not solve/);
    expect(body.issues.map((issue) => issue.path)).toEqual(['conda.packages.0']);
    expect(body.report.ok).toBe(false);
  });
});
