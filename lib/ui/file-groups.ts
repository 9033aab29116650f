// The preview lists files as a small tree: files at the project root first, then one group per folder
// (docker/, .devcontainer/), keeping the generators' order inside each group.

/** Files that share a folder; `folder` is '' for the project root. */
export interface FileGroup<F extends { path: string }> {
  folder: string;
  files: F[];
}

/**
 * The files grouped by their folder, root first, folders in order of first appearance.
 * @example groupFilesByFolder([{ path: 'docker/entrypoint.sh' }, { path: 'Dockerfile' }])
 * // [{ folder: '', files: [{ path: 'Dockerfile' }] }, { folder: 'docker', files: [{ path: 'docker/entrypoint.sh' }] }]
 */
export function groupFilesByFolder<F extends { path: string }>(files: readonly F[]): FileGroup<F>[] {
  const groups = new Map<string, F[]>([['', []]]);
  for (const file of files) {
    const folder = folderOf(file.path);
    const group = groups.get(folder);
    if (group) group.push(file);
    else groups.set(folder, [file]);
  }
  return [...groups].filter(([, list]) => list.length > 0).map(([folder, list]) => ({ folder, files: list }));
}

/**
 * The folder part of a path ('' for a root file).
 * @example folderOf('.devcontainer/devcontainer.json') // '.devcontainer'
 */
export function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/**
 * The file name part of a path.
 * @example baseName('docker/entrypoint.sh') // 'entrypoint.sh'
 */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
