import type { ResolvedDesign } from '@/lib/design/resolve';
import { explicitLockFileName } from '@/lib/solve/explicit-lock';
import { lockedSubdirs } from './conda-lock';
import { textFile, type GeneratedFile } from './types';

/** Generates .dockerignore as an allow-list: only the files the Dockerfile copies enter the build context. */
export function generateDockerignore(r: ResolvedDesign): GeneratedFile | null {
  if (!r.design.files.dockerignore) return null;
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
