import { describe, expect, it } from 'vitest';
import { resolveDesign } from '@/lib/design/resolve';
import { designSchema } from '@/lib/design/schema';
import { lintDesignRules } from './design-rules';
import { applyFix, modernize } from './index';

const lock = {
  inputs: { specs: ['python=3.12', 'numpy'], channels: ['conda-forge'], platforms: ['linux-64'], virtualPackages: ['__unix=0=0', '__linux=4.18=0', '__glibc=2.39=0'], pip: [] },
  channels: ['https://conda.anaconda.org/conda-forge'],
  platforms: { 'linux-64': [] },
};
const stale = designSchema.parse({ base: { platforms: ['linux/amd64'] }, conda: { packages: ['numpy', 'scipy'] }, lock });

describe('CD028: a stale lock', () => {
  const finding = lintDesignRules(resolveDesign(stale)).find((f) => f.rule === 'CD028')!;

  it('says what changed and that the files are generated without it', () => {
    expect(finding.message).toBe('The lock is stale: conda packages: "scipy" added. The files are generated without it until you lock again.');
    expect(finding.why).toMatch(/Re-lock: run Check, then Lock\.$/);
  });

  it('offers "Re-lock", which drops the lock (the solver runs only on Check) and leaves a valid design', () => {
    expect(finding.fix!.label).toBe('Re-lock: drop the stale lock, then run Check and Lock');
    const fixed = applyFix(stale, finding.fix!);
    if (!fixed.ok) throw new Error(fixed.error);
    expect(fixed.design.lock).toBeUndefined();
    expect(lintDesignRules(resolveDesign(fixed.design)).map((f) => f.rule)).not.toContain('CD028');
    expect(modernize(stale).design.lock).toBeUndefined();
  });
});
