#!/bin/bash
# Activates the conda environment, then replaces this shell with the command (exec), so that
# signals such as the one `docker stop` sends reach it.
set -eo pipefail

# No `set -u`: packages' activation scripts may read unset variables.
eval "$("${CONDA_DIR}/bin/conda" shell.bash hook)"
conda activate "${ENV_PREFIX}"
exec "$@"
