#!/usr/bin/env bash
# Makes sure the system tools the test suite shells out to are present: shellcheck (generated scripts),
# unzip (zip modes), and a Chromium for Playwright. On a fresh Debian/Ubuntu machine as root it installs
# them with apt-get; anywhere else it says what is missing.
set -euo pipefail

missing=()
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
command -v unzip >/dev/null 2>&1 || missing+=(unzip)
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1 \
  && ! ls "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"/chromium* >/dev/null 2>&1; then
  missing+=(chromium)
fi

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} with apt-get ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

echo "Missing tools: ${missing[*]}." >&2
echo "Install them (Debian/Ubuntu: sudo apt-get install ${missing[*]}; or 'npx playwright install chromium' for the browser)." >&2
exit 1
