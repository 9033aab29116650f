import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { designSchema, type DesignInput } from '@/lib/design/schema';
import { loadNodeRattler } from '@/lib/solve/rattler-node';
import type { LoadRattler } from '@/lib/solve/rattler';
import { startFixtureServer, unreachableOrigin, type FixtureServer } from '@/lib/testing/fixture-server';
import { createCheckService, reportIssues, type CheckOutcome } from './check-service';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

const design = (input: DesignInput = {}) => designSchema.parse(input);
const mirrors = () => ({ channelUrls: server.channelUrls, pypiUrl: server.pypiUrl });
/** A solver that never answers, to fill the slots. */
const stalled: LoadRattler = async () => ({ simpleSolve: () => new Promise(() => undefined) });
const failed = (outcome: CheckOutcome) => (outcome.ok ? undefined : outcome);

describe('createCheckService', () => {
  it('checks against the mirrors and reuses the result for the same inputs until it expires', async () => {
    let time = 0;
    const service = createCheckService({ loadRattler: loadNodeRattler, fetch, now: () => time, cacheTtlMs: 1000 });
    const first = await service.check(design({ pip: { packages: ['rich'] } }), mirrors());
    expect(first.ok && first.report.ok).toBe(true);
    const requests = server.requests.length;
    // Another project name and user: the same inputs to the solve.
    const again = await service.check(design({ project: { name: 'other' }, user: { name: 'ada' }, pip: { packages: ['rich'] } }), mirrors());
    expect(again.ok && again.report).toEqual(first.ok && first.report);
    expect(server.requests.length).toBe(requests);
    time += 1000;
    await service.check(design({ pip: { packages: ['rich'] } }), mirrors());
    expect(server.requests.length).toBeGreaterThan(requests);
  });

  it('answers 502 naming the URL when a channel cannot be reached, and does not cache that', async () => {
    const service = createCheckService({ loadRattler: loadNodeRattler, fetch, now: () => 0 });
    const closed = await unreachableOrigin();
    const outcome = failed(await service.check(design(), { channelUrls: { 'conda-forge': `${closed}/conda-forge` }, pypiUrl: server.pypiUrl }));
    expect(outcome?.problem.status).toBe(502);
    expect(outcome?.problem.error).toContain(`${closed}/conda-forge/`);
    expect(service.cache.size()).toBe(0);
  });

  it('answers 503 with Retry-After when the slots and the waiting line are full', async () => {
    const service = createCheckService({ loadRattler: stalled, fetch, now: () => 0, concurrency: 1, maxWaiting: 1, timeLimitMs: 60_000 });
    void service.check(design({ conda: { packages: ['a'] } }), mirrors());
    void service.check(design({ conda: { packages: ['b'] } }), mirrors());
    const outcome = failed(await service.check(design({ conda: { packages: ['c'] } }), mirrors()));
    expect(outcome?.problem.status).toBe(503);
    expect(outcome?.headers).toEqual({ 'Retry-After': '10' });
    expect(outcome?.problem.error).toMatch(/busy .*1 running, 1 waiting/);
  });

  it('answers 504 when the check takes longer than the time limit', async () => {
    const service = createCheckService({ loadRattler: stalled, fetch, now: () => 0, timeLimitMs: 50 });
    const outcome = failed(await service.check(design(), mirrors()));
    expect(outcome?.problem.status).toBe(504);
    expect(outcome?.problem.error).toMatch(/took longer than 0.05 s/);
  });

  it('names the field of each failed platform', async () => {
    const service = createCheckService({ loadRattler: loadNodeRattler, fetch, now: () => 0 });
    const outcome = await service.check(design({ base: { platforms: ['linux/amd64', 'linux/arm64'] }, conda: { packages: ['mkl'] } }), mirrors());
    expect(outcome.ok && outcome.report.ok).toBe(false);
    if (outcome.ok) expect(reportIssues(outcome.report)).toEqual([expect.objectContaining({ path: 'conda.packages.0', message: expect.stringMatching(/^linux-aarch64: /) })]);
  });
});
