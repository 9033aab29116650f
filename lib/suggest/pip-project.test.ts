import { describe, expect, it } from 'vitest';
import { pipProjectOf } from './pip-project';

describe('pipProjectOf', () => {
  it.each([
    ['requests', 'requests'],
    ['rich==13.9.4; python_version >= "3.9"', 'rich'],
    ['black[jupyter]>=24', 'black'],
    ['--pre', undefined],
    ['-e .', undefined],
    ['pkg @ https://example.org/pkg-1.0.tar.gz', undefined],
    ['not a line ===', undefined],
  ])('%s → %s', (line, project) => expect(pipProjectOf(line)).toBe(project));
});
