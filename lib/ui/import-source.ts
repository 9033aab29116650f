// What the Import dialog needs besides lib/import: the size limit checked before reading a file, the file name
// to give pasted text (lib/import picks its parser from the name) and a summary of what an import brings in.
import type { Design } from '@/lib/design/schema';

// The files the `files` switches add, as the preview and the zip name them.
const COMPANION_FILE_NAMES: Record<string, string> = {
  dockerignore: '.dockerignore',
  compose: 'docker-compose.yml',
  readme: 'README.md',
  makefile: 'Makefile',
  devcontainer: '.devcontainer/devcontainer.json',
  githubWorkflow: '.github/workflows/build.yml',
};
const companionFileName = (key: string) => COMPANION_FILE_NAMES[key] ?? key;

/** "off", or how pip installs the project: "editable, extras dev, test". */
function projectInstall({ project: { install } }: Design): string {
  if (!install.enabled) return 'off';
  return [install.editable ? 'editable' : 'copied', ...(install.extras.length ? [`extras ${install.extras.join(', ')}`] : [])].join(', ');
}

/** Largest file the page reads for an import, in bytes. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/**
 * Why a file is too large to import, or null when it may be read.
 * @example importSizeError('huge.zip', 6 * 1024 * 1024) // 'huge.zip is 6.0 MB; Condocker imports files up to 5 MB.'
 */
export function importSizeError(name: string, bytes: number): string | null {
  if (bytes <= MAX_IMPORT_BYTES) return null;
  return `${name} is ${(bytes / 1024 / 1024).toFixed(1)} MB; Condocker imports files up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`;
}

/**
 * Is this file read as bytes (a zip) rather than as text?
 * @example isZipFile('project.ZIP', '') // true
 */
export function isZipFile(name: string, mimeType: string): boolean {
  return /\.zip$/i.test(name) || mimeType === 'application/zip' || mimeType === 'application/x-zip-compressed';
}

/** The kinds of pasted text the dialog offers; the value is the file name handed to importFile. */
export const PASTE_KINDS = [
  { value: 'environment.yml', label: 'environment.yml (conda)' },
  { value: 'requirements.txt', label: 'requirements.txt (pip)' },
  { value: 'apt.txt', label: 'apt.txt (system packages)' },
  { value: 'condocker.json', label: 'Condocker design (JSON)' },
  { value: 'condocker.yaml', label: 'Condocker design (YAML)' },
  { value: 'Dockerfile', label: 'Dockerfile' },
  { value: 'postBuild', label: 'postBuild script' },
] as const;

/** A file name importFile understands for pasted text. */
export type PasteKind = (typeof PASTE_KINDS)[number]['value'];

const DESIGN_KEYS = /^(?:schemaVersion|project|base|conda|pip|apt|user|runtime|gpu|files|compat|postBuild|paths|dockerfile):/m;
const ENVIRONMENT_KEYS = /^(?:name|channels|dependencies|prefix|variables):/m;

/**
 * The most likely kind of pasted text: a JSON object is a design, YAML with design keys a design, YAML with
 * `dependencies:`/`channels:` an environment.yml, `FROM …` a Dockerfile, `#!…` a postBuild, anything else a
 * requirements.txt (the user can pick apt.txt).
 * @example guessPasteKind('name: demo\ndependencies:\n  - numpy\n') // 'environment.yml'
 */
export function guessPasteKind(text: string): PasteKind {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) return 'condocker.json';
  if (/^(?:#\s*syntax=|FROM\s|ARG\s)/i.test(trimmed)) return 'Dockerfile';
  if (trimmed.startsWith('#!')) return 'postBuild';
  if (ENVIRONMENT_KEYS.test(text) && !/^(?:conda|pip|apt|schemaVersion):/m.test(text)) return 'environment.yml';
  if (DESIGN_KEYS.test(text)) return 'condocker.yaml';
  return 'requirements.txt';
}

/**
 * One line per part of the design an import changes, for "what was imported".
 * @example summarizeChanges(DEFAULT_DESIGN, { ...DEFAULT_DESIGN, apt: { packages: ['git'] } }) // ['System packages (1): git']
 */
export function summarizeChanges(before: Design, after: Design): string[] {
  const lines: string[] = [];
  const list = (label: string, items: readonly string[], old: readonly string[]) => {
    if (JSON.stringify(items) === JSON.stringify(old)) return;
    lines.push(items.length === 0 ? `${label}: none` : `${label} (${items.length}): ${items.join(', ')}`);
  };
  const value = (label: string, item: string | number | boolean, old: string | number | boolean) => {
    if (item !== old) lines.push(`${label}: ${item === '' ? '(empty)' : String(item)}`);
  };
  const gpu = (design: Design) => (design.gpu.enabled ? `on (CUDA ${design.gpu.cudaVersion})` : 'off');
  const on = (flags: Record<string, boolean>) => Object.keys(flags).filter((key) => flags[key]);
  value('Project name', after.project.name, before.project.name);
  value('Description', after.project.description, before.project.description);
  value('Install this project', projectInstall(after), projectInstall(before));
  value('Base image', after.base.image, before.base.image);
  list('Platforms', after.base.platforms, before.base.platforms);
  value('Installer', after.conda.installer, before.conda.installer);
  value('Installer version', after.conda.installerVersion, before.conda.installerVersion);
  list('Channels', after.conda.channels, before.conda.channels);
  value('Python version', after.conda.pythonVersion, before.conda.pythonVersion);
  value('Channel priority', after.conda.channelPriority, before.conda.channelPriority);
  list('Conda packages', after.conda.packages, before.conda.packages);
  list('Pip packages', after.pip.packages, before.pip.packages);
  value('Pip index URL', after.pip.indexUrl, before.pip.indexUrl);
  list('Extra pip index URLs', after.pip.extraIndexUrls, before.pip.extraIndexUrls);
  list('System packages', after.apt.packages, before.apt.packages);
  value('User name', after.user.name, before.user.name);
  value('User ID', after.user.uid, before.user.uid);
  value('Group ID', after.user.gid, before.user.gid);
  value('Conda install directory', after.paths.condaRoot, before.paths.condaRoot);
  value('Environment prefix', after.paths.envPrefix, before.paths.envPrefix);
  value('Project directory', after.paths.projectDir, before.paths.projectDir);
  list('JupyterLab extensions', after.postBuild.jupyterExtensions, before.postBuild.jupyterExtensions);
  if (after.postBuild.script !== before.postBuild.script)
    lines.push(after.postBuild.script === '' ? 'Post-build script: none' : `Post-build script: ${after.postBuild.script.split('\n').length} lines`);
  value('Command', after.runtime.command, before.runtime.command);
  list('Custom command', after.runtime.customCommand, before.runtime.customCommand);
  value('Port', after.runtime.port, before.runtime.port);
  list('Environment variables', after.runtime.env.map((v) => `${v.name}=${v.value}`), before.runtime.env.map((v) => `${v.name}=${v.value}`));
  value('GPU', gpu(after), gpu(before));
  list('Companion files', on(after.files).map(companionFileName), on(before.files).map(companionFileName));
  value('Explanatory comments', after.dockerfile.comments ? 'on' : 'off', before.dockerfile.comments ? 'on' : 'off');
  list('2020 recipe compatibility', on(after.compat), on(before.compat));
  return lines;
}
