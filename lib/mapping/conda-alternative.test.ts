import { describe, expect, it } from 'vitest';
import { condaForgeAlternative, hasCondaForgeChannel } from './conda-alternative';

describe('condaForgeAlternative', () => {
  it.each([
    ['torch==2.5.1', { pypiName: 'torch', condaName: 'pytorch', renamed: true, condaSpec: 'pytorch==2.5.1' }],
    ['Torch >= 2.5, < 3', { pypiName: 'torch', condaName: 'pytorch', renamed: true, condaSpec: 'pytorch>=2.5,<3' }],
    ['opencv-python~=4.10', { pypiName: 'opencv-python', condaName: 'py-opencv', renamed: true, condaSpec: 'py-opencv~=4.10' }],
    ['tables!=3.9.0', { pypiName: 'tables', condaName: 'pytables', renamed: true, condaSpec: 'pytables!=3.9.0' }],
    ['ruamel.yaml==0.18.*', { pypiName: 'ruamel-yaml', condaName: 'ruamel.yaml', renamed: false, condaSpec: 'ruamel.yaml==0.18.*' }],
    ['polars', { pypiName: 'polars', condaName: 'polars', renamed: false, condaSpec: 'polars' }],
    ['torch==2.5.1+cpu', { pypiName: 'torch', condaName: 'pytorch', renamed: true, condaSpec: 'pytorch', droppedPin: '==2.5.1+cpu' }],
    ['torch===2.5.1', { pypiName: 'torch', condaName: 'pytorch', renamed: true, condaSpec: 'pytorch', droppedPin: '===2.5.1' }],
  ])('%s', (line, alternative) => {
    expect(condaForgeAlternative(line)).toEqual(alternative);
  });

  it.each([
    ['a name conda-forge lacks', 'some-private-lib==1.0'],
    ['a marker', 'torch; python_version < "3.13"'],
    ['extras', 'torch[opt-einsum]'],
    ['hashes', `torch==2.5.1 --hash=sha256:${'a'.repeat(64)}`],
    ['a URL', 'torch @ https://example.org/torch-2.5.1.whl'],
    ['an option', '--pre'],
    ['an editable VCS install', '-e git+https://github.com/org/repo.git#egg=repo'],
    ['an invalid line', 'torch ==='],
  ])('none for %s', (_what, line) => {
    expect(condaForgeAlternative(line)).toBeUndefined();
  });
});

describe('hasCondaForgeChannel', () => {
  it.each([
    [['conda-forge'], true],
    [['https://conda.anaconda.org/conda-forge/'], true],
    [['https://prefix.dev/conda-forge'], true],
    [['bioconda', 'conda-forge'], true],
    [['defaults'], false],
    [['my-conda-forge-mirror'], false],
    [[], false],
  ])('%j → %s', (channels, expected) => {
    expect(hasCondaForgeChannel(channels)).toBe(expected);
  });
});
