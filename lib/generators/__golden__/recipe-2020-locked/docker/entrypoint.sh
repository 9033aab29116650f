#!/bin/bash --login
# Activates the conda environment, then replaces this shell with the command (exec), so that
# signals such as the one `docker stop` sends reach it.
set -e

conda activate "$ENV_PREFIX"
exec "$@"
