import { describe, expect, it } from 'vitest';
import { dockerfileProblems } from './file-checks';

describe('dockerfileProblems', () => {
  it.each([
    ['LABEL a="\\"x"', []],
    ['ENV a="\\""', []],
    ['ENV a="x\\"y"', []],
  ])('accepts the complete quoted word in %s', (line, expected) => {
    expect(dockerfileProblems(`FROM ubuntu:24.04\n${line}\n`)).toEqual(expected);
  });

  it.each(['ENV a="x', 'LABEL a="\\"', 'ENV a="x\\"'])('still reports the unterminated %s', (line) => {
    expect(dockerfileProblems(`FROM ubuntu:24.04\n${line}\n`)).not.toEqual([]);
  });
});

describe('dockerfileProblems with single quotes inside double quotes', () => {
  it.each(['ENV a="\'/"', 'LABEL a="\'x"'])('accepts %s', (line) => {
    expect(dockerfileProblems(`FROM ubuntu:24.04\n${line}\n`)).toEqual([]);
  });
});
