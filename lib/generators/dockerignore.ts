import type { ResolvedDesign } from '@/lib/design/resolve';
import { explicitLockFileName } from '@/lib/solve/explicit-lock';
import { lockedSubdirs } from './conda-lock';
import { textFile, type GeneratedFile } from './types';

// What must never reach the image when the whole project is copied. Docker matches each pattern from the context
// root; a leading "**/" matches at any depth, the root included (moby/patternmatcher).
const KEPT_OUT: ReadonlyArray<{ comment: string; patterns: string[] }> = [
  { comment: 'Version control.', patterns: ['.git', '.hg', '.svn'] },
  { comment: 'Secrets: environment files, keys and certificates, credentials.', patterns: ['**/.env', '**/.env.*', '**/*.pem', '**/*.key', '**/id_rsa*', '**/id_ed25519*', '.ssh', '.aws', '.netrc', '.pypirc'] },
  { comment: 'Data: mount it at run time instead of baking it into the image.', patterns: ['data'] },
  { comment: 'Caches and local environments (the image builds its own).', patterns: ['**/__pycache__', '**/*.py[cod]', '**/.ipynb_checkpoints', '.venv', 'venv', '**/node_modules', '.pytest_cache', '.mypy_cache', '.ruff_cache', '.tox', '.nox', '.cache', '.coverage', 'htmlcov'] },
  { comment: 'Build artefacts: pip builds the project afresh.', patterns: ['build', 'dist', '**/*.egg-info', '.eggs'] },
  { comment: 'Editor and OS clutter.', patterns: ['**/.DS_Store', '.idea'] },
];

/** A path under the project directory as a .dockerignore pattern (relative to the context root), or undefined. */
function insideProject(path: string, projectDir: string): string | undefined {
  return path.startsWith(`${projectDir}/`) ? path.slice(projectDir.length + 1) : undefined;
}

/** The deny-list for a design that copies the whole project: the source goes in, everything in KEPT_OUT stays out. */
function denyList(r: ResolvedDesign): string {
  const comments = r.design.dockerfile.comments;
  // A local copy of the env (the recipe's $HOME/app/env layout) must not be copied over the image's.
  const env = insideProject(r.envPrefix, r.projectDir);
  const groups = [...KEPT_OUT, ...(env ? [{ comment: 'The environment itself: the image builds its own.', patterns: [env] }] : [])];
  const header = comments
    ? '# The Dockerfile copies the project itself, so everything is sent but what is listed here: data, secrets,\n# version control and caches stay out. Add a line for each file or folder of yours that must stay out too.\n\n'
    : '';
  return header + groups.map(({ comment, patterns }) => `${comments ? `# ${comment}\n` : ''}${patterns.join('\n')}\n`).join(comments ? '\n' : '');
}

/**
 * Generates .dockerignore: an allow-list of the files the Dockerfile copies, or a deny-list when it copies the whole
 * project (the design installs the project itself).
 */
export function generateDockerignore(r: ResolvedDesign): GeneratedFile | null {
  if (!r.design.files.dockerignore) return null;
  if (r.projectInstall) return textFile('.dockerignore', denyList(r), 'plaintext');
  // With a lock the Dockerfile copies the lock files instead of environment.yml.
  const allowed = [
    ...(r.lock ? lockedSubdirs(r).map(explicitLockFileName) : ['environment.yml']),
    ...(r.requirementLines.length ? ['requirements.txt'] : []),
    ...(r.hasPostBuild ? ['postBuild'] : []),
    'docker/entrypoint.sh',
  ];
  const header = r.design.dockerfile.comments
    ? '# Send only what the Dockerfile copies: a small context builds faster and keeps data and secrets out.\n# Add a "!path" line for each file you COPY yourself.\n'
    : '';
  return textFile('.dockerignore', `${header}*\n${allowed.map((path) => `!${path}`).join('\n')}\n`, 'plaintext');
}
