import { z } from 'zod';
import { condaChannel, condaSpec, pipLine } from './fields';

// The lock a design carries after "Lock": what the solver chose per platform and the pip versions checked. A lock
// arrives from share links, imported files and the API, and its values end up in lock files, requirements.txt and
// (file names only) the Dockerfile, so every field is a strict pattern: no value can carry a newline, a quote, a
// space, a "#" or a YAML key. Package URLs are not stored: channel + subdir + name-version-build + ext derive them.

/** The conda subdirs a lock holds packages of. */
export const LOCK_PLATFORMS = ['linux-64', 'linux-aarch64'] as const;
/** Subdirs a locked package may come from. */
export const LOCK_SUBDIRS = ['linux-64', 'linux-aarch64', 'noarch'] as const;
/** Archive formats conda installs. */
export const LOCK_EXTENSIONS = ['.conda', '.tar.bz2'] as const;

// conda package names: lower case (conda-build refuses upper case), digits, "_", ".", "-".
const PACKAGE_NAME = /^[a-z0-9_][a-z0-9_.-]{0,127}$/;
// conda versions and build strings never contain "-": the archive name is split on it (name-version-build).
const PACKAGE_VERSION = /^[A-Za-z0-9_][A-Za-z0-9_.+!]{0,63}$/;
const BUILD_STRING = /^[A-Za-z0-9_][A-Za-z0-9_.+]{0,127}$/;
// A channel base URL as the lock writes it: http(s), host, optional port, path segments, no trailing slash.
const CHANNEL_URL = /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?(?:\/[A-Za-z0-9._~+-]+)*$/;
// The environment's virtual packages as name=version=build (rattler's GenericVirtualPackage).
const VIRTUAL_PACKAGE = /^__[a-z0-9_]+=[A-Za-z0-9_.+]+=[A-Za-z0-9_.+]+$/;
// PEP 440 public and local versions, as PyPI publishes them.
const PEP440_VERSION = /^(?:\d+!)?\d+(?:\.\d+)*(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)\d*)?(?:[-_.]?(?:post|rev|r)\d*|-\d+)?(?:[-_.]?dev\d*)?(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?$/i;

const MAX_PACKAGES = 5000;

/** One locked conda package (its URL is `channels[channel]/subdir/name-version-build.ext`). */
export const lockedPackageSchema = z.object({
  name: z.string().regex(PACKAGE_NAME, {
    error: 'Lock: package name must be lower-case letters, digits, "_", "." or "-", e.g. "numpy".',
  }),
  version: z.string().regex(PACKAGE_VERSION, {
    error: 'Lock: package version must be letters, digits, "_", ".", "+" or "!" (no "-" or spaces), e.g. "2.1.3".',
  }),
  build: z.string().regex(BUILD_STRING, {
    error: 'Lock: build string must be letters, digits, "_", "." or "+" (no "-" or spaces), e.g. "py312h8753938_0".',
  }),
  channel: z
    .number({ error: 'Lock: channel must be the index of a lock channel, e.g. 0.' })
    .int({ error: 'Lock: channel must be a whole number, the index of a lock channel, e.g. 0.' })
    .min(0, { error: 'Lock: channel must be 0 or more, e.g. 0.' })
    .max(19, { error: 'Lock: channel must be at most 19 (20 channels), e.g. 0.' }),
  subdir: z.enum(LOCK_SUBDIRS, { error: 'Lock: subdir must be "linux-64", "linux-aarch64" or "noarch".' }),
  ext: z.enum(LOCK_EXTENSIONS, { error: 'Lock: ext must be ".conda" or ".tar.bz2".' }),
  md5: z.string().regex(/^[0-9a-f]{32}$/, { error: 'Lock: md5 must be 32 lower-case hex digits, e.g. "0123456789abcdef0123456789abcdef".' }),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, { error: 'Lock: sha256 must be 64 lower-case hex digits, e.g. "e3b0c442…b855" written out in full.' })
    .optional(),
  size: z
    .number({ error: 'Lock: size must be a number of bytes, e.g. 8123456.' })
    .int({ error: 'Lock: size must be a whole number of bytes, e.g. 8123456.' })
    .min(0, { error: 'Lock: size must be 0 or more bytes, e.g. 8123456.' })
    .max(Number.MAX_SAFE_INTEGER, { error: 'Lock: size is too large.' }),
});

const packagesOf = (subdir: string) =>
  z.array(lockedPackageSchema).max(MAX_PACKAGES, { error: `Lock: at most ${MAX_PACKAGES} packages for ${subdir}.` });

/** The pip version checked for one pip line of the design. */
export const lockedPipSchema = z.object({
  line: pipLine,
  version: z.string().max(64, { error: 'Lock: pip version at most 64 characters.' }).regex(PEP440_VERSION, {
    error: 'Lock: pip version must be a PEP 440 version, e.g. "2.32.3".',
  }),
});

/** What was solved: the design's side of the lock; the lock is stale when the design's inputs differ. */
export const lockInputsSchema = z.object({
  /** Conda specs in environment.yml order (python pin, packages, pip). */
  specs: z.array(condaSpec).max(MAX_PACKAGES + 2, { error: 'Lock: too many specs.' }),
  /** The design's channels as written. */
  channels: z.array(condaChannel).max(20, { error: 'Lock: at most 20 channels.' }),
  platforms: z
    .array(z.enum(LOCK_PLATFORMS, { error: 'Lock: platforms must be "linux-64" and/or "linux-aarch64".' }))
    .max(2, { error: 'Lock: at most 2 platforms.' }),
  /** The image's virtual packages but __archspec (which follows the platform), e.g. "__glibc=2.39=0". */
  virtualPackages: z
    .array(z.string().regex(VIRTUAL_PACKAGE, { error: 'Lock: virtual package must be name=version=build, e.g. "__glibc=2.39=0".' }))
    .max(10, { error: 'Lock: at most 10 virtual packages.' }),
  /** The design's pip lines as written. */
  pip: z.array(pipLine).max(MAX_PACKAGES, { error: 'Lock: too many pip lines.' }).default([]),
});

/** A design's lock: the conda packages per platform and the pip versions, with the inputs they were solved from. */
export const lockSchema = z
  .object({
    inputs: lockInputsSchema,
    /** Canonical channel base URLs the packages come from, e.g. "https://conda.anaconda.org/conda-forge". */
    channels: z
      .array(
        z.string().max(200, { error: 'Lock: channel URL at most 200 characters.' }).regex(CHANNEL_URL, {
          error: 'Lock: channel must be an http(s) base URL without a trailing slash, quotes or spaces, e.g. "https://conda.anaconda.org/conda-forge".',
        }),
      )
      .max(20, { error: 'Lock: at most 20 channels.' }),
    platforms: z.object({ 'linux-64': packagesOf('linux-64').optional(), 'linux-aarch64': packagesOf('linux-aarch64').optional() }),
    pip: z.array(lockedPipSchema).max(MAX_PACKAGES, { error: 'Lock: too many pip versions.' }).default([]),
  })
  .superRefine((lock, ctx) => {
    for (const subdir of LOCK_PLATFORMS) {
      lock.platforms[subdir]?.forEach((pkg, index) => {
        if (pkg.channel >= lock.channels.length)
          ctx.addIssue({
            code: 'custom',
            path: ['platforms', subdir, index, 'channel'],
            message: `Lock: package "${pkg.name}" names channel ${pkg.channel}, but the lock lists ${lock.channels.length}; e.g. 0 for the first.`,
          });
        if (pkg.subdir !== 'noarch' && pkg.subdir !== subdir)
          ctx.addIssue({
            code: 'custom',
            path: ['platforms', subdir, index, 'subdir'],
            message: `Lock: package "${pkg.name}" is for ${pkg.subdir} but listed under ${subdir}; use "${subdir}" or "noarch".`,
          });
      });
    }
  });

/** A validated lock. */
export type Lock = z.output<typeof lockSchema>;
/** One locked conda package. */
export type LockedCondaPackage = z.output<typeof lockedPackageSchema>;
/** The inputs a lock was solved from. */
export type LockInputs = z.output<typeof lockInputsSchema>;
/** A conda subdir a lock holds packages of. */
export type LockPlatform = (typeof LOCK_PLATFORMS)[number];
