/** A shell command for RUN: one line, joined with `&&` by the writer. Build it with shellCommand(). */
export type ShellLine = string;

/**
 * A BuildKit cache mount for one RUN (`RUN --mount=type=cache,…`): the directory persists between builds on the
 * builder and never lands in the image. `uid`/`gid` own a new cache (build-arg references allowed).
 */
export interface CacheMount {
  target: string;
  uid?: string;
  gid?: string;
  /** `locked`: concurrent builds wait for each other instead of corrupting the cache. */
  sharing: 'locked' | 'shared' | 'private';
}

/** The Dockerfile instructions Condocker writes, one typed variant each. */
export type Instruction =
  | { kind: 'from'; image: string }
  | { kind: 'arg'; name: string; value?: string }
  | { kind: 'env'; vars: ReadonlyArray<readonly [string, string]> }
  | { kind: 'label'; labels: ReadonlyArray<readonly [string, string]> }
  | { kind: 'shell'; argv: readonly string[] }
  | { kind: 'run'; commands: readonly ShellLine[]; mounts?: readonly CacheMount[] }
  | { kind: 'copy'; sources: readonly string[]; destination: string; chown?: string; chmod?: string; from?: string }
  | { kind: 'user'; user: string }
  | { kind: 'workdir'; path: string }
  | { kind: 'expose'; port: number }
  | { kind: 'entrypoint'; argv: readonly string[] }
  | { kind: 'cmd'; argv: readonly string[] };

/** A group of instructions with the comment that explains it. */
export interface Block {
  /** Comment lines (without "# "), written only when comments are on. */
  comment?: readonly string[];
  instructions: readonly Instruction[];
}

/** A whole Dockerfile: parser directives, a header comment and blocks. */
export interface DockerfileModel {
  /** e.g. [['syntax', 'docker/dockerfile:1']]; always written. */
  directives: ReadonlyArray<readonly [string, string]>;
  /** Header comment lines, written only when comments are on. */
  header?: readonly string[];
  blocks: readonly Block[];
}

/** Shorthand constructors so generators read like the Dockerfile they produce. */
export const dockerfile = {
  from: (image: string): Instruction => ({ kind: 'from', image }),
  arg: (name: string, value?: string): Instruction => ({ kind: 'arg', name, value }),
  env: (...vars: Array<readonly [string, string]>): Instruction => ({ kind: 'env', vars }),
  label: (...labels: Array<readonly [string, string]>): Instruction => ({ kind: 'label', labels }),
  shell: (...argv: string[]): Instruction => ({ kind: 'shell', argv }),
  run: (...commands: ShellLine[]): Instruction => ({ kind: 'run', commands }),
  runWithCaches: (mounts: readonly CacheMount[], ...commands: ShellLine[]): Instruction => ({ kind: 'run', commands, mounts }),
  copy: (
    sources: readonly string[],
    destination: string,
    options: { chown?: string; chmod?: string; from?: string } = {},
  ): Instruction => ({ kind: 'copy', sources, destination, ...options }),
  user: (user: string): Instruction => ({ kind: 'user', user }),
  workdir: (path: string): Instruction => ({ kind: 'workdir', path }),
  expose: (port: number): Instruction => ({ kind: 'expose', port }),
  entrypoint: (...argv: string[]): Instruction => ({ kind: 'entrypoint', argv }),
  cmd: (...argv: string[]): Instruction => ({ kind: 'cmd', argv }),
};
