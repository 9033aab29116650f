import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { designSchema, type DesignInput } from '@/lib/design/schema';
import { startFixtureServer, unreachableOrigin, type FixtureServer } from '@/lib/testing/fixture-server';
import { checkDesign, checkReport } from './check';
import { loadNodeRattler } from './rattler-node';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

const check = (input: DesignInput, pypiUrl = server.pypiUrl) =>
  checkDesign(designSchema.parse(input), { loadRattler: loadNodeRattler, channelUrls: server.channelUrls, fetch, pypiUrl });

describe('checkDesign', () => {
  it('is ok when every platform solves and every pip line checks out, and gives plain JSON', async () => {
    const result = await check({ pip: { packages: ['rich', 'tomli; python_full_version < "3.12.5"'] } });
    expect(result.ok).toBe(true);
    // The pip markers see the solved Python (3.12.7), not 3.12.0.
    expect(result.pip.map((line) => line.status)).toEqual(['ok', 'skipped']);
    const report = checkReport(result);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(Object.keys(report.platforms['linux-64'])).toEqual(['ok', 'packages', 'downloadBytes', 'notes']);
    expect(Object.keys((report.platforms['linux-64'] as { packages: object[] }).packages[0])).toEqual([
      'name',
      'version',
      'build',
      'channel',
      'url',
      'md5',
      'sha256',
      'size',
    ]);
    expect(report.pip[0]).toEqual({ line: 'rich', field: 'pip.packages.0', ok: true, status: 'ok', version: '13.9.4', problems: [], warnings: [], notes: [] });
  });

  it('is not ok when one platform fails or one pip line has a problem', async () => {
    expect((await check({ conda: { packages: ['mkl'] } })).ok).toBe(false);
    const pip = await check({ base: { platforms: ['linux/amd64'] }, pip: { packages: ['requests==2.32.0'] } });
    expect([pip.ok, pip.networkError]).toEqual([false, undefined]);
    expect(checkReport(pip).platforms['linux-64']).toMatchObject({ ok: true });
    expect(pip.pip[0].problems[0]).toMatch(/^requests 2.32.0 was yanked/);
  });

  it('keeps network failures apart from findings', async () => {
    const result = await check({ base: { platforms: ['linux/amd64'] }, pip: { packages: ['rich'] } }, await unreachableOrigin());
    expect(result.ok).toBe(false);
    expect(result.networkError).toMatch(/^cannot fetch http:\/\/127\.0\.0\.1:\d+\/pypi\/rich\/json: fetch failed$/);
    expect(result.solve.platforms['linux-64']?.ok).toBe(true);
  });
});
