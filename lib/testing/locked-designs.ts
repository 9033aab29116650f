// Locked variants of presets for golden files, the real-build tier and CLI tests: each is solved by the real solver
// against the fixture channel (so its packages, hashes and sizes are the fixture's, and its URLs conda.anaconda.org's),
// except the 2020 recipe, whose python 3.8 and defaults channel the fixture lacks: its lock is written by hand.
import { findPreset } from '@/lib/design/presets';
import { designSchema, type Design, type DesignInput } from '@/lib/design/schema';
import { checkDesign } from '@/lib/solve/check';
import { lockFromCheck, lockInputs } from '@/lib/solve/lock';
import { loadNodeRattler } from '@/lib/solve/rattler-node';
import type { FixtureServer } from './fixture-server';

/** A locked variant: its golden folder, the preset it starts from, and what it changes. */
export interface LockedVariant {
  id: string;
  preset: string;
  change?: DesignInput;
}

/** The locked variants with golden files. */
export const LOCKED_VARIANTS: readonly LockedVariant[] = [
  { id: 'data-science-locked', preset: 'data-science', change: { pip: { packages: ['rich>=13'] } } },
  { id: 'micromamba-locked', preset: 'micromamba' },
  { id: 'pytorch-gpu-locked', preset: 'pytorch-gpu' },
  { id: 'recipe-2020-locked', preset: 'recipe-2020' },
];

function variantDesign(variant: LockedVariant): Design {
  const preset = findPreset(variant.preset);
  if (!preset) throw new Error(`no preset ${variant.preset}`);
  return designSchema.parse({ ...preset.design, ...variant.change, lock: undefined });
}

/**
 * Checks the design against the fixture server and returns it with its lock.
 * @example const locked = await lockWithFixture(findPreset('micromamba')!.design, server)
 */
export async function lockWithFixture(design: Design, server: FixtureServer): Promise<Design> {
  const check = await checkDesign(design, { loadRattler: loadNodeRattler, channelUrls: server.channelUrls, fetch, pypiUrl: server.pypiUrl });
  const result = lockFromCheck(design, check);
  if (!result.ok) throw new Error(result.error);
  return designSchema.parse({ ...design, lock: result.lock });
}

const hex = (seed: string, length: number) => Array.from({ length }, (_, i) => '0123456789abcdef'[(seed.charCodeAt(i % seed.length) * (i + 7)) % 16]).join('');

/** The 2020 recipe with a small hand-written lock (python 3.8 and pip from conda-forge, md5 only). */
export function lockedRecipeDesign(): Design {
  const design = variantDesign({ id: 'recipe-2020-locked', preset: 'recipe-2020' });
  const pkg = (name: string, version: string, build: string, subdir: 'linux-64' | 'noarch') => ({
    name, version, build, channel: 0, subdir, ext: '.conda' as const, md5: hex(name + version, 32), size: 1000 + name.length,
  });
  return designSchema.parse({
    ...design,
    lock: {
      inputs: lockInputs(design),
      channels: ['https://conda.anaconda.org/conda-forge'],
      platforms: { 'linux-64': [pkg('python', '3.8.20', 'h4a871b0_2_cpython', 'linux-64'), pkg('pip', '24.3.1', 'pyh8b19718_0', 'noarch')] },
      pip: [{ line: 'tensorboard==2.2.0', version: '2.2.0' }],
    },
  });
}

/**
 * The design of a locked variant with its lock.
 * @example await lockedVariantDesign(LOCKED_VARIANTS[0], server)
 */
export async function lockedVariantDesign(variant: LockedVariant, server: FixtureServer): Promise<Design> {
  if (variant.preset === 'recipe-2020') return lockedRecipeDesign();
  return lockWithFixture(variantDesign(variant), server);
}
