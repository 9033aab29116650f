import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DESIGN, designSchema, type Design } from '@/lib/design/schema';
import { generateFiles } from '@/lib/generators';
import { importPostBuild, readPostBuild, splitShellWords } from './post-build';
import type { ImportResult } from './types';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const postBuildOf = (design: Design) => generateFiles(design).find((file) => file.path === 'postBuild')?.content;

function imported(result: ImportResult): Extract<ImportResult, { ok: true }> {
  if (!result.ok) throw new Error(result.error);
  return result;
}

describe('splitShellWords', () => {
  it.each([
    ['pip install numpy', ['pip', 'install', 'numpy']],
    ["pip install 'numpy>=2' 'a[b]<3'", ['pip', 'install', 'numpy>=2', 'a[b]<3']],
    ["echo 'it'\\''s'", ['echo', "it's"]],
    ['a\\ b c', ['a b', 'c']],
  ])('%s', (line, words) => expect(splitShellWords(line)).toEqual(words));

  it.each(['pip install $PKG', 'pip install numpy>2', "pip install 'open", 'a; b', 'a | b', 'echo *'])('refuses %s', (line) => {
    expect(splitShellWords(line)).toBeUndefined();
  });
});

describe('importPostBuild', () => {
  const script = [
    '# Your steps',
    'jupyter labextension list',
    '',
    'python -m pip install --no-cache-dir not-an-extension',
    "echo 'done'  ",
  ].join('\n');

  it.each([
    ['extensions and a script', { jupyterExtensions: ['jupyterlab-git>=0.50', 'jupyterlab_widgets'], script }, true],
    ['extensions and a script, no comments', { jupyterExtensions: ['jupyterlab-git>=0.50'], script }, false],
    ['a script only', { jupyterExtensions: [], script: 'python -m pip install --no-cache-dir x\necho hi' }, true],
    ['a script only, no comments', { jupyterExtensions: [], script: 'echo hi\n\n\necho there' }, false],
    ['extensions only', { jupyterExtensions: ['jupyterlab-lsp'], script: '' }, true],
  ])('import → generate → import is a fixed point: %s', (_, postBuild, comments) => {
    const design = designSchema.parse({ postBuild, dockerfile: { comments } });
    const text = postBuildOf(design) as string;
    const result = imported(importPostBuild(text, design));
    expect(postBuildOf(result.design)).toBe(text);
    expect(result.warnings).toEqual([]);
    expect(readPostBuild(text, 'postBuild', []).comments).toBe(comments);
  });

  it('reads the extensions back as the list, not as script', () => {
    const design = designSchema.parse({ postBuild: { jupyterExtensions: ['jupyterlab-git>=0.50', 'ipywidgets'], script: 'echo hi' } });
    const result = imported(importPostBuild(postBuildOf(design) as string));
    expect(result.design.postBuild).toEqual(design.postBuild);
  });

  it('keeps a hand-written repo2docker postBuild as the script, and says what changes', () => {
    const result = imported(importPostBuild(fixture('postBuild-repo2docker')));
    expect(result.design.postBuild).toEqual({
      jupyterExtensions: [],
      script: '# Enable the widgets extension and trust the notebooks\njupyter labextension list\n\njupyter trust notebooks/*.ipynb',
    });
    expect(result.warnings.map((warning) => [warning.line, warning.severity])).toEqual([[2, 'info']]);
    expect(result.design.runtime).toEqual(DEFAULT_DESIGN.runtime);
  });

  it('reports a shell that is not bash', () => {
    const result = imported(importPostBuild('#!/bin/sh\necho hi\n'));
    expect(result.design.postBuild.script).toBe('echo hi');
    expect(result.warnings[0]).toMatchObject({ line: 1, severity: 'info', message: '"#!/bin/sh": postBuild now runs with bash.' });
  });
});
