#!/bin/bash
# Activates the conda environment, then replaces this shell with the command (exec), so that
# signals such as the one `docker stop` sends reach it.
set -eo pipefail

# `eval "$(conda shell.bash hook)"` would hide a missing or failing conda from `set -e` (eval of nothing
# succeeds), and `docker run` would go on without the environment: fail loudly and name the path instead.
if ! hook=$("${CONDA_DIR}/bin/conda" shell.bash hook); then
  echo "entrypoint.sh: cannot run ${CONDA_DIR}/bin/conda to activate the environment; was the image built completely?" >&2
  exit 1
fi
# No `set -u`: packages' activation scripts may read unset variables.
eval "${hook}"
if ! conda activate "${ENV_PREFIX}"; then
  echo "entrypoint.sh: cannot activate the environment at ${ENV_PREFIX}" >&2
  exit 1
fi
exec "$@"
