#!/usr/bin/env bash
# Makes the two base images the real-build tier builds on, without a registry:
#   localhost/condocker-debian:bookworm       debootstrap --variant=minbase, with the official images' apt settings
#   localhost/condocker-ubuntu-like:bookworm  the same plus user/group "ubuntu" at UID/GID 1000, as ubuntu:24.04 ships
# Usage: make-bases.sh STORAGE_DIR CACHE_DIR. The debootstrapped rootfs is cached in CACHE_DIR; the images go into
# the tier's own container storage (never the host's).
set -euo pipefail

storage=$1
cache=$2
# One run at a time: `npm test` starts one early in the background (scripts/start-bases.sh) and the tier's own run
# waits here for it, then finds everything made.
mkdir -p "$cache"
exec 9> "$cache/make-bases.lock"
flock 9
buildah=(buildah --root "$storage/root" --runroot "$storage/run" --storage-driver overlay)
rootfs="$cache/rootfs-bookworm"

# The mirror apt on this machine already uses, so no host is written into the repository.
apt_mirror() {
  local uri
  uri=$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -n 1 || true)
  [ -n "$uri" ] || uri=$(grep -hsE '^deb ' /etc/apt/sources.list | awk '{print $2}' | grep -v security | head -n 1 || true)
  [ -n "$uri" ] || { echo "No Debian mirror found in /etc/apt/sources*" >&2; exit 1; }
  echo "$uri"
}

if [ ! -f "$rootfs/.complete" ]; then
  rm -rf "$rootfs"
  # adduser: ubuntu:16.04, the 2020 recipe's base, had it; the recommended output never calls it (useradd only).
  debootstrap --variant=minbase --include=adduser bookworm "$rootfs" "$(apt_mirror)" > "$cache/debootstrap.log" 2>&1 \
    || { tail -n 20 "$cache/debootstrap.log" >&2; exit 1; }
  # What Debian's official images configure for apt inside containers (written here in our own words):
  # no .deb or package caches kept after installs, no translations, gzipped lists, no suggested packages kept.
  cat > "$rootfs/etc/apt/apt.conf.d/docker-clean" <<'CONF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
CONF
  echo 'Acquire::Languages "none";' > "$rootfs/etc/apt/apt.conf.d/docker-no-languages"
  echo 'Acquire::GzipIndexes "true";' > "$rootfs/etc/apt/apt.conf.d/docker-gzip-indexes"
  echo 'Apt::AutoRemove::SuggestsImportant "false";' > "$rootfs/etc/apt/apt.conf.d/docker-autoremove-suggests"
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb
  touch "$rootfs/.complete"
fi

image_exists() { "${buildah[@]}" inspect --type image "$1" > /dev/null 2>&1; }

if ! image_exists localhost/condocker-debian:bookworm; then
  ctr=$("${buildah[@]}" from scratch)
  mnt=$("${buildah[@]}" mount "$ctr")
  cp -a "$rootfs/." "$mnt/"
  rm -f "$mnt/.complete"
  "${buildah[@]}" umount "$ctr" > /dev/null
  "${buildah[@]}" config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --cmd bash "$ctr"
  "${buildah[@]}" commit --quiet --format docker --rm "$ctr" localhost/condocker-debian:bookworm > /dev/null
fi

if ! image_exists localhost/condocker-ubuntu-like:bookworm; then
  ctr=$("${buildah[@]}" from --pull=never localhost/condocker-debian:bookworm)
  "${buildah[@]}" run --isolation chroot --runtime runc "$ctr" -- sh -c \
    'groupadd --gid 1000 ubuntu && useradd --uid 1000 --gid 1000 --create-home --shell /bin/bash ubuntu'
  "${buildah[@]}" commit --quiet --format docker --rm "$ctr" localhost/condocker-ubuntu-like:bookworm > /dev/null
fi
