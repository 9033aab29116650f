import { describe, expect, it } from 'vitest';
import { dockerfileProblems, selfReferencingEnv } from './file-checks';

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

describe('selfReferencingEnv', () => {
  it('finds a variable read in the ENV that sets it', () => {
    expect(selfReferencingEnv('FROM x:1\nENV A=/a \\\n    B=${A}/bin\n')).toEqual(['2: ENV B reads A, set in the same instruction']);
  });
  it('accepts reading an earlier ENV and PATH extending itself', () => {
    expect(selfReferencingEnv('FROM x:1\nENV A=/a\nENV B=${A}/bin PATH=${A}:${PATH}\n')).toEqual([]);
  });
});
