import { describe, expect, it } from 'vitest';
import { resolveDesign } from '@/lib/design/resolve';
import { designSchema, type DesignInput } from '@/lib/design/schema';
import { findPreset } from '@/lib/design/presets';
import { DESIGN_RULES, lintDesignRules } from './design-rules';
import { modernize } from './index';

function rulesFiring(input: DesignInput): string[] {
  return lintDesignRules(resolveDesign(designSchema.parse(input))).map((f) => `${f.rule}:${f.severity}`);
}

const recipeBits = { recipeLayout: true } as const;
// A lock solved for numpy on linux-64 under ubuntu:24.04 (the packages do not matter to staleness).
const numpyLock = {
  inputs: { specs: ['python=3.12', 'numpy'], channels: ['conda-forge'], platforms: ['linux-64' as const], virtualPackages: ['__unix=0=0', '__linux=4.18=0', '__glibc=2.39=0'], pip: [] },
  channels: ['https://conda.anaconda.org/conda-forge'],
  platforms: { 'linux-64': [] },
};
const lockedNumpy = { base: { platforms: ['linux/amd64' as const] }, conda: { packages: ['numpy'] }, lock: numpyLock };
const gitClone = 'git clone --depth 1 https://example.org/notebooks.git';

// Each rule: a design that triggers it (with the severity it must have) and a near-identical one that does not.
const CASES: Array<{ rule: string; severity: string; triggers: DesignInput; passes: DesignInput }> = [
  { rule: 'CD001', severity: 'error', triggers: { base: { image: 'ubuntu:16.04' } }, passes: { base: { image: 'ubuntu:24.04' } } },
  { rule: 'CD001', severity: 'warning', triggers: { base: { image: 'debian:12-slim' } }, passes: { base: { image: 'debian:13-slim' } } },
  { rule: 'CD002', severity: 'warning', triggers: { base: { image: 'ubuntu' } }, passes: { base: { image: 'ubuntu:24.04' } } },
  { rule: 'CD002', severity: 'warning', triggers: { base: { image: 'ghcr.io/org/img:latest' } }, passes: { base: { image: `ghcr.io/org/img@sha256:${'a'.repeat(64)}` } } },
  { rule: 'CD003', severity: 'error', triggers: { compat: recipeBits, base: { image: 'ubuntu:24.04' } }, passes: { compat: recipeBits, base: { image: 'ubuntu:22.04' } } },
  { rule: 'CD003', severity: 'error', triggers: { compat: recipeBits, user: { uid: 1000 } }, passes: { compat: recipeBits, user: { uid: 1001 } } },
  { rule: 'CD004', severity: 'error', triggers: { compat: recipeBits, base: { image: 'debian:13-slim' } }, passes: { compat: recipeBits, base: { image: 'debian:13-slim' }, apt: { packages: ['adduser'] } } },
  { rule: 'CD005', severity: 'error', triggers: { conda: { channels: ['conda-forge', 'defaults'] } }, passes: { conda: { channels: ['conda-forge'] } } },
  { rule: 'CD005', severity: 'error', triggers: { conda: { installer: 'miniconda' } }, passes: { conda: { installer: 'micromamba' } } },
  { rule: 'CD006', severity: 'error', triggers: { compat: { forceEnvCreate: true } }, passes: { compat: { forceEnvCreate: false } } },
  { rule: 'CD006', severity: 'warning', triggers: { conda: { installer: 'miniconda', installerVersion: 'py38_4.8.2' }, compat: { forceEnvCreate: true } }, passes: { conda: { installer: 'micromamba' }, compat: { forceEnvCreate: true } } },
  { rule: 'CD007', severity: 'error', triggers: { compat: { updateBaseConda: true } }, passes: {} },
  { rule: 'CD008', severity: 'warning', triggers: { compat: { unverifiedInstaller: true } }, passes: {} },
  { rule: 'CD008', severity: 'warning', triggers: { conda: { installerVersion: '24.1.0-0' } }, passes: { conda: { installerVersion: '25.3.1-0' } } },
  { rule: 'CD009', severity: 'error', triggers: { compat: { unverifiedInstaller: true } }, passes: { compat: { unverifiedInstaller: true }, base: { platforms: ['linux/amd64'] } } },
  { rule: 'CD009', severity: 'error', triggers: { conda: { installer: 'miniconda', installerVersion: 'py38_4.8.2' } }, passes: { conda: { installer: 'miniconda', installerVersion: 'py38_4.8.2' }, base: { platforms: ['linux/amd64'] } } },
  { rule: 'CD010', severity: 'error', triggers: { compat: { unverifiedInstaller: true } }, passes: { compat: { unverifiedInstaller: true }, apt: { packages: ['wget'] } } },
  { rule: 'CD010', severity: 'error', triggers: { postBuild: { script: gitClone } }, passes: { postBuild: { script: gitClone }, apt: { packages: ['git'] } } },
  { rule: 'CD010', severity: 'error', triggers: { conda: { packages: ['jupyterlab'] }, postBuild: { script: gitClone } }, passes: { conda: { packages: ['jupyterlab', 'git'] }, postBuild: { script: gitClone } } },
  { rule: 'CD010', severity: 'error', triggers: { base: { image: 'debian:13-slim' }, postBuild: { script: 'unzip -q data.zip' } }, passes: { base: { image: 'ghcr.io/org/custom:1.0' }, postBuild: { script: 'unzip -q data.zip' } } },
  { rule: 'CD010', severity: 'error', triggers: { postBuild: { script: 'if [ ! -d data ]; then wget -qO- https://example.org/d.tgz | tar -xz; fi' } }, passes: { postBuild: { script: 'if [ ! -d data ]; then wget -qO- https://example.org/d.tgz | tar -xz; fi' }, apt: { packages: ['wget'] } } },
  { rule: 'CD010', severity: 'error', triggers: { postBuild: { script: 'echo "$(git rev-parse HEAD)" > .version' } }, passes: { postBuild: { script: 'command -v git && echo "$(git rev-parse HEAD)" > .version' } } },
  { rule: 'CD010', severity: 'warning', triggers: { apt: { packages: ['r-base-dev'] }, postBuild: { script: 'make -C src' } }, passes: { apt: { packages: ['build-essential'] }, postBuild: { script: 'make -C src' } } },
  { rule: 'CD011', severity: 'info', triggers: { pip: { packages: ['rich>=13'] } }, passes: { pip: { packages: ['rich==13.9.4'] } } },
  { rule: 'CD012', severity: 'warning', triggers: { pip: { packages: ['NumPy==2.1.3'] } }, passes: { pip: { packages: ['rich==13.9.4'] } } },
  { rule: 'CD012', severity: 'warning', triggers: { conda: { packages: ['pytorch'] }, pip: { packages: ['torch==2.5.1'] } }, passes: { conda: { packages: ['pytorch'] }, pip: { packages: ['rich==13.9.4'] } } },
  { rule: 'CD013', severity: 'info', triggers: { pip: { packages: ['polars==1.9.0'] } }, passes: { pip: { packages: ['some-private-lib==1.0'] } } },
  { rule: 'CD013', severity: 'info', triggers: { pip: { packages: ['torch==2.5.1'] } }, passes: { conda: { channels: ['https://conda.example.org/internal'] }, pip: { packages: ['torch==2.5.1'] } } },
  { rule: 'CD014', severity: 'warning', triggers: { conda: { packages: ['jupyterlab', 'pytorch=*=cuda*'] } }, passes: { conda: { packages: ['jupyterlab', 'pytorch=*=cuda*'] }, gpu: { enabled: true } } },
  { rule: 'CD015', severity: 'warning', triggers: { conda: { channels: ['pytorch', 'conda-forge'] } }, passes: { conda: { channels: ['conda-forge'] } } },
  { rule: 'CD016', severity: 'warning', triggers: { paths: { envPrefix: '$HOME/app/env' } }, passes: { paths: { envPrefix: '$HOME/envs/app' } } },
  { rule: 'CD017', severity: 'warning', triggers: { runtime: { command: 'custom', customCommand: ['conda', 'run', '-p', '/opt/env', 'python', 'app.py'] } }, passes: { runtime: { command: 'custom', customCommand: ['python', 'app.py'] } } },
  { rule: 'CD018', severity: 'warning', triggers: { postBuild: { script: 'set +e\npython -c 1' } }, passes: { postBuild: { script: 'python -c 1' } } },
  { rule: 'CD019', severity: 'warning', triggers: { runtime: { expose: false } }, passes: { runtime: { expose: false, command: 'bash' } } },
  { rule: 'CD020', severity: 'warning', triggers: { conda: { packages: ['jupyterlab', 'bioconda::samtools'] } }, passes: { conda: { channels: ['conda-forge', 'bioconda'], packages: ['jupyterlab', 'bioconda::samtools'] } } },
  { rule: 'CD021', severity: 'warning', triggers: { conda: { pythonVersion: '3.8' } }, passes: { conda: { pythonVersion: '3.12' } } },
  { rule: 'CD021', severity: 'warning', triggers: { conda: { pythonVersion: '' } }, passes: { conda: { pythonVersion: '', packages: ['jupyterlab', 'python=3.13'] } } },
  { rule: 'CD022', severity: 'error', triggers: { postBuild: { script: 'jupyter labextension install @jupyter-widgets/jupyterlab-manager' } }, passes: { conda: { packages: ['jupyterlab=2.1'] }, postBuild: { script: 'jupyter labextension install @jupyter-widgets/jupyterlab-manager' } } },
  { rule: 'CD023', severity: 'warning', triggers: { compat: { noInit: true } }, passes: {} },
  { rule: 'CD024', severity: 'info', triggers: { compat: { shellWithoutPipefail: true } }, passes: {} },
  { rule: 'CD025', severity: 'info', triggers: { compat: { profileActivation: true } }, passes: {} },
  { rule: 'CD026', severity: 'info', triggers: { compat: recipeBits, base: { image: 'ubuntu:22.04' } }, passes: { base: { image: 'ubuntu:22.04' } } },
  { rule: 'CD028', severity: 'warning', triggers: { ...lockedNumpy, base: { ...lockedNumpy.base, image: 'ubuntu:22.04' } }, passes: lockedNumpy },
  { rule: 'CD028', severity: 'warning', triggers: { ...lockedNumpy, conda: { packages: ['numpy', 'scipy'] } }, passes: lockedNumpy },
  { rule: 'CD027', severity: 'error', triggers: { conda: { packages: ['numpy'] } }, passes: { conda: { packages: ['numpy'] }, pip: { packages: ['jupyterlab==4.3.0'] } } },
  { rule: 'CD029', severity: 'error', triggers: { conda: { installer: 'miniconda', installerVersion: '4.8.2' } }, passes: { conda: { installer: 'miniconda', installerVersion: 'py38_4.8.2' } } },
  { rule: 'CD029', severity: 'error', triggers: { conda: { installer: 'miniconda', installerVersion: '23.1.0-1' } }, passes: { conda: { installer: 'miniconda', installerVersion: '4.7.12' } } },
  { rule: 'CD030', severity: 'error', triggers: { compat: recipeBits, paths: { envPrefix: '$PWD/env' } }, passes: { compat: recipeBits, paths: { envPrefix: '$HOME/app/env' } } },
  { rule: 'CD031', severity: 'warning', triggers: { project: { install: { enabled: true } }, files: { dockerignore: false } }, passes: { project: { install: { enabled: true } } } },
];

describe('design rules', () => {
  it.each(CASES.map((c) => [`${c.rule} (${c.severity})`, c] as const))('%s fires on its case and not on its twin', (_name, c) => {
    expect(rulesFiring(c.triggers)).toContain(`${c.rule}:${c.severity}`);
    expect(rulesFiring(c.passes).filter((r) => r.startsWith(`${c.rule}:`))).toEqual([]);
  });

  it('every rule has a test case, a unique ID and a source', () => {
    const tested = new Set(CASES.map((c) => c.rule));
    expect(DESIGN_RULES.map((r) => r.id).filter((id) => !tested.has(id))).toEqual([]);
    expect(new Set(DESIGN_RULES.map((r) => r.id)).size).toBe(DESIGN_RULES.length);
  });

  it('gives every finding a sentence, a why, an https source and a field', () => {
    for (const c of CASES)
      for (const f of lintDesignRules(resolveDesign(designSchema.parse(c.triggers)))) {
        expect(f.message).toMatch(/[.!]$/);
        expect(f.why.length).toBeGreaterThan(20);
        expect(f.source.url).toMatch(/^https:\/\//);
        expect(f.field).toBeTruthy();
      }
  });
});

describe('CD012 and CD013 read the PyPI → conda-forge mapping', () => {
  const findingsFor = (rule: string, input: DesignInput) =>
    lintDesignRules(resolveDesign(designSchema.parse(input))).filter((f) => f.rule === rule).map((f) => ({ message: f.message, fix: f.fix }));
  const moved = (pip: string, condaSpec: string, label: string) => ({
    label,
    changes: [{ path: ['pip', 'packages'], value: [] }, { path: ['conda', 'packages'], value: ['jupyterlab', condaSpec] }],
  });

  it.each([
    ['torch==2.5.1', '"torch" is "pytorch" on conda-forge.', moved('torch==2.5.1', 'pytorch==2.5.1', 'Install pytorch==2.5.1 with conda')],
    ['opencv-python>=4.10', '"opencv-python" is "py-opencv" on conda-forge.', moved('opencv-python>=4.10', 'py-opencv>=4.10', 'Install py-opencv>=4.10 with conda')],
    ['tables', '"tables" is "pytables" on conda-forge.', moved('tables', 'pytables', 'Install pytables with conda')],
    ['ruamel.yaml==0.18.6', '"ruamel.yaml" is on conda-forge too.', moved('ruamel.yaml==0.18.6', 'ruamel.yaml==0.18.6', 'Install ruamel.yaml==0.18.6 with conda')],
    ['Scikit_Learn==1.5.2', '"scikit-learn" is on conda-forge too.', moved('Scikit_Learn==1.5.2', 'scikit-learn==1.5.2', 'Install scikit-learn==1.5.2 with conda')],
    ['torch==2.5.1+cpu', '"torch" is "pytorch" on conda-forge.', moved('torch==2.5.1+cpu', 'pytorch', 'Install pytorch with conda (unpinned: conda cannot read "==2.5.1+cpu")')],
  ])('CD013 on %s', (pip, message, fixed) => {
    expect(findingsFor('CD013', { conda: { packages: ['jupyterlab'] }, pip: { packages: [pip] } })).toEqual([{ message, fix: fixed }]);
  });

  it.each([
    ['an environment marker', 'torch==2.5.1 ; python_version < "3.13"'],
    ['extras', 'torch[opt-einsum]==2.5.1'],
    ['hashes', `torch==2.5.1 --hash=sha256:${'a'.repeat(64)}`],
    ['a URL', 'torch @ https://download.pytorch.org/whl/cpu/torch-2.5.1%2Bcpu-cp312-cp312-linux_x86_64.whl'],
    ['a name conda-forge lacks', 'some-private-lib==1.0'],
  ])('CD013 leaves a requirement with %s to pip', (_what, pip) => {
    expect(findingsFor('CD013', { conda: { packages: ['jupyterlab'] }, pip: { packages: [pip] } })).toEqual([]);
  });

  it('CD012 sees torch in conda as pytorch, and leaves the conda package to CD012 alone', () => {
    const input = { conda: { packages: ['jupyterlab', 'pytorch'] }, pip: { packages: ['torch==2.5.1'] } };
    expect(findingsFor('CD012', input)).toEqual([
      { message: '"torch" is installed by conda (as "pytorch") and again by pip.', fix: { label: 'Install pytorch with conda only', changes: [{ path: ['pip', 'packages'], value: [] }] } },
    ]);
    expect(findingsFor('CD013', input)).toEqual([]);
  });

  it('CD012 does not take a package that only vendors the PyPI project for it', () => {
    expect(findingsFor('CD012', { conda: { packages: ['jupyterlab', 'arm_pyart'] }, pip: { packages: ['requests==2.32.3'] } })).toEqual([]);
  });
});

describe('the recipe word for word (MINICONDA_VERSION 4.8.2, ENV_PREFIX $PWD/env)', () => {
  const recipe = findPreset('recipe-2020')!.design;
  const findings = lintDesignRules(resolveDesign(recipe));
  const fixOf = (rule: string) => findings.find((f) => f.rule === rule)?.fix;

  it.each([
    ['CD029', 'Use Miniconda py38_4.8.2', [{ path: ['conda', 'installerVersion'], value: 'py38_4.8.2' }]],
    ['CD030', 'Put the environment in $HOME/miniconda3/envs/recipe-2020', [{ path: ['paths', 'envPrefix'], value: '$HOME/miniconda3/envs/recipe-2020' }]],
  ])('%s explains it and offers one fix', (rule, label, changes) => {
    expect(fixOf(rule)).toEqual({ label, changes });
  });

  it('moves a $PWD env along when a fix leaves the recipe layout (the schema allows $PWD only there)', () => {
    expect(fixOf('CD026')!.changes).toEqual([
      { path: ['compat', 'recipeLayout'], value: false },
      { path: ['paths', 'envPrefix'], value: '$HOME/miniconda3/envs/recipe-2020' },
    ]);
  });

  it('Modernize fixes both', () => {
    const { design, applied } = modernize(recipe);
    expect(applied.map((f) => f.label)).toContain('Use Miniconda py38_4.8.2');
    // Leaving the recipe layout (the first error fix on ubuntu:24.04) moved the env out of $PWD.
    expect(design.paths.envPrefix).toBe('$HOME/miniconda3/envs/recipe-2020');
    expect(design.conda.installerVersion).not.toBe('4.8.2');
    const rules = lintDesignRules(resolveDesign(design)).map((f) => f.rule);
    expect(rules).not.toContain('CD029');
    expect(rules).not.toContain('CD030');
  });
});
