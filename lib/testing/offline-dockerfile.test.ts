import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESETS } from '@/lib/design/presets';
import { designSchema } from '@/lib/design/schema';
import { generateFiles } from '@/lib/generators';
import { startFixtureServer, type FixtureServer } from './fixture-server';
import { LOCKED_VARIANTS, lockedVariantDesign } from './locked-designs';
import { cutNetworkRuns } from './offline-dockerfile';

const dockerfileOf = (id: string) =>
  generateFiles(PRESETS.find((preset) => preset.id === id)!.design).find((file) => file.path === 'Dockerfile')!.content;

describe('cutNetworkRuns', () => {
  it('removes whole RUN instructions that download, continuation lines and cache mounts included', () => {
    const input = [
      '# syntax=docker/dockerfile:1',
      'FROM debian:12',
      '# Download the tool.',
      'RUN --mount=type=cache,target=/root/.cache \\',
      '    curl -fsSL https://example.org/tool -o /usr/local/bin/tool && \\',
      '    chmod +x /usr/local/bin/tool',
      'RUN apt-get update && apt-get install --yes git',
      'RUN echo ". /opt/conda/etc/profile.d/conda.sh" >> ~/.profile',
      'RUN CONDA_OVERRIDE_CUDA=12.6 "${CONDA_DIR}/bin/conda" env create --file /tmp/environment.yml',
      'RUN if true; then python -m pip install x; fi',
      'RUN /usr/local/bin/postBuild.sh',
      'CMD ["bash"]',
      '',
    ].join('\n');
    const { text, cut } = cutNetworkRuns(input);
    expect(cut).toEqual([
      { startLine: 4, endLine: 6, programs: ['curl'] },
      { startLine: 9, endLine: 9, programs: ['conda'] },
      { startLine: 10, endLine: 10, programs: ['pip'] },
      { startLine: 11, endLine: 11, programs: ['postBuild.sh'] },
    ]);
    // `python -m pip` is pip (the project install runs it); a Debian mirror is reachable, so apt-get stays; comments stay.
    expect(text).toBe(
      ['# syntax=docker/dockerfile:1', 'FROM debian:12', '# Download the tool.', 'RUN apt-get update && apt-get install --yes git',
        'RUN echo ". /opt/conda/etc/profile.d/conda.sh" >> ~/.profile', 'CMD ["bash"]', ''].join('\n'),
    );
  });

  it('leaves a Dockerfile without network RUNs byte for byte', () => {
    const input = 'FROM x\r\nRUN apt-get update\r\nUSER 1000\r\n';
    expect(cutNetworkRuns(input)).toEqual({ text: input, cut: [] });
  });

  // Pinned per preset: a change in what gets cut is a change in what the real-build tier proves.
  it.each([
    ['data-science', [['curl', 'conda'], ['conda']]],
    ['minimal-python', [['curl', 'conda'], ['conda']]],
    ['pytorch-gpu', [['curl', 'conda'], ['conda']]],
    ['r-and-python', [['curl', 'conda'], ['conda']]],
    ['micromamba', [['curl'], ['micromamba']]],
    ['recipe-2020', [['wget'], ['conda'], ['conda'], ['conda', 'postBuild.sh']]],
  ])('%s: cuts exactly the installer and environment RUNs', (id, programs) => {
    const dockerfile = dockerfileOf(id);
    const { text, cut } = cutNetworkRuns(dockerfile);
    expect(cut.map((run) => run.programs)).toEqual(programs);
    // Every other byte identical: the kept lines are the original lines minus the cut ranges, in order.
    const lines = dockerfile.split('\n');
    const kept = lines.filter((_, index) => !cut.some((run) => index + 1 >= run.startLine && index + 1 <= run.endLine));
    expect(text).toBe(kept.join('\n'));
    for (const run of cut) expect(lines[run.startLine - 1]).toMatch(/^RUN /);
    expect(cutNetworkRuns(text).cut).toEqual([]);
  });
});

describe('cutNetworkRuns on designs that install the project itself', () => {
  const withInstall = (id: string, editable: boolean) => {
    const preset = PRESETS.find((candidate) => candidate.id === id)!.design;
    return generateFiles(designSchema.parse({ ...preset, project: { ...preset.project, install: { enabled: true, editable, extras: ['dev'] } } })).find((file) => file.path === 'Dockerfile')!.content;
  };

  // The project install (`python -m pip install --no-deps …`) needs PyPI for the build backend: cut, its COPY kept.
  it.each([
    ['data-science', true, [['curl', 'conda'], ['conda'], ['pip']]],
    ['micromamba', false, [['curl'], ['micromamba'], ['pip']]],
    ['recipe-2020', true, [['wget'], ['conda'], ['conda'], ['conda', 'postBuild.sh'], ['pip']]],
  ] as const)('%s (editable: %s): cuts the project-install RUN and keeps the COPY of the source', (id, editable, programs) => {
    const dockerfile = withInstall(id, editable);
    const { text, cut } = cutNetworkRuns(dockerfile);
    expect(cut.map((run) => run.programs)).toEqual(programs);
    const lines = dockerfile.split('\n');
    expect(lines[cut.at(-1)!.startLine - 1]).toMatch(/^RUN /);
    expect(lines.slice(cut.at(-1)!.startLine - 1, cut.at(-1)!.endLine).join('\n')).toMatch(/python -m pip install( --no-cache-dir)? --no-deps/);
    expect(text).toMatch(/^COPY --chown=\S+ \. \S+\/$/m);
    expect(text).not.toMatch(/pip install/);
  });
});

describe('cutNetworkRuns on locked designs', () => {
  let server: FixtureServer;
  const dockerfiles = new Map<string, string>();
  beforeAll(async () => {
    server = await startFixtureServer();
    for (const variant of LOCKED_VARIANTS)
      dockerfiles.set(variant.id, generateFiles(await lockedVariantDesign(variant, server)).find((file) => file.path === 'Dockerfile')!.content);
  });
  afterAll(() => server.close());

  // The lock install runs conda or micromamba (and pip through the env's python in the same RUN): cut whole.
  it.each([
    ['data-science-locked', [['curl', 'conda'], ['conda', 'pip']]],
    ['micromamba-locked', [['curl'], ['micromamba']]],
    ['pytorch-gpu-locked', [['curl', 'conda'], ['conda']]],
    ['recipe-2020-locked', [['wget'], ['conda'], ['conda', 'pip'], ['conda', 'postBuild.sh']]],
  ])('%s: cuts the installer and the lock-install RUN', (id, programs) => {
    const dockerfile = dockerfiles.get(id)!;
    const { text, cut } = cutNetworkRuns(dockerfile);
    expect(cut.map((run) => run.programs)).toEqual(programs);
    const lines = dockerfile.split('\n');
    const lockRun = cut.find((run) => lines.slice(run.startLine - 1, run.endLine).join('\n').includes('.lock"'));
    expect(lockRun).toBeDefined();
    expect(text).not.toContain('create --yes');
    expect(cutNetworkRuns(text).cut).toEqual([]);
  });
});
