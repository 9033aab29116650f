import { describe, expect, it } from 'vitest';
import { PRESETS, findPreset } from '@/lib/design/presets';
import { resolveDesign } from '@/lib/design/resolve';
import { designSchema } from '@/lib/design/schema';
import { generateFiles } from '@/lib/generators';
import { findMissingCommands } from './commands';
import { BASE_IMAGE_LACKS } from './commands-data';
import { lintDesignRules } from './design-rules';
import { applyFix, lintDesign } from './index';

// CD010 on the presets, read from each preset's own design and generated files.
const cd010 = (id: string) => lintDesignRules(resolveDesign(findPreset(id)!.design)).filter((f) => f.rule === 'CD010');

describe('CD010 on the presets', () => {
  it.each(PRESETS.filter((p) => p.id !== 'recipe-2020').map((p) => [p.id] as const))('%s calls nothing it does not install', (id) => {
    expect(cd010(id).map((f) => f.message)).toEqual([]);
  });

  // Issue 7: the micromamba preset's apt layer lacked curl. Its Dockerfile with curl taken out of the apt layer
  // (as it was generated before the fix) must be caught, at the line that downloads micromamba.
  it('catches the micromamba preset without curl in its apt layer', () => {
    const r = resolveDesign(findPreset('micromamba')!.design);
    const dockerfile = generateFiles(r.design).find((f) => f.path === 'Dockerfile')!.content;
    const withoutCurl = dockerfile.replace(/^(\s*apt-get install [^\n]*?) curl\b/m, '$1');
    expect(withoutCurl).not.toEqual(dockerfile);
    const found = findMissingCommands(withoutCurl, undefined, { baseLacks: BASE_IMAGE_LACKS[r.baseImage!.image], condaPackages: r.condaDependencies });
    expect(found.map((m) => m.command)).toEqual(['curl']);
    expect(found[0].lineText).toMatch(/curl .*micromamba/);
  });

  // The recipe downloads its installer with wget on ubuntu:16.04, which has none: one CD010, as before the rule was
  // generalised, with the recipe's own fix (the recommended download) rather than "install wget". Its postBuild
  // calls only jupyter, which the environment provides.
  it('reports the recipe-2020 wget download once, with the recommended-download fix', () => {
    const findings = cd010('recipe-2020');
    expect(findings.map((f) => [f.severity, f.at?.file, f.fix?.label])).toEqual([['error', 'Dockerfile', 'Install curl and download the installer the recommended way']]);
  });
});

describe('CD010 findings', () => {
  const design = designSchema.parse({ postBuild: { script: 'mkdir -p data\nunzip -q data.zip -d data' } });

  it('points at the postBuild line that calls the command, on field apt.packages', () => {
    const [finding] = lintDesign(design).filter((f) => f.rule === 'CD010');
    const postBuild = generateFiles(design).find((f) => f.path === 'postBuild')!.content.split('\n');
    expect(finding).toMatchObject({ severity: 'error', file: 'postBuild', field: 'apt.packages' });
    expect(postBuild[finding.line! - 1]).toBe('unzip -q data.zip -d data');
    expect(finding.why).toContain('conda package unzip');
  });

  it('is fixed by its fix: the Debian package added to apt.packages', () => {
    const [finding] = lintDesign(design).filter((f) => f.rule === 'CD010');
    const fixed = applyFix(design, finding.fix!);
    expect(fixed.ok && fixed.design.apt.packages).toEqual(['unzip']);
    expect(fixed.ok && lintDesign(fixed.design).filter((f) => f.rule === 'CD010')).toEqual([]);
  });
});
