import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { designSchema, type DesignInput } from '@/lib/design/schema';
import { checkDesign, checkReport } from '@/lib/solve/check';
import { lockFromCheck } from '@/lib/solve/lock';
import { loadNodeRattler } from '@/lib/solve/rattler-node';
import { startFixtureServer, type FixtureServer } from '@/lib/testing/fixture-server';
import { checkResultFromReport, lockDesign } from './check-lock';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

async function checked(input: DesignInput) {
  const design = designSchema.parse(input);
  const result = await checkDesign(design, { loadRattler: loadNodeRattler, channelUrls: server.channelUrls, fetch, pypiUrl: server.pypiUrl });
  // Through JSON, as the worker's message and the server's answer arrive.
  return { design, result, report: JSON.parse(JSON.stringify(checkReport(result))) as ReturnType<typeof checkReport> };
}

describe('lock from the page', () => {
  it('locks from the JSON report exactly as from the check itself', async () => {
    const { design, result, report } = await checked({ pip: { packages: ['rich>=13'] } });
    const direct = lockFromCheck(design, result);
    expect(direct.ok).toBe(true);
    expect(lockFromCheck(design, checkResultFromReport(report))).toEqual(direct);
    const locked = lockDesign(design, report);
    expect(locked.ok && locked.design.lock).toEqual(direct.ok && direct.lock);
    expect(locked.ok && designSchema.parse(locked.design)).toEqual(locked.ok && locked.design);
  });

  it('says why a failed check cannot be locked', async () => {
    const { design, report } = await checked({ conda: { packages: ['mkl'] } });
    const locked = lockDesign(design, report);
    expect(locked.ok).toBe(false);
    expect(!locked.ok && locked.error).toMatch(/^Lock: linux-\w+ did not solve/);
  });
});
