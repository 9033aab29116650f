import type { ResolvedDesign } from '@/lib/design/resolve';
import { scriptFile, type GeneratedFile } from './types';

function activationLines(r: ResolvedDesign): string[] {
  if (r.design.compat.profileActivation)
    // The recipe's way: the login shell has read ~/.profile, which defines the activate function.
    return [`${r.condaCommand} activate "$ENV_PREFIX"`];
  if (r.condaCommand === 'micromamba')
    return ['eval "$(micromamba shell hook --shell bash)"', 'micromamba activate "${ENV_PREFIX}"'];
  return ['eval "$("${CONDA_DIR}/bin/conda" shell.bash hook)"', 'conda activate "${ENV_PREFIX}"'];
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
    ...(comments && !login ? ["# No `set -u`: packages' activation scripts may read unset variables."] : []),
    ...activationLines(r),
    'exec "$@"',
  ];
  return scriptFile('docker/entrypoint.sh', `${lines.join('\n')}\n`);
}
