import { z } from 'zod';
import { parseCondaSpec } from '@/lib/specs/conda-spec';
import { parsePipLine } from '@/lib/specs/pip-requirement';

// Field-level zod types shared by the design schema. Each message names the field, says what is wrong and
// shows a right value, because it is shown next to the input and returned by the API and the CLI as is.

// Any C0/C1 control character or a Unicode line/paragraph separator: one of these in a value could start a
// new Dockerfile instruction, YAML key or shell line.
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const CONTROL_CHARS_BUT_NEWLINE_AND_TAB = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

/** A one-line string with no control characters, at most `max` characters. */
export function singleLine(label: string, max: number, example: string) {
  return z
    .string()
    .max(max, { error: `${label}: at most ${max} characters.` })
    .refine((value) => !CONTROL_CHARS.test(value), {
      error: `${label}: must be one line without control characters, e.g. "${example}".`,
    });
}

/** A multi-line text (newlines and tabs allowed, no other control characters). */
export function multiLine(label: string, max: number) {
  return z
    .string()
    .max(max, { error: `${label}: at most ${max} characters.` })
    .refine((value) => !CONTROL_CHARS_BUT_NEWLINE_AND_TAB.test(value), {
      error: `${label}: must not contain control characters other than newlines and tabs.`,
    });
}

/** Project name: a Docker image name component and conda env name, e.g. `my-project`. */
export const projectName = z
  .string()
  .min(1, { error: 'Project name: required, e.g. "climate-model".' })
  .max(63, { error: 'Project name: at most 63 characters, e.g. "climate-model".' })
  .regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/, {
    error:
      'Project name: use lower-case letters and digits separated by single ".", "_" or "-" (a Docker image name), e.g. "climate-model".',
  });

// Docker's reference grammar (distribution/reference): [domain[:port]/]path[:tag][@digest].
const IMAGE_DOMAIN = String.raw`(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)`;
const IMAGE_PATH = String.raw`[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*`;
const IMAGE_TAG = String.raw`(?::[\w][\w.-]{0,127})`;
const IMAGE_DIGEST = String.raw`(?:@sha256:[a-f0-9]{64})`;
/** Matches a Docker image reference such as `ubuntu:24.04` or `ghcr.io/org/img:1.0@sha256:…`. */
export const IMAGE_REFERENCE = new RegExp(`^${IMAGE_DOMAIN}?${IMAGE_PATH}${IMAGE_TAG}?${IMAGE_DIGEST}?$`);

/** Base image reference. */
export const imageReference = z
  .string()
  .min(1, { error: 'Base image: required, e.g. "ubuntu:24.04".' })
  .max(255, { error: 'Base image: at most 255 characters.' })
  .regex(IMAGE_REFERENCE, {
    error:
      'Base image: not a valid image reference; write name[:tag][@sha256:digest] in lower case, e.g. "ubuntu:24.04" or "nvidia/cuda:12.6.3-runtime-ubuntu24.04".',
  });

/** Version of an installer or tool as its publisher spells it, e.g. `25.3.1-0`, `py312_25.5.1-0`. */
export function toolVersion(label: string, example: string) {
  return z
    .string()
    .min(1, { error: `${label}: required, e.g. "${example}".` })
    .max(40, { error: `${label}: at most 40 characters, e.g. "${example}".` })
    .regex(/^[A-Za-z0-9][A-Za-z0-9._+-]*$/, {
      error: `${label}: use letters, digits, ".", "_", "+" and "-" only, e.g. "${example}".`,
    });
}

/** Python major.minor, or empty for "not pinned here". */
export const pythonVersion = z.string().regex(/^(?:3\.\d{1,2})?$/, {
  error: 'Python version: write major.minor, e.g. "3.12", or leave it empty to pin python in the package list.',
});

/** CUDA major.minor for `CONDA_OVERRIDE_CUDA` and cuda-version pins. */
export const cudaVersion = z.string().regex(/^1[1-9]\.\d$/, {
  error: 'CUDA version: write major.minor (11.0 to 19.9), e.g. "12.6".',
});

const CHANNEL_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*(?:\/label\/[A-Za-z0-9][A-Za-z0-9_.-]*)?$/;
const SAFE_URL = /^https?:\/\/[A-Za-z0-9.-]+(?::\d+)?(?:\/[A-Za-z0-9._~%!+,;=:@/-]*)?$/;

/** A conda channel: a name, a label channel or an http(s) URL. */
export const condaChannel = z
  .string()
  .min(1, { error: 'Channel: must not be empty, e.g. "conda-forge".' })
  .max(200, { error: 'Channel: at most 200 characters.' })
  .refine((value) => CHANNEL_NAME.test(value) || SAFE_URL.test(value), {
    error:
      'Channel: use a channel name, a label channel or an http(s) URL without spaces or quotes, e.g. "conda-forge", "conda-forge/label/dev" or "https://conda.anaconda.org/bioconda".',
  });

/** An http(s) URL for a pip index. */
export function indexUrl(label: string) {
  return z
    .string()
    .max(500, { error: `${label}: at most 500 characters.` })
    .regex(SAFE_URL, {
      error: `${label}: must be an http(s) URL without spaces, quotes or "#", e.g. "https://pypi.org/simple".`,
    });
}

/** A conda match spec, checked by the conda spec parser. */
export const condaSpec = z.string().superRefine((value, ctx) => {
  const result = parseCondaSpec(value);
  if (!result.ok) ctx.addIssue({ code: 'custom', message: `Conda package: ${result.error}` });
});

// Options that name another file or an index: the generated project has no such file, and the index has its own
// field, so the Dockerfile and requirements.txt stay consistent.
const PIP_OPTIONS_WITH_OWN_PLACE: Record<string, string> = {
  '--requirement': 'the generated project has no other requirements file; list its packages here instead',
  '--constraint': 'the generated project has no constraints file; pin the versions here instead, e.g. "numpy==2.1.3"',
  '--index-url': 'use the "Pip index URL" field instead',
  '--extra-index-url': 'use the "Extra pip index URLs" field instead',
};

/** A requirements.txt line (requirement, URL, editable or a pip option), checked by the pip line parser. */
export const pipLine = z.string().superRefine((value, ctx) => {
  const result = parsePipLine(value);
  if (!result.ok) return ctx.addIssue({ code: 'custom', message: `Pip package: ${result.error}` });
  const { line } = result;
  if (line.kind === 'option' && PIP_OPTIONS_WITH_OWN_PLACE[line.option])
    ctx.addIssue({ code: 'custom', message: `Pip package: "${value}": ${PIP_OPTIONS_WITH_OWN_PLACE[line.option]}.` });
  if (line.kind === 'editable' && !/^[a-z]+\+/.test(line.target))
    ctx.addIssue({
      code: 'custom',
      message: `Pip package: "${value}" installs a local folder that is not in the image; use a VCS URL, e.g. "-e git+https://github.com/org/repo.git#egg=repo".`,
    });
});

/** A plain pip requirement (name, extras, version, marker): what `pip install` takes as one argument. */
export const pipRequirement = z.string().superRefine((value, ctx) => {
  const result = parsePipLine(value);
  if (!result.ok) ctx.addIssue({ code: 'custom', message: `JupyterLab extension: ${result.error}` });
  else if (result.line.kind !== 'requirement' || result.line.url || result.line.hashes.length > 0)
    ctx.addIssue({
      code: 'custom',
      message: `JupyterLab extension: "${value}" must be a package requirement, e.g. "jupyterlab-git>=0.50".`,
    });
});

/** A Python extra of the project itself (`pip install ".[extra]"`): a name as PEP 685 allows, e.g. `dev`. */
export const projectExtra = z
  .string()
  .min(1, { error: 'Extra: must not be empty, e.g. "dev".' })
  .max(64, { error: 'Extra: at most 64 characters, e.g. "dev".' })
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/, {
    error: 'Extra: use letters, digits, ".", "_" and "-", starting and ending with a letter or digit (without brackets or commas), e.g. "dev" or "test-all".',
  });

/** A Debian/Ubuntu package name with an optional `=version` pin (Debian policy 5.6.1 and 5.6.12). */
export const aptPackage = z
  .string()
  .max(200, { error: 'System package: at most 200 characters.' })
  .regex(/^[a-z0-9][a-z0-9+.-]+(?:=[A-Za-z0-9.+~:-]+)?$/, {
    error:
      'System package: use a Debian package name (lower-case letters, digits, "+", "-", "."), optionally "=version", e.g. "libgl1" or "git=1:2.43.0-1ubuntu7".',
  });

// Names that Debian and Ubuntu base images already use for users or groups (base-passwd), and `root`.
const RESERVED_USER_NAMES = new Set([
  'root', 'daemon', 'bin', 'sys', 'sync', 'games', 'man', 'lp', 'mail', 'news', 'uucp', 'proxy', 'www-data',
  'backup', 'list', 'irc', 'gnats', 'nobody', 'nogroup', '_apt', 'users', 'staff', 'adm', 'sudo', 'systemd-network',
  'systemd-timesync', 'messagebus', 'tty', 'disk', 'shadow', 'utmp', 'video', 'audio', 'plugdev', 'input',
]);

/** A login name allowed by Debian's default NAME_REGEX (adduser.conf), that no base image uses already. */
export const userName = z
  .string()
  .min(1, { error: 'User name: required, e.g. "al-khawarizmi".' })
  .max(32, { error: 'User name: at most 32 characters (useradd limit), e.g. "al-khawarizmi".' })
  .regex(/^[a-z][a-z0-9_-]*$/, {
    error:
      'User name: start with a lower-case letter, then lower-case letters, digits, "_" or "-" (Debian NAME_REGEX), e.g. "al-khawarizmi".',
  })
  .refine((value) => !RESERVED_USER_NAMES.has(value), {
    error: 'User name: this name belongs to a system user or group of the base image; pick your own, e.g. "al-khawarizmi".',
  });

/** A numeric user or group ID for a non-root user. */
export function numericId(label: string, min: number, example: number) {
  return z.coerce
    .number({ error: `${label}: must be a whole number, e.g. ${example}.` })
    .int({ error: `${label}: must be a whole number, e.g. ${example}.` })
    .min(min, { error: `${label}: must be ${min} or more${min === 1 ? ' (0 is root)' : ''}, e.g. ${example}.` })
    .max(2147483647, { error: `${label}: must be at most 2147483647, e.g. ${example}.` })
    .refine((value) => value !== 65534, { error: `${label}: 65534 is "nobody"; pick another, e.g. ${example}.` });
}

/** A TCP port number. */
export const port = z.coerce
  .number({ error: 'Port: must be a whole number from 1 to 65535, e.g. 8888.' })
  .int({ error: 'Port: must be a whole number from 1 to 65535, e.g. 8888.' })
  .min(1, { error: 'Port: must be a whole number from 1 to 65535, e.g. 8888.' })
  .max(65535, { error: 'Port: must be a whole number from 1 to 65535, e.g. 8888.' });

/**
 * An absolute directory in the image, optionally under `$HOME`, with no spaces, quotes or `..`. `allowPwd` also
 * accepts a `$PWD` prefix, only so the 2020 recipe's `ENV_PREFIX $PWD/env` can be reproduced (the design schema
 * limits it to the recipe layout, and lint explains why it is wrong).
 */
export function imagePath(label: string, example: string, { allowPwd = false }: { allowPwd?: boolean } = {}) {
  return z
    .string()
    .max(200, { error: `${label}: at most 200 characters.` })
    .regex(allowPwd ? /^(?:\$HOME|\$PWD)?(?:\/[A-Za-z0-9._-]+)+$/ : /^(?:\$HOME)?(?:\/[A-Za-z0-9._-]+)+$/, {
      error: `${label}: write an absolute path (or one under $HOME) of letters, digits, ".", "_" and "-", e.g. "${example}".`,
    })
    .refine((value) => !value.split('/').some((part) => part === '.' || part === '..'), {
      error: `${label}: must not contain "." or ".." segments, e.g. "${example}".`,
    });
}

// Variables the generated Dockerfile sets itself; a user value would silently break the build or runtime.
export const RESERVED_ENV_NAMES = new Set([
  'PATH', 'HOME', 'USER', 'UID', 'GID', 'SHELL', 'ENV_PREFIX', 'CONDA_DIR', 'PROJECT_DIR', 'MAMBA_ROOT_PREFIX',
  'MAMBA_EXE', 'CONDA_OVERRIDE_CUDA', 'NVIDIA_VISIBLE_DEVICES', 'NVIDIA_DRIVER_CAPABILITIES', 'DEBIAN_FRONTEND',
]);

/** An environment variable name as POSIX shells accept it, not one Condocker sets itself. */
export const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, {
    error: 'Variable name: start with a letter or "_", then letters, digits or "_", e.g. "OMP_NUM_THREADS".',
  })
  .refine((value) => !RESERVED_ENV_NAMES.has(value), {
    error: 'Variable name: Condocker sets this variable itself; pick another name, e.g. "OMP_NUM_THREADS".',
  });

/** One argument of the container's default command. */
export const commandArgument = z
  .string()
  .min(1, { error: 'Command argument: must not be empty, e.g. "python".' })
  .max(500, { error: 'Command argument: at most 500 characters.' })
  .refine((value) => !CONTROL_CHARS.test(value), {
    error: 'Command argument: must be one line without control characters, e.g. "--port=8888".',
  });
