/** What Condocker knows about a base image, as of KNOWLEDGE_DATE. */
export interface BaseImageInfo {
  /** Image reference as written in FROM. */
  image: string;
  label: string;
  family: 'ubuntu' | 'debian';
  /** Distribution release, e.g. "24.04" or "12". */
  release: string;
  /** Last day of standard security support (ISO date). */
  endOfSupport: string;
  /** Last day of long-term support by the distribution's LTS team, where there is one (Debian LTS). */
  extendedUntil?: string;
  /** Users the image already has, by UID (beyond the base-passwd system users below 1000). */
  existingUsers: Record<number, string>;
  /** Is the image offered in the base image picker (false: known only to explain old designs). */
  offered: boolean;
  /** CUDA version of NVIDIA CUDA images. */
  cuda?: string;
  /** glibc version of the image's libc6 package: the `__glibc` virtual package conda sees in it. */
  glibc: string;
  source: string;
}

/** The date the facts in this folder were last checked; lint compares dates against it, never against a clock. */
export const KNOWLEDGE_DATE = '2026-11-24';

const UBUNTU_USER = { 1000: 'ubuntu' };
const UBUNTU_RELEASES = 'https://ubuntu.com/about/release-cycle';
const DEBIAN_RELEASES = 'https://wiki.debian.org/DebianReleases';
const CUDA_IMAGES = 'https://hub.docker.com/r/nvidia/cuda';

/**
 * Base images Condocker offers or recognises, newest first within a family. glibc: the libc6 package of each
 * release (packages.ubuntu.com, packages.debian.org); CUDA images have their Ubuntu's.
 */
export const BASE_IMAGES: readonly BaseImageInfo[] = [
  // Ubuntu 23.04 and later images ship a user "ubuntu" with UID/GID 1000 (jupyterhub/repo2docker#1346).
  { image: 'ubuntu:24.04', label: 'Ubuntu 24.04 LTS (Noble)', family: 'ubuntu', release: '24.04', endOfSupport: '2029-05-31', existingUsers: UBUNTU_USER, offered: true, glibc: '2.39', source: UBUNTU_RELEASES },
  { image: 'ubuntu:26.04', label: 'Ubuntu 26.04 LTS (Resolute)', family: 'ubuntu', release: '26.04', endOfSupport: '2031-05-31', existingUsers: UBUNTU_USER, offered: true, glibc: '2.43', source: UBUNTU_RELEASES },
  { image: 'ubuntu:22.04', label: 'Ubuntu 22.04 LTS (Jammy)', family: 'ubuntu', release: '22.04', endOfSupport: '2027-06-01', existingUsers: {}, offered: true, glibc: '2.35', source: UBUNTU_RELEASES },
  { image: 'debian:13-slim', label: 'Debian 13 slim (Trixie)', family: 'debian', release: '13', endOfSupport: '2028-08-09', existingUsers: {}, offered: true, glibc: '2.41', source: DEBIAN_RELEASES },
  { image: 'debian:12-slim', label: 'Debian 12 slim (Bookworm, LTS)', family: 'debian', release: '12', endOfSupport: '2026-06-10', extendedUntil: '2028-06-30', existingUsers: {}, offered: true, glibc: '2.36', source: DEBIAN_RELEASES },
  { image: 'nvidia/cuda:12.8.1-runtime-ubuntu24.04', label: 'NVIDIA CUDA 12.8 runtime (Ubuntu 24.04)', family: 'ubuntu', release: '24.04', endOfSupport: '2029-05-31', existingUsers: UBUNTU_USER, offered: true, cuda: '12.8', glibc: '2.39', source: CUDA_IMAGES },
  { image: 'nvidia/cuda:12.6.3-runtime-ubuntu24.04', label: 'NVIDIA CUDA 12.6 runtime (Ubuntu 24.04)', family: 'ubuntu', release: '24.04', endOfSupport: '2029-05-31', existingUsers: UBUNTU_USER, offered: true, cuda: '12.6', glibc: '2.39', source: CUDA_IMAGES },
  { image: 'ubuntu:20.04', label: 'Ubuntu 20.04 LTS (Focal)', family: 'ubuntu', release: '20.04', endOfSupport: '2025-05-31', existingUsers: {}, offered: false, glibc: '2.31', source: UBUNTU_RELEASES },
  { image: 'ubuntu:18.04', label: 'Ubuntu 18.04 LTS (Bionic)', family: 'ubuntu', release: '18.04', endOfSupport: '2023-05-31', existingUsers: {}, offered: false, glibc: '2.27', source: UBUNTU_RELEASES },
  { image: 'ubuntu:16.04', label: 'Ubuntu 16.04 LTS (Xenial)', family: 'ubuntu', release: '16.04', endOfSupport: '2021-04-30', existingUsers: {}, offered: false, glibc: '2.23', source: UBUNTU_RELEASES },
  { image: 'debian:11-slim', label: 'Debian 11 slim (Bullseye)', family: 'debian', release: '11', endOfSupport: '2024-08-14', extendedUntil: '2026-08-31', existingUsers: {}, offered: false, glibc: '2.31', source: DEBIAN_RELEASES },
];

/** The known base image for a reference (tag and digest compared without the digest), if any. */
export function findBaseImage(image: string): BaseImageInfo | undefined {
  const withoutDigest = image.split('@')[0];
  const withoutLibrary = withoutDigest.replace(/^(?:docker\.io\/)?(?:library\/)?/, '');
  return BASE_IMAGES.find((info) => info.image === withoutLibrary);
}
