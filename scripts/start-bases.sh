#!/usr/bin/env bash
# Starts making the real-build tier's base images (realbuild/make-bases.sh: debootstrap, about a minute, mostly
# waiting on the Debian mirror) in the background when `npm test` begins, so that it overlaps the type check and the
# unit tests instead of delaying the tier, which runs last. The tier's own run of make-bases.sh waits for this one
# (flock) and then finds the bases made. Does nothing where the tier cannot run (not root, not Linux, tools missing).
set -euo pipefail
cd "$(dirname "$0")/.."

[ "$(uname -s)" = Linux ] && [ "$(id -u)" -eq 0 ] || exit 0
for tool in buildah debootstrap flock; do command -v "$tool" >/dev/null 2>&1 || exit 0; done

# The same folders as realbuild/containers.ts.
cache=$(realpath -m "${CONDOCKER_REALBUILD_CACHE:-.cache/real-build}")
storage=$(realpath -m "${CONDOCKER_REALBUILD_STORAGE:-$cache/storage}")
mkdir -p "$cache" "$storage/tmp"
TMPDIR="$storage/tmp" setsid nohup bash realbuild/make-bases.sh "$storage" "$cache" > "$cache/make-bases-early.log" 2>&1 < /dev/null &
echo "Making the real-build bases in the background (log: $cache/make-bases-early.log)."
