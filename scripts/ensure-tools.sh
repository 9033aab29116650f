#!/usr/bin/env bash
# Makes sure the system tools the test suite shells out to are present: shellcheck (generated scripts),
# unzip (zip modes), zstd (real compressed sharded repodata in lib/suggest tests and bench:suggest), a Chromium for
# Playwright, and for the real-build tier buildah, podman, debootstrap and runc.
# On a fresh Debian/Ubuntu machine as root it installs them with apt-get; anywhere else it says what is missing
# (the real-build tier then skips with its own message; CI always runs it).
set -euo pipefail

missing=()
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
command -v unzip >/dev/null 2>&1 || missing+=(unzip)
command -v zstd >/dev/null 2>&1 || missing+=(zstd)
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1 \
  && ! ls "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"/chromium* >/dev/null 2>&1; then
  missing+=(chromium)
fi

as_root_with_apt=false
[ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1 && as_root_with_apt=true
if $as_root_with_apt; then
  for tool in buildah podman debootstrap runc; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  # overlay storage for buildah/podman without a kernel overlay mount helper
  [ ${#missing[@]} -eq 0 ] || missing+=(fuse-overlayfs)
fi

[ ${#missing[@]} -eq 0 ] && exit 0

if $as_root_with_apt; then
  echo "Installing ${missing[*]} with apt-get ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

echo "Missing tools: ${missing[*]}." >&2
echo "Install them (Debian/Ubuntu: sudo apt-get install ${missing[*]}; or 'npx playwright install chromium' for the browser)." >&2
exit 1
