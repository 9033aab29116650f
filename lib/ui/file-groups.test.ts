import { describe, expect, it } from 'vitest';
import { baseName, folderOf, groupFilesByFolder } from './file-groups';

const f = (path: string) => ({ path });

describe('groupFilesByFolder', () => {
  it('puts root files first, then folders in order of appearance', () => {
    const files = [f('Dockerfile'), f('docker/entrypoint.sh'), f('environment.yml'), f('.devcontainer/devcontainer.json'), f('docker/x')];
    expect(groupFilesByFolder(files)).toEqual([
      { folder: '', files: [f('Dockerfile'), f('environment.yml')] },
      { folder: 'docker', files: [f('docker/entrypoint.sh'), f('docker/x')] },
      { folder: '.devcontainer', files: [f('.devcontainer/devcontainer.json')] },
    ]);
  });

  it('has no root group when every file is in a folder, and nothing for no files', () => {
    expect(groupFilesByFolder([f('a/b')])).toEqual([{ folder: 'a', files: [f('a/b')] }]);
    expect(groupFilesByFolder([])).toEqual([]);
  });

  it.each([
    ['Dockerfile', '', 'Dockerfile'],
    ['docker/entrypoint.sh', 'docker', 'entrypoint.sh'],
    ['a/b/c.txt', 'a/b', 'c.txt'],
  ])('%s is %j + %j', (path, folder, name) => {
    expect(folderOf(path)).toBe(folder);
    expect(baseName(path)).toBe(name);
  });
});
