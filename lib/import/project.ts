// Several files of one project (a downloaded zip, or files picked together) → one design. With a Dockerfile the
// files are a whole Condocker project: the design is rebuilt from all of them, starting from the defaults, and then
// generated again and compared file by file, so that whatever the design cannot hold (hand edits, unknown files)
// is reported instead of lost silently. Without a Dockerfile the files are merged into the base design.
import { load } from 'js-yaml';
import { DEFAULT_DESIGN, type Design } from '@/lib/design/schema';
import { generateFiles } from '@/lib/generators';
import { readAptTxt } from './apt-txt';
import { createDraft, finalizeDraft, getDraftValue, setDraftField, setDraftList, warningAt, type DesignDraft } from './common';
import { applyDockerfile, checkDockerfileSize, readDockerfile, type DockerfileContent } from './dockerfile';
import { applyEnvironment, readEnvironmentYml } from './environment-yml';
import { LOCK_PATHS, applyImportedLock } from './lock';
import { applyPostBuild, readPostBuild } from './post-build';
import { addRequirementsText, appendPipContent, applyPipContent, emptyPipContent, reportCondaForgePackages, reportMixedHashes } from './requirements-txt';
import type { ImportResult, ImportWarning } from './types';

/** One file of a project, by its path inside the project. */
export interface ProjectFile {
  path: string;
  content: string;
}

/** The files Condocker writes whose presence is a design choice (DESIGN.md "companions"). */
const COMPANION_FLAGS: ReadonlyArray<readonly [string, keyof Design['files']]> = [
  ['.dockerignore', 'dockerignore'],
  ['docker-compose.yml', 'compose'],
  ['README.md', 'readme'],
  ['Makefile', 'makefile'],
  ['.devcontainer/devcontainer.json', 'devcontainer'],
  ['.github/workflows/build.yml', 'githubWorkflow'],
];
const ENVIRONMENT_FILES = ['environment.yml', 'environment.yaml'];
/** Every path the generators can write; anything else in a project is not part of a design. */
const GENERATED_PATHS = new Set([
  'Dockerfile',
  'environment.yml',
  'requirements.txt',
  'postBuild',
  'docker/entrypoint.sh',
  'apt.txt',
  ...LOCK_PATHS,
  ...COMPANION_FLAGS.map(([path]) => path),
]);

// A browser's file picker gives names without folders; these generated files live in one.
const NESTED_PATH_BY_NAME = new Map([...GENERATED_PATHS].filter((path) => path.includes('/')).map((path) => [path.slice(path.lastIndexOf('/') + 1), path]));

/**
 * The path in a project of a file picked by name only: a generated file's own folder, else the name itself.
 * @example projectPathOf('build.yml') // '.github/workflows/build.yml'
 */
export function projectPathOf(name: string): string {
  return NESTED_PATH_BY_NAME.get(name) ?? name;
}

/** Removes one folder that holds every file (a zip made of "project/…"), so paths read as in the project. */
function stripTopFolder(files: readonly ProjectFile[]): ProjectFile[] {
  const top = files[0]?.path.split('/')[0];
  const shared = top !== undefined && files.every((file) => file.path.startsWith(`${top}/`));
  return shared ? files.map((file) => ({ ...file, path: file.path.slice(top.length + 1) })) : [...files];
}

/** The first line where two texts differ (1-based). */
function firstDifference(expected: string, actual: string): number {
  const a = expected.split('\n');
  const b = actual.replace(/\r\n?/g, '\n').split('\n');
  const length = Math.max(a.length, b.length);
  for (let index = 0; index < length; index += 1) if (a[index] !== b[index]) return index + 1;
  return length;
}

/** The published port of the compose file's service ("8888:8888" or the long syntax), if any. */
function composePort(text: string): string | undefined {
  let document: unknown;
  try {
    document = load(text, { maxAliases: 0 });
  } catch {
    return undefined;
  }
  const services = (document as { services?: Record<string, { ports?: unknown[] }> } | undefined)?.services;
  const port = Object.values(services ?? {})[0]?.ports?.[0];
  if (port && typeof port === 'object' && 'published' in port) return String((port as { published: unknown }).published);
  return typeof port === 'string' || typeof port === 'number' ? String(port).split(':')[0] : undefined;
}

/** Values the Dockerfile may not carry (recipe layout, no checksum), read from the companion files instead. */
function fillFromCompanions(draft: DesignDraft, dockerfile: DockerfileContent, byPath: Map<string, string>): void {
  const readme = byPath.get('README.md');
  const compose = byPath.get('docker-compose.yml');
  const lineIn = (text: string, index: number) => text.slice(0, index).split('\n').length;
  if (!dockerfile.platforms) {
    const finders: Array<[string, (text: string) => RegExpMatchArray | null | undefined]> = [
      ['Makefile', (text) => /^PLATFORMS \?= (.+)$/m.exec(text)],
      ['README.md', (text) => /^Platforms: (.+?)\. /m.exec(text)],
      // The last `platforms:` is the final build's, for every platform (the smoke test's build comes first).
      ['.github/workflows/build.yml', (text) => [...text.matchAll(/^ +platforms: (linux\/\S+)$/gm)].at(-1)],
    ];
    for (const [file, find] of finders) {
      const text = byPath.get(file);
      const match = text === undefined ? undefined : find(text);
      if (text === undefined || !match) continue;
      setDraftField(draft, 'base.platforms', match[1].split(/,\s*/), { file, line: lineIn(text, match.index ?? 0) });
      break;
    }
  }
  if (!dockerfile.port) {
    const fromCompose = compose === undefined ? undefined : composePort(compose);
    const fromReadme = readme && /\(port (\d+)\)/.exec(readme)?.[1];
    const port = fromCompose ?? fromReadme;
    if (port) setDraftField(draft, 'runtime.port', Number(port), { file: fromCompose ? 'docker-compose.yml' : 'README.md' });
  }
  if (!dockerfile.description && readme) {
    // README.md: "# name", blank line, then the description (if any) before "## Build".
    const lines = readme.split('\n');
    const description = lines[1] === '' && lines[2] !== undefined && !lines[2].startsWith('## ') ? lines[2] : '';
    setDraftField(draft, 'project.description', description, { file: 'README.md', line: 3 });
  }
}

/** Compares the files the design generates with the project's and reports each difference. */
function compareWithGenerated(design: Design, byPath: Map<string, string>, warnings: ImportWarning[]): void {
  const generated = generateFiles(design);
  for (const file of generated) {
    const original = byPath.get(file.path);
    if (original === undefined) {
      warnings.push({ file: file.path, message: `${file.path} was not in the import; the design generates it.`, severity: 'info' });
      continue;
    }
    if (original.replace(/\r\n?/g, '\n') === file.content) continue;
    const line = firstDifference(file.content, original);
    warnings.push(
      warningAt(
        { file: file.path, line },
        `${file.path} differs from what the imported design generates, from line ${line} on: a hand edit there is not part of the design and would be lost on the next download.`,
      ),
    );
  }
  for (const path of byPath.keys()) {
    if (GENERATED_PATHS.has(path) && !generated.some((file) => file.path === path))
      warnings.push({ file: path, message: `${path} is in the import, but the imported design does not generate it.` });
  }
}

/**
 * Imports the files of one project. With a Dockerfile, a whole Condocker project: the design is rebuilt from the
 * defaults and every file, then regenerated and compared, and each difference is reported. Without one, the
 * environment, requirements, apt and postBuild files found are merged into `base` (default DEFAULT_DESIGN).
 * @example importProjectFiles(generateFiles(design).map(({ path, content }) => ({ path, content }))) // { ok: true, design: … }
 */
export function importProjectFiles(files: readonly ProjectFile[], base: Design = DEFAULT_DESIGN): ImportResult {
  const stripped = stripTopFolder(files);
  const byPath = new Map(stripped.map((file) => [file.path, file.content]));
  const companions = Object.fromEntries(byPath);
  const warnings: ImportWarning[] = [];
  const dockerfileText = byPath.get('Dockerfile');
  const wholeProject = dockerfileText !== undefined;
  const draft = createDraft(wholeProject ? DEFAULT_DESIGN : base);

  let dockerfile: DockerfileContent | undefined;
  if (dockerfileText !== undefined) {
    const tooLarge = checkDockerfileSize(dockerfileText, 'Dockerfile');
    if (tooLarge) return { ok: false, error: tooLarge };
    dockerfile = readDockerfile(dockerfileText, 'Dockerfile', warnings);
    applyDockerfile(draft, dockerfile, warnings, 'Dockerfile');
  }

  const environmentPath = ENVIRONMENT_FILES.find((path) => byPath.has(path));
  const requirementsRead: string[] = [];
  if (environmentPath) {
    const read = readEnvironmentYml(byPath.get(environmentPath) as string, { file: environmentPath, companions, warnings });
    if (!read.ok) return read;
    applyEnvironment(draft, read.content, warnings, environmentPath);
    requirementsRead.push(...(read.content.pip?.filesRead ?? []));
    // The Dockerfile repeats the variables as ENV; environment.yml has them exactly, unless it has none.
    if (!read.content.variables && dockerfile && dockerfile.env.length > 0) setDraftList(draft, 'runtime.env', dockerfile.env);
  } else if (wholeProject) warnings.push({ file: 'environment.yml', message: 'environment.yml is missing: the conda packages, channels and Python version are the defaults.' });

  // requirements.txt first, then any other requirements file picked together that no -r reached.
  const requirementPaths = [...byPath.keys()].filter((path) => (wholeProject ? path === 'requirements.txt' : path !== 'apt.txt' && /\.(?:txt|in)$/.test(path)));
  requirementPaths.sort((a, b) => Number(b === 'requirements.txt') - Number(a === 'requirements.txt'));
  let pipApplied = environmentPath !== undefined;
  for (const path of requirementPaths) {
    if (requirementsRead.includes(path)) continue;
    const pip = emptyPipContent();
    addRequirementsText(pip, byPath.get(path) as string, { file: path, companions, warnings });
    requirementsRead.push(path, ...pip.filesRead);
    if (!pipApplied) applyPipContent(draft, pip);
    else {
      // pip would not install it through the files read before, but it was imported on purpose: add its packages.
      appendPipContent(draft, pip);
      warnings.push({
        file: path,
        message: environmentPath
          ? `${path} is not referenced by ${environmentPath} ("- pip: [-r ${path}]"); its packages were added to the pip packages.`
          : `${path} is not referenced by the other requirements files ("-r ${path}"); its packages were added to the pip packages.`,
        severity: 'info',
      });
    }
    pipApplied = true;
  }

  for (const path of byPath.keys())
    if (!GENERATED_PATHS.has(path) && !ENVIRONMENT_FILES.includes(path) && !requirementsRead.includes(path))
      warnings.push({ file: path, message: `Ignored ${path}: Condocker does not generate it, so it is not part of a design.`, severity: 'info' });

  const apt = byPath.get('apt.txt');
  if (apt !== undefined) setDraftList(draft, 'apt.packages', readAptTxt(apt, 'apt.txt', warnings));
  else if (wholeProject && !dockerfile?.aptPackages?.length) setDraftList(draft, 'apt.packages', []);

  const postBuild = byPath.get('postBuild');
  if (postBuild !== undefined) applyPostBuild(draft, readPostBuild(postBuild, 'postBuild', warnings));
  else if (wholeProject) {
    setDraftList(draft, 'postBuild.jupyterExtensions', []);
    setDraftField(draft, 'postBuild.script', '', {});
  }

  if (wholeProject && dockerfile) {
    for (const [path, flag] of COMPANION_FLAGS) setDraftField(draft, `files.${flag}`, byPath.has(path), {});
    fillFromCompanions(draft, dockerfile, byPath);
  }

  const pipOrigins = draft.lists.get('pip.packages') ?? [];
  const pipPackages = getDraftValue(draft, 'pip.packages') as string[];
  const pipEntries = pipPackages.map((value, index) => ({ value, origin: pipOrigins[index] ?? {} }));
  reportMixedHashes(pipEntries, warnings);
  reportCondaForgePackages(draft, pipEntries, warnings);
  const result = finalizeDraft(draft, warnings, 'the imported files');
  if (!result.ok || !wholeProject) return result;
  const design = applyImportedLock(result.design, byPath, result.warnings);
  compareWithGenerated(design, byPath, result.warnings);
  return { ...result, design };
}
