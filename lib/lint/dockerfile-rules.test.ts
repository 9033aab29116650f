import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOCKERFILE_RULES, hadolintCommandCount, lintDockerfile, pipNoCacheDir } from './dockerfile-rules';
import { readDockerfile } from './dockerfile-rules-model';
import type { Severity } from './types';

const dockerfile = (...lines: string[]) => `${lines.join('\n')}\n`;
const linesOf = (text: string, rule: string) => lintDockerfile(text).filter((f) => f.rule === rule);

// For every rule: a Dockerfile that triggers it (at exactly `lines`, with `severity`) and a near-identical one that
// does not. Several rows per rule pin down the edges of hadolint's semantics.
const RULE_CASES: Array<{ rule: string; severity: Severity; name: string; bad: string; lines: number[]; good: string }> = [
  // DL3002: the last USER of a stage
  { rule: 'DL3002', severity: 'warning', name: 'last USER is root', bad: dockerfile('FROM ubuntu:24.04', 'USER 1000', 'RUN make', 'USER root'), lines: [4], good: dockerfile('FROM ubuntu:24.04', 'USER root', 'RUN make', 'USER 1000') },
  { rule: 'DL3002', severity: 'warning', name: 'UID 0 with a group', bad: dockerfile('FROM ubuntu:24.04', 'USER 0:0'), lines: [2], good: dockerfile('FROM ubuntu:24.04', 'USER ${NB_UID}:0') },
  {
    rule: 'DL3002', severity: 'warning', name: 'every stage counts, as in hadolint',
    bad: dockerfile('FROM ubuntu:24.04 AS build', 'USER root', 'FROM ubuntu:24.04', 'USER app'), lines: [2],
    good: dockerfile('FROM ubuntu:24.04 AS build', 'RUN make', 'FROM ubuntu:24.04', 'USER app'),
  },
  // DL3004: sudo as a program (not as a package name)
  { rule: 'DL3004', severity: 'error', name: 'sudo in RUN', bad: dockerfile('FROM ubuntu:24.04', 'RUN sudo make install'), lines: [2], good: dockerfile('FROM ubuntu:24.04', 'RUN make install') },
  { rule: 'DL3004', severity: 'error', name: 'sudo inside if', bad: dockerfile('FROM ubuntu:24.04', 'RUN if [ -d x ]; then sudo -u app make; fi'), lines: [2], good: dockerfile('FROM ubuntu:24.04', 'RUN if [ -d x ]; then make; fi') },
  { rule: 'DL3004', severity: 'error', name: 'ONBUILD RUN, as in hadolint', bad: dockerfile('FROM ubuntu:24.04', 'ONBUILD RUN sudo make install'), lines: [2], good: dockerfile('FROM ubuntu:24.04', 'ONBUILD RUN make install') },
  { rule: 'DL3004', severity: 'error', name: 'installing the sudo package is fine', bad: dockerfile('FROM ubuntu:24.04', 'RUN sudo apt-get install -y sudo'), lines: [2], good: dockerfile('FROM ubuntu:24.04', 'RUN apt-get install -y sudo') },
  // DL3006: FROM without a tag
  { rule: 'DL3006', severity: 'warning', name: 'image without tag', bad: dockerfile('FROM ubuntu', 'RUN true'), lines: [1], good: dockerfile('FROM ubuntu:24.04', 'RUN true') },
  { rule: 'DL3006', severity: 'warning', name: 'registry port is not a tag', bad: dockerfile('FROM localhost:5000/team/app'), lines: [1], good: dockerfile('FROM localhost:5000/team/app:1.2') },
  { rule: 'DL3006', severity: 'warning', name: 'a variable may carry the tag', bad: dockerfile('ARG BASE_IMAGE=ubuntu:24.04', 'FROM ubuntu'), lines: [2], good: dockerfile('ARG BASE_IMAGE=ubuntu:24.04', 'FROM ${BASE_IMAGE}') },
  { rule: 'DL3006', severity: 'warning', name: 'a stage name needs no tag', bad: dockerfile('FROM python:3.12 AS base', 'FROM bas'), lines: [2], good: dockerfile('FROM python:3.12 AS base', 'FROM base') },
  { rule: 'DL3006', severity: 'warning', name: 'scratch and digests are pinned', bad: dockerfile('FROM scratch', 'FROM busybox'), lines: [2], good: dockerfile('FROM scratch', 'FROM busybox@sha256:0123abcd') },
  // DL3007: the latest tag
  { rule: 'DL3007', severity: 'warning', name: 'latest tag', bad: dockerfile('FROM python:latest AS build'), lines: [1], good: dockerfile('FROM python:3.12 AS build') },
  { rule: 'DL3007', severity: 'warning', name: 'a digest pins latest, as for DL3006', bad: dockerfile('FROM python:latest'), lines: [1], good: dockerfile('FROM python:latest@sha256:0123abcd') },
  { rule: 'DL3007', severity: 'warning', name: 'latest in a later stage', bad: dockerfile('FROM python:3.12 AS build', 'FROM debian:latest'), lines: [2], good: dockerfile('FROM python:3.12 AS build', 'FROM debian:bookworm') },
  // DL3008: apt-get install without pins (info in Condocker)
  {
    rule: 'DL3008', severity: 'info', name: 'unpinned apt package',
    bad: dockerfile('FROM ubuntu:24.04', 'RUN apt-get install -y --no-install-recommends curl'), lines: [2],
    good: dockerfile('FROM ubuntu:24.04', 'RUN apt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10'),
  },
  {
    rule: 'DL3008', severity: 'info', name: 'release pins, .deb files and -t values count as pinned',
    bad: dockerfile('FROM debian:12', 'RUN apt-get install -y -t bookworm-backports git ./tool.deb'), lines: [2],
    good: dockerfile('FROM debian:12', 'RUN apt-get install -y -t bookworm-backports git/bookworm-backports ./tool.deb'),
  },
  {
    rule: 'DL3008', severity: 'info', name: 'ONBUILD RUN, as in hadolint',
    bad: dockerfile('FROM ubuntu:24.04', 'ONBUILD RUN apt-get install -y --no-install-recommends git'), lines: [2],
    good: dockerfile('FROM ubuntu:24.04', 'ONBUILD RUN apt-get install -y --no-install-recommends git=1:2.43.0-1ubuntu7'),
  },
  // DL3009: apt lists left behind, where the stage ends up in an image
  {
    rule: 'DL3009', severity: 'info', name: 'lists not removed',
    bad: dockerfile('FROM ubuntu:24.04', 'RUN apt-get update && apt-get install -y --no-install-recommends curl'), lines: [2],
    good: dockerfile('FROM ubuntu:24.04', 'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*'),
  },
  {
    rule: 'DL3009', severity: 'info', name: 'removing in a later RUN is too late',
    bad: dockerfile('FROM ubuntu:24.04', 'RUN apt-get update', 'RUN rm -rf /var/lib/apt/lists/*'), lines: [2],
    good: dockerfile('FROM ubuntu:24.04', 'RUN apt-get update && \\', '    rm -rf /var/lib/apt/lists/*'),
  },
  {
    rule: 'DL3009', severity: 'info', name: 'a cache mount keeps the lists out of the image',
    bad: dockerfile('FROM ubuntu:24.04', 'RUN --mount=type=cache,target=/var/cache/apt apt-get update'), lines: [2],
    good: dockerfile('FROM ubuntu:24.04', 'RUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update'),
  },
  {
    rule: 'DL3009', severity: 'info', name: 'a tmpfs mount counts like a cache mount',
    bad: dockerfile('FROM ubuntu:24.04', 'RUN --mount=type=tmpfs,target=/tmp apt-get update'), lines: [2],
    good: dockerfile('FROM ubuntu:24.04', 'RUN --mount=type=tmpfs,target=/var/lib/apt/lists/ apt-get update'),
  },
  {
    rule: 'DL3009', severity: 'info', name: 'mounts on /var/lib/apt need one on /var/cache/apt beside them',
    bad: dockerfile('FROM ubuntu:24.04', 'RUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update'), lines: [2],
    good: dockerfile('FROM ubuntu:24.04', 'RUN --mount=type=cache,target=/var/lib/apt,sharing=locked --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update'),
  },
  {
    rule: 'DL3009', severity: 'info', name: 'a mount must be at the lists, not merely name them',
    bad: dockerfile('FROM ubuntu:24.04', 'RUN --mount=type=cache,target=/srv/var/lib/apt/lists apt-get update'), lines: [2],
    good: dockerfile('FROM ubuntu:24.04', 'RUN --mount=type=cache,dst=/var/lib/apt/lists apt-get update'),
  },
  {
    rule: 'DL3009', severity: 'info', name: 'apt update and aptitude update fetch the lists too',
    bad: dockerfile('FROM debian:12', 'RUN apt update', 'RUN aptitude -q update'), lines: [2, 3],
    good: dockerfile('FROM debian:12', 'RUN apt update && rm -rf /var/lib/apt/lists/*', 'RUN aptitude -q update && rm -r /var/lib/apt/lists'),
  },
  {
    rule: 'DL3009', severity: 'info', name: 'other apt subcommands do not',
    bad: dockerfile('FROM debian:12', 'RUN apt-get -q update'), lines: [2],
    good: dockerfile('FROM debian:12', 'RUN apt-get -q upgrade && apt list --upgradable && aptitude search update'),
  },
  {
    rule: 'DL3009', severity: 'info', name: 'ONBUILD RUN is always reported, it runs in the image built on this one',
    bad: dockerfile('FROM ubuntu:24.04 AS build', 'ONBUILD RUN apt-get update', 'FROM ubuntu:24.04'), lines: [2],
    good: dockerfile('FROM ubuntu:24.04 AS build', 'ONBUILD RUN apt-get update && rm -rf /var/lib/apt/lists/*', 'FROM ubuntu:24.04'),
  },
  {
    rule: 'DL3009', severity: 'info', name: 'a stage only copied from is not reported, one built on is',
    bad: dockerfile('FROM ubuntu:24.04 AS build', 'RUN apt-get update', 'FROM build', 'COPY --from=build /out /out'), lines: [2],
    good: dockerfile('FROM ubuntu:24.04 AS build', 'RUN apt-get update', 'FROM ubuntu:24.04', 'COPY --from=build /out /out'),
  },
  // DL3015: recommends
  { rule: 'DL3015', severity: 'info', name: 'without --no-install-recommends', bad: dockerfile('FROM ubuntu:24.04', 'RUN apt-get -y install git'), lines: [2], good: dockerfile('FROM ubuntu:24.04', 'RUN apt-get -y install --no-install-recommends git') },
  { rule: 'DL3015', severity: 'info', name: 'the apt option counts too', bad: dockerfile('FROM ubuntu:24.04', 'RUN apt-get -o APT::Get::Assume-Yes=true install git'), lines: [2], good: dockerfile('FROM ubuntu:24.04', 'RUN apt-get -o APT::Install-Recommends=false install git') },
  { rule: 'DL3015', severity: 'info', name: 'ONBUILD RUN, as in hadolint', bad: dockerfile('FROM ubuntu:24.04', 'ONBUILD RUN apt-get -y install git'), lines: [2], good: dockerfile('FROM ubuntu:24.04', 'ONBUILD RUN apt-get -y install --no-install-recommends git') },
  // DL3020: ADD for local files
  { rule: 'DL3020', severity: 'error', name: 'ADD of the build context', bad: dockerfile('FROM python:3.12', 'ADD . /app'), lines: [2], good: dockerfile('FROM python:3.12', 'COPY . /app') },
  { rule: 'DL3020', severity: 'error', name: 'ADD of URLs and archives is what ADD is for', bad: dockerfile('FROM python:3.12', 'ADD https://example.org/a.tar.gz app.zip /opt/'), lines: [2], good: dockerfile('FROM python:3.12', 'ADD https://example.org/a.tar.gz app.tgz /opt/') },
  { rule: 'DL3020', severity: 'error', name: 'exec form', bad: dockerfile('FROM python:3.12', 'ADD ["my dir", "/app/"]'), lines: [2], good: dockerfile('FROM python:3.12', 'COPY ["my dir", "/app/"]') },
  // DL3025: CMD / ENTRYPOINT in JSON form
  { rule: 'DL3025', severity: 'warning', name: 'shell-form CMD', bad: dockerfile('FROM python:3.12', 'CMD python app.py'), lines: [2], good: dockerfile('FROM python:3.12', 'CMD ["python", "app.py"]') },
  { rule: 'DL3025', severity: 'warning', name: 'single quotes are not JSON', bad: dockerfile('FROM python:3.12', "ENTRYPOINT ['tini', '--']"), lines: [2], good: dockerfile('FROM python:3.12', 'ENTRYPOINT ["tini", "--"]') },
  {
    rule: 'DL3025', severity: 'warning', name: 'a shell-form HEALTHCHECK is left alone on purpose (hadolint reports it)',
    bad: dockerfile('FROM python:3.12', 'HEALTHCHECK CMD ["curl", "-f", "http://localhost:8888/"]', 'CMD jupyter lab'), lines: [3],
    good: dockerfile('FROM python:3.12', 'HEALTHCHECK --interval=30s CMD curl -f http://localhost:8888/ || exit 1', 'CMD ["jupyter", "lab"]'),
  },
  // DL3042: pip's cache
  { rule: 'DL3042', severity: 'warning', name: 'pip install without --no-cache-dir', bad: dockerfile('FROM python:3.12', 'RUN pip install requests'), lines: [2], good: dockerfile('FROM python:3.12', 'RUN pip install --no-cache-dir requests') },
  { rule: 'DL3042', severity: 'warning', name: 'python -m pip', bad: dockerfile('FROM python:3.12', 'RUN python3 -m pip install -r requirements.txt'), lines: [2], good: dockerfile('FROM python:3.12', 'RUN python3 -m pip install --no-cache-dir -r requirements.txt') },
  { rule: 'DL3042', severity: 'warning', name: 'ENV PIP_NO_CACHE_DIR', bad: dockerfile('FROM python:3.12', 'ENV PIP_NO_CACHE=1', 'RUN pip install x'), lines: [3], good: dockerfile('FROM python:3.12', 'ENV PIP_NO_CACHE_DIR=1', 'RUN pip install x') },
  { rule: 'DL3042', severity: 'warning', name: 'ARG PIP_NO_CACHE_DIR', bad: dockerfile('ARG PIP_NO_CACHE_DIR=1', 'FROM python:3.12', 'RUN pip install x'), lines: [3], good: dockerfile('ARG PIP_NO_CACHE_DIR=1', 'FROM python:3.12', 'ARG PIP_NO_CACHE_DIR', 'RUN pip install x') },
  { rule: 'DL3042', severity: 'warning', name: 'set on the command', bad: dockerfile('FROM python:3.12', 'RUN PIP_NO_CACHE_DIR=1; pip install x'), lines: [2], good: dockerfile('FROM python:3.12', 'RUN PIP_NO_CACHE_DIR=1 pip install x') },
  { rule: 'DL3042', severity: 'warning', name: 'a pip cache mount', bad: dockerfile('FROM python:3.12', 'RUN --mount=type=cache,target=/tmp pip install x'), lines: [2], good: dockerfile('FROM python:3.12', 'RUN --mount=type=cache,target=/root/.cache/pip pip install x') },
  { rule: 'DL3042', severity: 'warning', name: 'a tmpfs mount on the pip cache', bad: dockerfile('FROM python:3.12', 'RUN --mount=type=tmpfs,target=/tmp pip install x'), lines: [2], good: dockerfile('FROM python:3.12', 'RUN --mount=type=tmpfs,target=/root/.cache/pip/ pip install x') },
  {
    rule: 'DL3042', severity: 'warning', name: 'a mount on ~/.cache holds pip\'s cache too (hadolint wants .cache/pip)',
    bad: dockerfile('FROM python:3.12', 'RUN --mount=type=cache,target=/home/app/.cache/uv,uid=1000 pip install x'), lines: [2],
    good: dockerfile('FROM python:3.12', 'RUN --mount=type=cache,target=/home/app/.cache,uid=1000 pip install x'),
  },
  {
    rule: 'DL3042', severity: 'warning', name: 'PIP_NO_CACHE_DIR=false disables the cache as pip reads it (hadolint wants a true value)',
    bad: dockerfile('FROM python:3.12', 'ENV PIP_NO_CACHE_DIR=""', 'RUN pip install x'), lines: [3],
    good: dockerfile('FROM python:3.12', 'ENV PIP_NO_CACHE_DIR=false', 'RUN pip install x'),
  },
  {
    rule: 'DL3042', severity: 'warning', name: 'a later ENV replaces the value, and 0 or off count as in pip',
    bad: dockerfile('FROM python:3.12', 'ENV PIP_NO_CACHE_DIR=1', 'ENV PIP_NO_CACHE_DIR=', 'RUN pip install x'), lines: [4],
    good: dockerfile('FROM python:3.12', 'ENV PIP_NO_CACHE_DIR=', 'ENV PIP_NO_CACHE_DIR=0', 'RUN export PIP_NO_CACHE_DIR=Off && pip install x'),
  },
  { rule: 'DL3042', severity: 'warning', name: 'a value pip rejects', bad: dockerfile('FROM python:3.12', 'ENV PIP_NO_CACHE_DIR=always', 'RUN pip install x'), lines: [3], good: dockerfile('FROM python:3.12', 'ENV PIP_NO_CACHE_DIR=YES', 'RUN pip install x') },
  {
    rule: 'DL3042', severity: 'warning', name: 'ONBUILD RUN sees the last ENV of the stage (hadolint reads only ONBUILD lines)',
    bad: dockerfile('FROM python:3.12', 'ONBUILD RUN pip install x', 'ENV PIP_NO_CACHE_DIR=1', 'ENV PIP_NO_CACHE_DIR='), lines: [2],
    good: dockerfile('FROM python:3.12', 'ONBUILD RUN pip install x', 'ENV PIP_NO_CACHE_DIR=1'),
  },
  {
    rule: 'DL3042', severity: 'warning', name: 'ONBUILD RUN sees an earlier ONBUILD ENV, not ARG',
    bad: dockerfile('FROM python:3.12', 'ARG PIP_NO_CACHE_DIR=1', 'ONBUILD RUN pip install x', 'ONBUILD ENV PIP_NO_CACHE_DIR=1'), lines: [3],
    good: dockerfile('FROM python:3.12', 'ONBUILD ENV PIP_NO_CACHE_DIR=1', 'ONBUILD RUN pip install x'),
  },
  {
    rule: 'DL3042', severity: 'warning', name: 'ENV is inherited by stages built on the stage',
    bad: dockerfile('FROM python:3.12 AS base', 'ENV PIP_NO_CACHE_DIR=1', 'FROM python:3.12', 'RUN pip install x'), lines: [4],
    good: dockerfile('FROM python:3.12 AS base', 'ENV PIP_NO_CACHE_DIR=1', 'FROM base', 'RUN pip install x'),
  },
  { rule: 'DL3042', severity: 'warning', name: 'pip behind sudo, not pipx', bad: dockerfile('FROM python:3.12', 'RUN sudo pip3 install x'), lines: [2], good: dockerfile('FROM python:3.12', 'RUN sudo pipx install x') },
  // DL3046: useradd with a large UID and no -l
  { rule: 'DL3046', severity: 'warning', name: 'high UID', bad: dockerfile('FROM ubuntu:24.04', 'RUN useradd -m -u 123456 app'), lines: [2], good: dockerfile('FROM ubuntu:24.04', 'RUN useradd -l -m -u 123456 app') },
  { rule: 'DL3046', severity: 'warning', name: 'a UID from a variable may be high', bad: dockerfile('FROM ubuntu:24.04', 'RUN useradd --uid "${NB_UID}" app'), lines: [2], good: dockerfile('FROM ubuntu:24.04', 'RUN useradd --no-log-init --uid "${NB_UID}" app') },
  { rule: 'DL3046', severity: 'warning', name: 'a low literal UID is harmless', bad: dockerfile('FROM ubuntu:24.04', 'RUN useradd -u 100000 app'), lines: [2], good: dockerfile('FROM ubuntu:24.04', 'RUN useradd -u 1000 app') },
  { rule: 'DL3046', severity: 'warning', name: 'ONBUILD RUN, as in hadolint', bad: dockerfile('FROM ubuntu:24.04', 'ONBUILD RUN useradd -u 123456 app'), lines: [2], good: dockerfile('FROM ubuntu:24.04', 'ONBUILD RUN useradd -l -u 123456 app') },
  // DL3047: wget's progress output
  { rule: 'DL3047', severity: 'info', name: 'wget without progress', bad: dockerfile('FROM ubuntu:24.04', 'RUN wget https://example.org/big.tar'), lines: [2], good: dockerfile('FROM ubuntu:24.04', 'RUN wget --progress=dot:giga https://example.org/big.tar') },
  { rule: 'DL3047', severity: 'info', name: 'quiet forms', bad: dockerfile('FROM ubuntu:24.04', 'RUN wget -O- https://x | tar x'), lines: [2], good: dockerfile('FROM ubuntu:24.04', 'RUN wget -qO- https://x | tar x && wget -nv https://y') },
  { rule: 'DL3047', severity: 'info', name: 'ONBUILD RUN, as in hadolint', bad: dockerfile('FROM ubuntu:24.04', 'ONBUILD RUN wget https://x'), lines: [2], good: dockerfile('FROM ubuntu:24.04', 'ONBUILD RUN wget -nv https://x') },
  // DL3059: consecutive RUNs
  { rule: 'DL3059', severity: 'info', name: 'two short RUNs in a row', bad: dockerfile('FROM ubuntu:24.04', 'RUN mkdir /a', 'RUN mkdir /b'), lines: [3], good: dockerfile('FROM ubuntu:24.04', 'RUN mkdir /a && mkdir /b') },
  { rule: 'DL3059', severity: 'info', name: 'a comment does not separate them, an instruction does', bad: dockerfile('FROM ubuntu:24.04', 'RUN mkdir /a', '# b', 'RUN mkdir /b'), lines: [4], good: dockerfile('FROM ubuntu:24.04', 'RUN mkdir /a', 'WORKDIR /a', 'RUN mkdir /b') },
  { rule: 'DL3059', severity: 'info', name: 'a RUN of two commands is deliberate (hadolint counts each twice)', bad: dockerfile('FROM ubuntu:24.04', 'RUN cd /src', 'RUN make'), lines: [3], good: dockerfile('FROM ubuntu:24.04', 'RUN cd /src && make', 'RUN make install') },
  { rule: 'DL3059', severity: 'info', name: 'on either side, and ; counts like &&', bad: dockerfile('FROM ubuntu:24.04', 'RUN make', 'RUN make install'), lines: [3], good: dockerfile('FROM ubuntu:24.04', 'RUN make', 'RUN make install; make clean') },
  { rule: 'DL3059', severity: 'info', name: 'a pipe or a $(…) is a second command', bad: dockerfile('FROM ubuntu:24.04', 'RUN echo hi', 'RUN tar xf a.tar'), lines: [3], good: dockerfile('FROM ubuntu:24.04', 'RUN curl -fsSL https://x | tar x', 'RUN echo "$(date)"') },
  {
    rule: 'DL3059', severity: 'info', name: 'tests, bare assignments, variable program names and commands inside bash -c or behind sudo are not counted',
    bad: dockerfile('FROM ubuntu:24.04', 'RUN [ -f x ] && make', 'RUN X=1; "$TOOL" build', 'RUN sudo apt-get update', "RUN bash -c 'a && b'"), lines: [3, 4, 5],
    good: dockerfile('FROM ubuntu:24.04', 'RUN test -f x && make', 'RUN X=1; tool build'),
  },
  { rule: 'DL3059', severity: 'info', name: 'the order of mount options does not matter', bad: dockerfile('FROM ubuntu:24.04', 'RUN --mount=type=cache,target=/x a', 'RUN --mount=target=/x,type=cache b'), lines: [3], good: dockerfile('FROM ubuntu:24.04', 'RUN --mount=type=cache,target=/x a', 'RUN --mount=type=cache,target=/y b') },
  { rule: 'DL3059', severity: 'info', name: 'an ONBUILD RUN is not a RUN and separates them', bad: dockerfile('FROM ubuntu:24.04', 'RUN a', 'RUN b'), lines: [3], good: dockerfile('FROM ubuntu:24.04', 'RUN a', 'ONBUILD RUN b', 'RUN c') },
  { rule: 'DL3059', severity: 'info', name: 'different mounts are deliberate', bad: dockerfile('FROM ubuntu:24.04', 'RUN --mount=type=cache,target=/x a', 'RUN --mount=type=cache,target=/x b'), lines: [3], good: dockerfile('FROM ubuntu:24.04', 'RUN --mount=type=cache,target=/x a', 'RUN b') },
  { rule: 'DL3059', severity: 'info', name: 'each further RUN counts', bad: dockerfile('FROM ubuntu:24.04', 'RUN a', 'RUN b', 'RUN c'), lines: [3, 4], good: dockerfile('FROM ubuntu:24.04', 'RUN a && b && c') },
  // DL4003 / DL4004: repeated CMD / ENTRYPOINT in a stage
  { rule: 'DL4003', severity: 'warning', name: 'two CMDs', bad: dockerfile('FROM python:3.12', 'CMD ["a"]', 'CMD ["b"]'), lines: [3], good: dockerfile('FROM python:3.12 AS a', 'CMD ["a"]', 'FROM python:3.12', 'CMD ["b"]') },
  { rule: 'DL4004', severity: 'error', name: 'two ENTRYPOINTs', bad: dockerfile('FROM python:3.12', 'ENTRYPOINT ["a"]', 'ENTRYPOINT ["b"]'), lines: [3], good: dockerfile('FROM python:3.12 AS a', 'ENTRYPOINT ["a"]', 'FROM python:3.12', 'ENTRYPOINT ["b"]') },
  // DL4006: pipes without pipefail
  { rule: 'DL4006', severity: 'warning', name: 'a pipe under /bin/sh', bad: dockerfile('FROM ubuntu:24.04', 'RUN curl -fsSL https://x | bash'), lines: [2], good: dockerfile('FROM ubuntu:24.04', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'RUN curl -fsSL https://x | bash') },
  {
    rule: 'DL4006', severity: 'warning', name: 'a later SHELL fixes only the RUNs after it',
    bad: dockerfile('FROM ubuntu:24.04', 'RUN a | b', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'RUN c | d'), lines: [2],
    good: dockerfile('FROM ubuntu:24.04', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'RUN a | b', 'RUN c | d'),
  },
  { rule: 'DL4006', severity: 'warning', name: 'set -o pipefail before the pipe', bad: dockerfile('FROM ubuntu:24.04', 'RUN a | b && set -o pipefail'), lines: [2], good: dockerfile('FROM ubuntu:24.04', 'RUN set -eo pipefail && a | b') },
  { rule: 'DL4006', severity: 'warning', name: 'a SHELL without pipefail resets it', bad: dockerfile('FROM ubuntu:24.04', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'SHELL ["/bin/bash", "-c"]', 'RUN a | b'), lines: [4], good: dockerfile('FROM ubuntu:24.04', 'SHELL ["/bin/bash", "-c"]', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'RUN a | b') },
  {
    rule: 'DL4006', severity: 'warning', name: 'SHELL carries over to stages built on the stage only',
    bad: dockerfile('FROM ubuntu:24.04 AS base', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'FROM ubuntu:24.04', 'RUN a | b'), lines: [4],
    good: dockerfile('FROM ubuntu:24.04 AS base', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'FROM base', 'RUN a | b'),
  },
  { rule: 'DL4006', severity: 'warning', name: 'exec form names its own shell options', bad: dockerfile('FROM ubuntu:24.04', 'RUN ["bash", "-c", "a | b"]'), lines: [2], good: dockerfile('FROM ubuntu:24.04', 'RUN ["bash", "-o", "pipefail", "-c", "a | b"]') },
  { rule: 'DL4006', severity: 'warning', name: 'a RUN <<EOF script', bad: dockerfile('FROM ubuntu:24.04', 'RUN <<EOF', 'set -e', 'a | b', 'EOF'), lines: [2], good: dockerfile('FROM ubuntu:24.04', 'RUN <<EOF', 'set -euo pipefail', 'a | b', 'EOF') },
  { rule: 'DL4006', severity: 'warning', name: 'a pipe in $(…) counts, one in quotes does not', bad: dockerfile('FROM ubuntu:24.04', 'RUN echo "$(a | b)"'), lines: [2], good: dockerfile('FROM ubuntu:24.04', "RUN echo 'a | b'") },
  { rule: 'DL4006', severity: 'warning', name: 'ONBUILD RUN is left to the build that runs it, as in hadolint (its SHELL is unknown here)', bad: dockerfile('FROM ubuntu:24.04', 'RUN a | b'), lines: [2], good: dockerfile('FROM ubuntu:24.04', 'ONBUILD RUN a | b') },
  { rule: 'DL4006', severity: 'warning', name: 'PowerShell has no pipefail to set', bad: dockerfile('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN a | b'), lines: [2], good: dockerfile('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'SHELL ["powershell", "-Command"]', 'RUN a | b') },
];

describe('DOCKERFILE_RULES', () => {
  it('has one row per hadolint ID, each with a title, a why and at least one case', () => {
    const ids = DOCKERFILE_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(['DL3002', 'DL3004', 'DL3006', 'DL3007', 'DL3008', 'DL3009', 'DL3015', 'DL3020', 'DL3025', 'DL3042', 'DL3046', 'DL3047', 'DL3059', 'DL4003', 'DL4004', 'DL4006']);
    for (const rule of DOCKERFILE_RULES) {
      expect(rule.title.length, rule.id).toBeGreaterThan(10);
      expect(rule.why.length, rule.id).toBeGreaterThan(40);
      expect(RULE_CASES.some((c) => c.rule === rule.id), `a case for ${rule.id}`).toBe(true);
    }
  });

  it.each(RULE_CASES)('$rule: $name', ({ rule, severity, bad, lines, good }) => {
    const fired = linesOf(bad, rule);
    expect(fired.map((f) => f.line)).toEqual(lines);
    expect(fired.every((f) => f.severity === severity)).toBe(true);
    expect(DOCKERFILE_RULES.find((r) => r.id === rule)?.severity).toBe(severity);
    expect(linesOf(good, rule)).toEqual([]);
  });
});

describe('pipNoCacheDir', () => {
  // pip's strtobool words, any case; pip ignores an empty value and stops on any other word.
  it.each([
    [undefined, 'unset'], [null, 'unset'], ['', 'unset'],
    ['1', 'disabled'], ['true', 'disabled'], ['Yes', 'disabled'], ['on', 'disabled'], ['y', 'disabled'], ['T', 'disabled'],
    ['0', 'disabled'], ['false', 'disabled'], ['NO', 'disabled'], ['off', 'disabled'], ['n', 'disabled'], ['f', 'disabled'],
    ['${NO_CACHE}', 'disabled'],
    ['2', 'invalid'], ['always', 'invalid'], [' 1', 'invalid'],
  ] as const)('%s → %s', (value, expected) => {
    expect(pipNoCacheDir(value)).toBe(expected);
  });
});

describe('hadolintCommandCount', () => {
  it.each([
    ['make', 1],
    ['cd /src && make', 2],
    ['a; b || c', 3],
    ['curl -fsSL https://x | tar x', 2],
    ['echo "$(date)" `id -u`', 3],
    ['(cd /src && make)', 2],
    ['if [ -f x ]; then make; fi', 1],
    ['[[ -n $X ]] || exit 1', 1],
    ['X=1', 0],
    ['X=$(id -u)', 1],
    ['"$CONDA_DIR/bin/conda" clean -afy', 0],
    ["sudo -u app bash -c 'a && b'", 1],
  ])('%s → %i', (script, expected) => {
    expect(hadolintCommandCount(readDockerfile(`FROM x\nRUN ${script}\n`).steps[1])).toBe(expected);
  });
});

describe('lintDockerfile', () => {
  it('gives findings the engine can place: hadolint source, file, 1-based line, one-sentence message, no fix', () => {
    const [finding] = lintDockerfile(dockerfile('FROM python:latest'));
    expect(finding).toEqual({
      rule: 'DL3007',
      severity: 'warning',
      message: 'FROM python:latest uses the latest tag; pin a release tag instead.',
      why: expect.stringContaining('latest'),
      source: { title: 'hadolint DL3007', url: 'https://github.com/hadolint/hadolint/wiki/DL3007' },
      file: 'Dockerfile',
      line: 1,
    });
    expect(lintDockerfile('FROM python:latest', { file: 'docker/Dockerfile.dev' })[0].file).toBe('docker/Dockerfile.dev');
  });

  it('names the update command for DL3009 and a rejected PIP_NO_CACHE_DIR value for DL3042', () => {
    expect(linesOf(dockerfile('FROM debian:12', 'RUN aptitude update'), 'DL3009')[0].message).toBe('aptitude update runs here but this RUN does not remove /var/lib/apt/lists/*.');
    expect(linesOf(dockerfile('FROM python:3.12', 'ENV PIP_NO_CACHE_DIR=always', 'RUN pip install x'), 'DL3042')[0].message).toBe(
      'PIP_NO_CACHE_DIR=always is not a boolean pip reads, so pip install stops with an error; set it to 1 or pass --no-cache-dir.',
    );
  });

  it('reports a rule once per instruction, sorted by line', () => {
    const findings = lintDockerfile(dockerfile('FROM ubuntu', 'RUN sudo a && sudo b', 'CMD x'));
    expect(findings.map((f) => [f.line, f.rule])).toEqual([[1, 'DL3006'], [2, 'DL3004'], [3, 'DL3025']]);
  });

  it('reads continuations with comment lines, the escape directive and CRLF', () => {
    const text = ['# escape=`', 'FROM ubuntu:24.04', 'RUN apt-get update && `', '    # comment with a | pipe', '', '    apt-get install -y curl', 'CMD ["c:\\\\app.exe"]'].join('\r\n');
    // One RUN from line 3; the comment and blank lines are dropped (so no pipe), and the JSON CMD is exec form.
    expect(lintDockerfile(text).map((f) => [f.line, f.rule])).toEqual([[3, 'DL3008'], [3, 'DL3009'], [3, 'DL3015']]);
  });

  it('lints every message as one sentence', () => {
    for (const { bad } of RULE_CASES) {
      for (const f of lintDockerfile(bad)) expect(f.message, f.rule).toMatch(/^[^\n]+[.]$/);
    }
  });
});

const FIXTURES = join(__dirname, '__fixtures__');
const GOLDEN = join(__dirname, '..', 'generators', '__golden__');
const findingsIn = (path: string) => lintDockerfile(readFileSync(path, 'utf8')).map((f) => [f.line, f.rule]);

describe('realistic Dockerfiles', () => {
  it('docker-stacks-foundation style: only hints', () => {
    expect(findingsIn(join(FIXTURES, 'docker-stacks-foundation.Dockerfile'))).toEqual([
      // The one apt layer pins nothing (info in Condocker); all six packages are read although comment lines sit
      // between them in the continuation.
      [21, 'DL3008'],
    ]);
    // Not reported: `RUN chmod` then `RUN sed && echo` (two commands make a RUN deliberate for DL3059), FROM
    // $ROOT_IMAGE (a variable), the pipes (SHELL has pipefail), wget (--progress), useradd (--no-log-init), `sudo` (a
    // package name, not a command), USER root (a later USER ${NB_UID} ends the stage).
  });

  it('micromamba-docker style: only hints', () => {
    expect(findingsIn(join(FIXTURES, 'micromamba-app.Dockerfile'))).toEqual([
      [7, 'DL3008'], // git is not pinned
      [22, 'DL3059'], // `RUN python -c "import app"` right after the pip RUN
    ]);
    // Not reported: the root switch (USER $MAMBA_USER comes back), pip (--no-cache-dir), micromamba (cleans up).
  });

  it('a beginner Dockerfile: errors and warnings for each classic mistake', () => {
    expect(findingsIn(join(FIXTURES, 'beginner.Dockerfile'))).toEqual([
      [3, 'DL3007'], // FROM python:latest
      [5, 'DL3009'], // apt-get update alone leaves the lists in a layer
      [6, 'DL3004'], // sudo
      [6, 'DL3008'], // unpinned packages (seen behind sudo)
      [6, 'DL3015'], // recommends
      [6, 'DL3059'], // two short RUNs in a row
      [8, 'DL3020'], // ADD . /app
      [11, 'DL3042'], // pip install -r without --no-cache-dir
      [12, 'DL4006'], // curl | bash without pipefail
      [13, 'DL3047'], // wget without progress
      [16, 'DL3025'], // CMD python app.py
    ]);
    // Not reported: DL3059 on lines 12 and 13 (`curl | bash` is two commands, which hadolint takes as a deliberate
    // RUN, and line 13 follows it); it never sets USER, and hadolint's DL3002 only looks at USER instructions (the design rules
    // speak about the user).
  });

  it('a multi-stage build: stage-aware findings', () => {
    expect(findingsIn(join(FIXTURES, 'multi-stage.Dockerfile'))).toEqual([
      // build stage: unpinned apt package. Its lists are not removed, but nothing builds FROM build (only COPY
      // --from), so DL3009 stays quiet there, as in hadolint.
      [14, 'DL3008'],
      // runtime stage: FROM python:… does not inherit base's PIP_NO_CACHE_DIR, so pip keeps its cache.
      [31, 'DL3042'],
      // useradd with UID 123456 and no -l (not DL3059: the RUN before it runs two commands).
      [32, 'DL3046'],
    ]);
    // Not reported: the test stage's `pip install` and `pytest | tee` (FROM base inherits ENV PIP_NO_CACHE_DIR and
    // SHELL pipefail), FROM python:${PYTHON_VERSION}-… (tagged), FROM base / FROM build (stage names).
  });
});

describe("Condocker's own generated Dockerfiles", () => {
  const presets = readdirSync(GOLDEN).filter((name) => readdirSync(join(GOLDEN, name)).includes('Dockerfile'));

  it.each(presets.filter((p) => !p.startsWith('recipe-2020')))('recommended preset %s: at most info findings', (preset) => {
    const text = readFileSync(join(GOLDEN, preset, 'Dockerfile'), 'utf8');
    const findings = lintDockerfile(text);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    // The apt layer installs its packages unpinned, on purpose: Condocker reports DL3008 as info. Its cache mounts
    // or its rm keep the lists out of the image (no DL3009). Its line is looked up, so comment edits do not break this.
    const aptLayer = readDockerfile(text).steps.find((s) => s.keyword === 'RUN' && s.text.includes('apt-get install'));
    expect(findings.map((f) => [f.line, f.rule])).toEqual([[aptLayer?.line, 'DL3008']]);
  });

  it('the recipe-2020 preset: its two short RUNs for the shell setup', () => {
    // `RUN echo ". …/conda.sh" >> ~/.profile` then `RUN conda init bash`. Its errors (EOL base, defaults channel,
    // unchecked installer) are design rules; it has no pipe, apt or pip step for these rules to see.
    expect(findingsIn(join(GOLDEN, 'recipe-2020', 'Dockerfile'))).toEqual([[47, 'DL3059']]);
  });
});

// Fragments that stress the parser: instruction words, flags, JSON, heredocs, continuations, quotes, directives.
const FRAGMENTS = ['FROM', 'RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'USER', 'ADD', 'COPY', 'ENV', 'ARG', 'ONBUILD', 'HEALTHCHECK', 'from',
  ' ', '\t', '\\', '`', '\n', '\r\n', '#', '# escape=`', '# syntax=docker/dockerfile:1', '[', ']', '"', "'", ',', '<<EOF', '<<-EOF', 'EOF',
  '--mount=type=cache,target=/var/lib/apt/lists', '--from=build', 'AS', 'build', 'scratch', 'ubuntu:latest', '${X}', '$(', ')', '|', '&&', ';',
  'apt-get', 'install', 'update', 'pip', 'useradd', '-u', '123456', 'wget', 'sudo', 'bash', '-c', '-o', 'pipefail', 'set', 'root', '=', 'x'];
const soup = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((parts) => parts.join(' '));
const instructionLines = fc
  .array(fc.tuple(fc.constantFrom('FROM', 'RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'USER', 'ADD', 'ENV', 'ARG', '#', ''), soup), { maxLength: 12 })
  .map((lines) => lines.map(([keyword, rest]) => `${keyword} ${rest}`).join('\n'));
const mutatedFixture = fc
  .tuple(fc.constantFrom(...readdirSync(FIXTURES)), fc.nat(), fc.nat(), fc.string({ maxLength: 20 }))
  .map(([name, a, b, insert]) => {
    const text = readFileSync(join(FIXTURES, name), 'utf8');
    const [from, to] = [a % text.length, b % text.length].sort((x, y) => x - y);
    return text.slice(0, from) + insert + text.slice(to);
  });

describe('robustness', () => {
  it('never throws, on any text, and every rule runs without needing the safety net', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 100 }), soup, instructionLines, mutatedFixture), (text) => {
        const findings = lintDockerfile(text);
        const lineCount = text.split(/\r\n|\r|\n/).length;
        for (const f of findings) {
          expect(f.line).toBeGreaterThanOrEqual(1);
          expect(f.line).toBeLessThanOrEqual(lineCount);
        }
        // Call the checks directly: lintDockerfile's try/catch must not be what keeps this green.
        const model = readDockerfile(text);
        for (const rule of DOCKERFILE_RULES) rule.check(model);
      }),
      { numRuns: 1500 },
    );
  });

  it('takes a large Dockerfile in stride', () => {
    const big = dockerfile('FROM ubuntu:24.04', ...Array.from({ length: 2000 }, (_, k) => `RUN echo ${k} | tee -a /log && apt-get install -y p${k}`));
    const started = performance.now();
    expect(lintDockerfile(big).length).toBeGreaterThan(2000);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
