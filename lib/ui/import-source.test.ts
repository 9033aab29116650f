import { describe, expect, it } from 'vitest';
import { DEFAULT_DESIGN, designSchema } from '@/lib/design/schema';
import { MAX_IMPORT_BYTES, guessPasteKind, importSizeError, isZipFile, summarizeChanges } from './import-source';

describe('importSizeError', () => {
  it.each([
    ['small.yml', 1200, null],
    ['edge.yml', MAX_IMPORT_BYTES, null],
    ['huge.zip', MAX_IMPORT_BYTES + 1, 'huge.zip is 5.0 MB; Condocker imports files up to 5 MB.'],
    ['bigger.txt', 12.34 * 1024 * 1024, 'bigger.txt is 12.3 MB; Condocker imports files up to 5 MB.'],
  ])('%s of %d bytes', (name, bytes, expected) => {
    expect(importSizeError(name, bytes)).toBe(expected);
  });
});

describe('isZipFile', () => {
  it.each([
    ['project.zip', '', true],
    ['PROJECT.ZIP', '', true],
    ['download', 'application/zip', true],
    ['environment.yml', 'application/x-yaml', false],
  ])('%s (%s) → %s', (name, type, expected) => {
    expect(isZipFile(name, type)).toBe(expected);
  });
});

describe('guessPasteKind', () => {
  it.each([
    ['a JSON design', '  {"conda": {"packages": ["numpy"]}}', 'condocker.json'],
    ['an environment.yml', 'name: demo\nchannels:\n  - conda-forge\ndependencies:\n  - numpy\n', 'environment.yml'],
    ['an environment.yml without a name', 'dependencies:\n  - numpy\n', 'environment.yml'],
    ['a YAML design', 'schemaVersion: 1\nproject:\n  name: demo\nconda:\n  packages: [numpy]\n', 'condocker.yaml'],
    ['a YAML design with a project name', 'project:\n  name: x\n', 'condocker.yaml'],
    ['a Dockerfile', '# syntax=docker/dockerfile:1\nFROM ubuntu:24.04\n', 'Dockerfile'],
    ['a bare Dockerfile', 'FROM ubuntu:16.04\nRUN true\n', 'Dockerfile'],
    ['a postBuild script', '#!/bin/bash\nset -e\n', 'postBuild'],
    ['requirements', 'numpy>=1.26\npandas==2.2.3\n', 'requirements.txt'],
    ['nothing', '', 'requirements.txt'],
  ])('%s', (_name, text, expected) => {
    expect(guessPasteKind(text)).toBe(expected);
  });
});

describe('summarizeChanges', () => {
  it('says nothing when nothing changes', () => {
    expect(summarizeChanges(DEFAULT_DESIGN, DEFAULT_DESIGN)).toEqual([]);
  });

  it('lists what the import changes in the current design', () => {
    const before = designSchema.parse({ pip: { packages: ['tqdm'] } });
    const after = designSchema.parse({
      project: { name: 'climate', install: { enabled: true, extras: ['dev'] } },
      conda: { packages: ['xarray', 'dask'] },
      pip: { packages: [] },
      runtime: { env: [{ name: 'OMP_NUM_THREADS', value: '1' }] },
      gpu: { enabled: true },
      files: { devcontainer: true },
    });
    expect(summarizeChanges(before, after)).toEqual([
      'Project name: climate',
      'Install this project: editable, extras dev',
      'Conda packages (2): xarray, dask',
      'Pip packages: none',
      'Environment variables (1): OMP_NUM_THREADS=1',
      'GPU: on (CUDA 12.6)',
      'Companion files (6): .dockerignore, docker-compose.yml, README.md, Makefile, .devcontainer/devcontainer.json, .github/workflows/build.yml',
    ]);
  });
});
