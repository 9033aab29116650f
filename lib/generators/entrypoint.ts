import type { ResolvedDesign } from '@/lib/design/resolve';
import { scriptFile, type GeneratedFile } from './types';

function activationLines(r: ResolvedDesign, comments: boolean): string[] {
  if (r.design.compat.profileActivation)
    // The recipe's way: the login shell has read ~/.profile, which defines the activate function.
    return [`${r.condaCommand} activate "$ENV_PREFIX"`];
  const executable = r.condaExecutable;
  const hook = r.condaCommand === 'micromamba' ? `"${executable}" shell hook --shell bash` : `"${executable}" shell.bash hook`;
  return [
    ...(comments
      ? [
          '# `eval "$(conda shell.bash hook)"` would hide a missing or failing conda from `set -e` (eval of nothing',
          '# succeeds), and `docker run` would go on without the environment: fail loudly and name the path instead.',
        ]
      : []),
    `if ! hook=$(${hook}); then`,
    `  echo "entrypoint.sh: cannot run ${executable} to activate the environment; was the image built completely?" >&2`,
    '  exit 1',
    'fi',
    ...(comments ? ["# No `set -u`: packages' activation scripts may read unset variables."] : []),
    'eval "${hook}"',
    `if ! ${r.condaCommand} activate "\${ENV_PREFIX}"; then`,
    '  echo "entrypoint.sh: cannot activate the environment at ${ENV_PREFIX}" >&2',
    '  exit 1',
    'fi',
  ];
}

/** Generates docker/entrypoint.sh: activate the environment, then exec the command in the shell's place. */
export function generateEntrypoint(r: ResolvedDesign): GeneratedFile {
  const comments = r.design.dockerfile.comments;
  const login = r.design.compat.profileActivation;
  const lines = [
    login ? '#!/bin/bash --login' : '#!/bin/bash',
    ...(comments
      ? ['# Activates the conda environment, then replaces this shell with the command (exec), so that', '# signals such as the one `docker stop` sends reach it.']
      : []),
    login ? 'set -e' : 'set -eo pipefail',
    '',
    ...activationLines(r, comments),
    'exec "$@"',
  ];
  return scriptFile('docker/entrypoint.sh', `${lines.join('\n')}\n`);
}
