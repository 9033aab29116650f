import { describe, expect, it } from 'vitest';
import { PRESETS, findPreset } from '@/lib/design/presets';
import { generateFiles } from '@/lib/generators';
import { fileProblems } from '@/lib/testing/file-checks';
import { applyFix, countFindings, lintDesign, modernize } from './index';

const recipe = findPreset('recipe-2020')!.design;

describe('lintDesign on the recipe-2020 preset', () => {
  const findings = lintDesign(recipe);
  const errors = findings.filter((f) => f.severity === 'error').map((f) => f.rule);

  it.each([
    ['ubuntu:16.04 is end of life', 'CD001'],
    ['defaults needs its Terms of Service accepted', 'CD005'],
    ['--force was removed in conda 24.3', 'CD006'],
    ['conda update from defaults', 'CD007'],
    ['ubuntu:16.04 has no wget', 'CD010'],
    ['JupyterLab 4 has no labextension install', 'CD022'],
  ])('reports an error because %s', (_why, rule) => {
    expect(errors).toContain(rule);
  });

  it('points every finding with a file at a real line of that file', () => {
    const files = generateFiles(recipe);
    for (const f of findings.filter((finding) => finding.file)) {
      const file = files.find((candidate) => candidate.path === f.file);
      expect(file, f.rule).toBeDefined();
      expect(f.line).toBeGreaterThan(0);
      expect(f.line).toBeLessThanOrEqual(file!.content.split('\n').length);
    }
  });

  it('warns that the installer is not verified', () => {
    expect(findings.filter((f) => f.severity === 'warning').map((f) => f.rule)).toContain('CD008');
  });

  it('lists errors first', () => {
    const order = findings.map((f) => f.severity);
    expect(order).toEqual([...order].sort((a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b)));
  });
});

describe('modernize', () => {
  const { design, applied } = modernize(recipe);

  it('applies every fix and leaves no errors or warnings', () => {
    expect(applied.length).toBeGreaterThan(5);
    const counts = countFindings(lintDesign(design));
    expect({ error: counts.error, warning: counts.warning }).toEqual({ error: 0, warning: 0 });
  });

  it('gives files that still pass every checker', () => {
    expect(generateFiles(design).flatMap((file) => fileProblems(file).map((p) => `${file.path}: ${p}`))).toEqual([]);
  });

  it('keeps what the recipe meant: its user, its packages, JupyterLab', () => {
    expect(design.user).toEqual(recipe.user);
    expect(design.runtime.command).toBe('jupyterlab');
    expect(design.conda.packages).toEqual(expect.arrayContaining(['jupyterlab', 'numpy', 'pandas', 'matplotlib']));
    expect(design.pip.packages).toEqual(recipe.pip.packages);
  });
});

describe('recommended presets', () => {
  it.each(PRESETS.filter((p) => p.id !== 'recipe-2020').map((p) => [p.id, p.design] as const))('%s has no errors and no warnings', (_id, design) => {
    const findings = lintDesign(design).filter((f) => f.severity !== 'info');
    expect(findings.map((f) => `${f.rule} ${f.message}`)).toEqual([]);
  });
});

describe('applyFix', () => {
  it('refuses a fix that would make the design invalid, and says why', () => {
    const result = applyFix(recipe, { label: 'break it', changes: [{ path: ['user', 'name'], value: 'Root' }] });
    expect(result).toEqual({ ok: false, error: expect.stringContaining('user.name: User name') });
  });

  it('changes only the paths it names', () => {
    const result = applyFix(recipe, { label: 'Use ubuntu:24.04', changes: [{ path: ['base', 'image'], value: 'ubuntu:24.04' }] });
    expect(result.ok && { ...result.design, base: recipe.base }).toEqual(recipe);
  });
});
