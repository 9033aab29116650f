import { describe, expect, it } from 'vitest';
import { BASE_IMAGES } from '@/lib/design/base-images';
import { APT_PACKAGE_BRINGS, BASE_IMAGE_LACKS, COMMAND_PROVIDERS } from './commands-data';
import { findMissingCommands, type CommandContext } from './commands';

const UBUNTU: CommandContext = { baseLacks: BASE_IMAGE_LACKS['ubuntu:24.04'], condaPackages: [] };
const from = (...runs: string[]) => ['FROM ubuntu:24.04', ...runs].join('\n');
const missing = (dockerfile: string, context: CommandContext = UBUNTU, postBuild?: string) =>
  findMissingCommands(dockerfile, postBuild, context).map((m) => `${m.file}:${m.line} ${m.command}`);

// Each case: a Dockerfile that calls a command nothing installs, and a near-identical twin where something does.
const CASES: Array<{ name: string; triggers: string; passes: string; expected: string[]; context?: CommandContext; passesContext?: CommandContext }> = [
  { name: 'a plain call vs an earlier apt layer', triggers: from('RUN curl -fsSLO https://example.org/a'), passes: from('RUN apt-get update && apt-get install -y --no-install-recommends curl', 'RUN curl -fsSLO https://example.org/a'), expected: ['Dockerfile:2 curl'] },
  { name: 'installed earlier in the same RUN', triggers: from('RUN wget -q https://example.org/a && apt-get install -y wget'), passes: from('RUN apt-get install -y wget=1.21* && wget -q https://example.org/a'), expected: ['Dockerfile:2 wget'] },
  { name: 'inside if/then', triggers: from('RUN if [ -n "$X" ]; then unzip -q a.zip; fi'), passes: from('RUN apt-get install -y unzip', 'RUN if [ -n "$X" ]; then unzip -q a.zip; fi'), expected: ['Dockerfile:2 unzip'] },
  { name: 'after a pipe', triggers: from('RUN echo "{}" | jq .'), passes: from('RUN apt-get install -y jq && echo "{}" | jq .'), expected: ['Dockerfile:2 jq'] },
  { name: 'inside $(…)', triggers: from('RUN echo "$(git describe --tags)" > /version'), passes: from('RUN apt-get install -y git', 'RUN echo "$(git describe --tags)" > /version'), expected: ['Dockerfile:2 git'] },
  { name: 'behind sudo and inside bash -c', triggers: from("RUN sudo bash -c 'rsync -a /a /b'"), passes: from('RUN apt-get install -y rsync', "RUN sudo bash -c 'rsync -a /a /b'"), expected: ['Dockerfile:2 rsync'] },
  { name: 'on its own line of a continued RUN', triggers: from('RUN set -eux; \\', '    mkdir /src; \\', '    git clone https://example.org/r.git /src'), passes: from('RUN apt-get install -y git && \\', '    git clone https://example.org/r.git /src'), expected: ['Dockerfile:4 git'] },
  { name: 'build-essential brings make', triggers: from('RUN apt-get install -y --no-install-recommends gcc', 'RUN make -C /src'), passes: from('RUN apt-get install -y --no-install-recommends build-essential', 'RUN make -C /src'), expected: ['Dockerfile:3 make'] },
  { name: "git's recommends bring ssh unless turned off", triggers: from('RUN apt-get install -y --no-install-recommends git', 'RUN ssh -V'), passes: from('RUN apt-get install -y git', 'RUN ssh -V'), expected: ['Dockerfile:3 ssh'] },
  { name: 'guarded by command -v', triggers: from('RUN git pull || true'), passes: from('RUN if command -v git > /dev/null; then git pull; fi'), expected: ['Dockerfile:2 git'] },
  { name: 'a path is not a PATH lookup', triggers: from('RUN curl -V'), passes: from('RUN /opt/tools/bin/curl -V'), expected: ['Dockerfile:2 curl'] },
  { name: 'a known base vs an unknown one', triggers: from('RUN wget -q https://example.org/a'), passes: from('RUN wget -q https://example.org/a'), expected: ['Dockerfile:2 wget'], passesContext: { baseLacks: undefined, condaPackages: [] } },
  {
    name: 'the conda env provides it once created',
    triggers: from('RUN git --version', 'RUN conda env create --prefix /opt/env --file /tmp/environment.yml'),
    passes: from('RUN conda env create --prefix /opt/env --file /tmp/environment.yml', 'RUN git --version'),
    expected: ['Dockerfile:2 git'],
    context: { baseLacks: UBUNTU.baseLacks, condaPackages: ['python=3.12', 'git >=2.40'] },
  },
  { name: 'conda install names it', triggers: from('RUN micromamba install --yes --prefix /opt/env jq', 'RUN unzip a.zip'), passes: from('RUN micromamba install --yes --prefix /opt/env unzip', 'RUN unzip a.zip'), expected: ['Dockerfile:3 unzip'] },
  { name: "Miniforge's base env may have xz", triggers: from('RUN xz -d a.xz'), passes: from('RUN bash /tmp/installer.sh -b -u -p /opt/conda', 'RUN xz -d a.xz'), expected: ['Dockerfile:2 xz'] },
  { name: 'a later stage inherits its base stage', triggers: 'FROM ubuntu:24.04 AS tools\nRUN apt-get install -y curl\nFROM ubuntu:24.04\nRUN curl -V', passes: 'FROM ubuntu:24.04 AS tools\nRUN apt-get install -y curl\nFROM tools\nRUN curl -V', expected: ['Dockerfile:4 curl'] },
];

describe('findMissingCommands', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(missing(c.triggers, c.context ?? UBUNTU)).toEqual(c.expected);
    expect(missing(c.passes, c.passesContext ?? c.context ?? UBUNTU)).toEqual([]);
  });

  it('reports each command once per file, at its first call', () => {
    expect(missing(from('RUN curl -V', 'RUN curl -V && wget -V'))).toEqual(['Dockerfile:2 curl', 'Dockerfile:3 wget']);
  });

  it('checks postBuild where the Dockerfile runs it, with what is installed by then', () => {
    const dockerfile = from('RUN apt-get install -y unzip', 'RUN /usr/local/bin/postBuild.sh', 'RUN apt-get install -y git');
    const postBuild = '#!/bin/bash\nset -euo pipefail\n# fetch the data\nunzip data.zip\ngit clone https://example.org/r.git';
    expect(missing(dockerfile, UBUNTU, postBuild)).toEqual(['postBuild:5 git']);
  });

  it('names the apt packages it cannot see into, so the rule can say "unless"', () => {
    const [found] = findMissingCommands(from('RUN apt-get install -y r-base-dev tini', 'RUN make'), undefined, UBUNTU);
    expect(found.unknownAptPackages).toEqual(['r-base-dev']);
  });

  // The bug of issue 7, as the micromamba preset generated it before its apt layer installed curl.
  it('finds the missing curl of the micromamba preset before the fix', () => {
    const before = [
      'ARG BASE_IMAGE=ubuntu:24.04',
      'FROM ${BASE_IMAGE}',
      'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
      'ARG DEBIAN_FRONTEND=noninteractive',
      'RUN apt-get update && \\',
      '    apt-get install --yes --no-install-recommends ca-certificates tini && \\',
      '    rm -rf /var/lib/apt/lists/*',
      'ARG TARGETARCH',
      'RUN case "${TARGETARCH:-$(dpkg --print-architecture)}" in amd64) url=https://example.org/micromamba-linux-64; sha256=00 ;; *) exit 1 ;; esac && \\',
      `    curl --fail --silent --show-error --location --proto '=https' --output /usr/local/bin/micromamba "\${url}" && \\`,
      '    echo "${sha256}  /usr/local/bin/micromamba" | sha256sum --check --strict - && \\',
      '    chmod 0755 /usr/local/bin/micromamba',
    ].join('\n');
    expect(missing(before)).toEqual(['Dockerfile:10 curl']);
  });
});

describe('the knowledge tables', () => {
  const debianPackages = new Set(Object.values(COMMAND_PROVIDERS).map((p) => p.debian));

  it('say for every base image Condocker knows which packages it lacks', () => {
    expect(BASE_IMAGES.map((b) => b.image).filter((image) => !BASE_IMAGE_LACKS[image])).toEqual([]);
    expect(Object.keys(BASE_IMAGE_LACKS).filter((image) => !BASE_IMAGES.some((b) => b.image === image))).toEqual([]);
  });

  it('name only packages that provide a known command', () => {
    const lacked = Object.values(BASE_IMAGE_LACKS).flat();
    const brought = Object.values(APT_PACKAGE_BRINGS).flatMap((b) => [...b.depends, ...(b.recommends ?? [])]);
    expect([...lacked, ...brought].filter((pkg) => !debianPackages.has(pkg))).toEqual([]);
  });

  it('keep the facts every official Ubuntu and Debian image shares: no curl, wget, git or unzip', () => {
    for (const [image, lacks] of Object.entries(BASE_IMAGE_LACKS)) expect(lacks, image).toEqual(expect.arrayContaining(['curl', 'wget', 'git', 'unzip']));
  });
});
