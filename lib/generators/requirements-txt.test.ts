import { describe, expect, it } from 'vitest';
import { resolveDesign } from '@/lib/design/resolve';
import { designSchema } from '@/lib/design/schema';
import { lockInputs } from '@/lib/solve/lock';
import { generateRequirementsTxt } from './requirements-txt';

function requirementsWithLock(lines: string[], versions: Record<string, string>): string[] {
  const design = designSchema.parse({ base: { platforms: ['linux/amd64'] }, pip: { packages: lines } });
  const locked = designSchema.parse({
    ...design,
    lock: { inputs: lockInputs(design), channels: ['https://conda.anaconda.org/conda-forge'], platforms: { 'linux-64': [] }, pip: Object.entries(versions).map(([line, version]) => ({ line, version })) },
  });
  return generateRequirementsTxt(resolveDesign(locked))!.content.split('\n').filter((line) => line && !line.startsWith('#'));
}

describe('requirements.txt with a lock', () => {
  it.each([
    ['a range', 'rich>=13', '13.9.4', 'rich==13.9.4'],
    ['no specifier', 'requests', '2.32.3', 'requests==2.32.3'],
    ['extras and a marker kept', 'uvicorn[standard]>=0.30; python_version >= "3.10"', '0.32.0', 'uvicorn[standard]==0.32.0; python_version >= "3.10"'],
    ['an exact pin stays', 'httpx==0.27.0', '0.27.0', 'httpx==0.27.0'],
  ])('pins %s to the checked version', (_what, line, version, pinned) => {
    expect(requirementsWithLock([line], { [line]: version })).toEqual([pinned]);
  });

  it('leaves URL, VCS and unchecked lines as the design writes them', () => {
    const vcs = 'mylib @ git+https://github.com/org/mylib.git@v1.0';
    expect(requirementsWithLock([vcs, 'black'], {})).toEqual([vcs, 'black']);
  });

  it('only pins a line the design has: a version for another line is ignored', () => {
    expect(requirementsWithLock(['rich>=13'], { 'rich>=12': '13.9.4' })).toEqual(['rich>=13']);
  });
});
