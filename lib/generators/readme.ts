import type { ResolvedDesign } from '@/lib/design/resolve';
import { shellQuote } from '@/lib/shell-quote';
import { explicitLockFileName } from '@/lib/solve/explicit-lock';
import { LOCK_JSON_PATH, lockHashOf, lockedSubdirs } from './conda-lock';
import { WORKFLOW_PATH } from './github-workflow';
import { smokeTest } from './smoke-test';
import { textFile, type GeneratedFile } from './types';

function fileList(r: ResolvedDesign): string[] {
  const { design } = r;
  return [
    '- `Dockerfile`: the image recipe, with a comment on every block.',
    '- `environment.yml`: the conda environment (works without Docker: `conda env create --file environment.yml`).',
    ...(r.lock
      ? [
          ...lockedSubdirs(r).map((subdir) => `- \`${explicitLockFileName(subdir)}\`: the locked conda environment for ${subdir} (conda's explicit format).`),
          `- \`${LOCK_JSON_PATH}\`: the same lock with both checksums and sizes, so importing this project into Condocker restores it.`,
        ]
      : []),
    ...(r.requirementLines.length
      ? [r.lock ? '- `requirements.txt`: pip packages, pinned to the checked versions, installed by pip after the lock.' : '- `requirements.txt`: pip packages, installed by conda through environment.yml.']
      : []),
    ...(r.hasPostBuild ? ['- `postBuild`: build-time steps run as the user once the environment exists.'] : []),
    '- `docker/entrypoint.sh`: activates the environment, then runs the command.',
    ...(design.apt.packages.length ? ['- `apt.txt`: the system packages (repo2docker convention).'] : []),
    ...(design.files.compose ? ['- `docker-compose.yml`: build and run with one command.'] : []),
    ...(design.files.makefile ? ['- `Makefile`: `make build`, `make buildx`, `make test`, `make run`, `make shell`.'] : []),
    ...(design.files.devcontainer ? ['- `.devcontainer/devcontainer.json`: open the project in VS Code or Codespaces.'] : []),
    ...(design.files.githubWorkflow ? [`- \`${WORKFLOW_PATH}\`: GitHub Actions builds, smoke-tests and publishes the image.`] : []),
  ];
}

/** "Test": the smoke test, as `make test` or, without a Makefile, its commands. */
function testSection(r: ResolvedDesign): string[] {
  const name = r.design.project.name;
  const test = smokeTest(r, name);
  const what = 'checks that the entrypoint activates the environment and that the default command starts';
  const commands = [...test.envCheck, `# ${test.probeNote}`, ...(test.versionProbe ? [test.versionProbe] : [])];
  return [
    '## Test',
    '',
    ...(r.design.files.makefile
      ? ['```bash', 'make build test', '```', '', `\`make test\` ${what}.`]
      : [`After the build, this ${what}:`, '', '```bash', ...commands, '```']),
    '',
  ];
}

/** "Continuous integration": what the GitHub workflow does, when it is generated. */
function workflowSection(r: ResolvedDesign): string[] {
  if (!r.design.files.githubWorkflow) return [];
  return [
    '## Continuous integration',
    '',
    `\`${WORKFLOW_PATH}\` builds the image on GitHub Actions for every push and pull request, for ${r.design.base.platforms.join(' and ')}`,
    'with Docker Buildx and a layer cache, runs the smoke test above on it, and pushes the image to',
    '`ghcr.io/<owner>/<repository>` from the default branch only. Each action is pinned to a commit SHA; its version',
    'is the comment beside it.',
    '',
  ];
}

/** "Lock": what the lock files pin (conda packages, with checksums) and what they do not (pip's dependencies). */
function lockSection(r: ResolvedDesign): string[] {
  if (!r.lock) return [];
  const lock = r.lock;
  const counts = lockedSubdirs(r).map((subdir) => `${lock.platforms[subdir]?.length ?? 0} for ${subdir}`).join(', ');
  const hash = lockHashOf(r) === 'sha256' ? 'sha256' : 'md5';
  const pinned = r.requirementLines.length > 0;
  const first = lockedSubdirs(r)[0];
  return [
    '## Lock',
    '',
    `The conda environment is locked: ${lockedSubdirs(r).map((subdir) => `\`${explicitLockFileName(subdir)}\``).join(' and ')} list every package`,
    `(${counts}) with its exact build, its URL on ${lock.channels.join(', ')} and its ${hash} checksum. The`,
    'Dockerfile installs the file of the target architecture as listed, without solving, so a rebuild installs the same',
    'packages.',
    '',
    pinned
      ? "Not locked: pip's own dependencies. `requirements.txt` pins each pip line to the version checked (`==`); pip resolves"
      : 'No pip packages: conda installs everything in the environment. (pip lines would be pinned to their checked versions,',
    pinned ? 'what those packages need when the image is built.' : "but pip's own dependencies would not be locked.)",
    'The base image tag and the system (apt) packages are not locked either.',
    '',
    '`environment.yml` stays the readable specification. After changing it, check and lock again in Condocker; a lock that',
    'no longer matches the design is left out of the files. Without Docker:',
    '',
    '```bash',
    `conda create --prefix ./env --file ${explicitLockFileName(first)}`,
    '```',
    '',
  ];
}

/** "The project itself": how it is installed, what the bind mount does to it, where its dependencies come from. */
function projectSection(r: ResolvedDesign): string[] {
  const install = r.projectInstall;
  if (!install) return [];
  const command = `python -m pip install --no-deps ${install.editable ? '--editable ' : ''}${shellQuote(install.target)}`;
  const whole = r.bindMounts.some(({ source }) => source === '.');
  const mounted = whole ? `The run command mounts this folder over that copy` : `The run command mounts ${r.bindMounts.map(({ source }) => `\`${source.slice(2)}/\``).join(', ')} over the copy`;
  return [
    '## The project itself',
    '',
    `The image copies this folder to \`${r.projectDir}\` (\`.dockerignore\` keeps data, secrets, version control and caches`,
    `out) after the environment, and installs it: \`${command}\`.`,
    install.editable
      ? `${mounted}: the environment points at the source there, so your edits take effect without a rebuild (restart a kernel to re-import).`
      : `${mounted}: you see and edit your current files there, but Python imports the copy installed into the environment at build time; rebuild after changing the code, or make the install editable.`,
    'The project\'s dependencies are not installed by pip (`--no-deps`): list them in the design (conda or pip packages), so',
    'the environment has them. Rebuild after changing them or the entry points.',
    '',
  ];
}

/** Generates the project's README.md: what is inside and how to build and run it. */
export function generateReadme(r: ResolvedDesign): GeneratedFile | null {
  const { design } = r;
  if (!design.files.readme) return null;
  const name = design.project.name;
  const mounts = r.bindMounts.map(({ source, target }) => `-v "$PWD${source === '.' ? '' : source.slice(1)}:${target}"`).join(' ');
  const port = r.servesJupyter ? ` -p ${design.runtime.port}:${design.runtime.port}` : '';
  const gpus = design.gpu.enabled ? ' --gpus all' : '';
  const lines = [
    `# ${name}`,
    '',
    ...(design.project.description ? [design.project.description, ''] : []),
    '## Build',
    '',
    '```bash',
    `docker build --build-arg uid=$(id -u) --build-arg gid=$(id -g) -t ${name} .`,
    '```',
    '',
    `Platforms: ${design.base.platforms.join(', ')}. For all of them at once: \`docker buildx build --platform ${design.base.platforms.join(',')} -t ${name} .\``,
    '',
    'With podman or buildah, add `--format docker`: their default OCI image format has no `SHELL`, so they ignore the',
    'Dockerfile\'s `SHELL` line (a warning in the log at most) and the `RUN` steps run in `/bin/sh` instead of bash:',
    '',
    '```bash',
    `podman build --format docker --build-arg uid=$(id -u) --build-arg gid=$(id -g) -t ${name} .`,
    '```',
    '',
    ...testSection(r),
    '## Run',
    '',
    '```bash',
    `docker run --rm -it${gpus}${port} ${mounts} ${name}`,
    '```',
    '',
    ...(r.servesJupyter ? [`Then open the link with the token that Jupyter prints (port ${design.runtime.port}).`, ''] : []),
    ...(design.gpu.enabled ? ['GPUs need the NVIDIA Container Toolkit on the host.', ''] : []),
    ...projectSection(r),
    ...workflowSection(r),
    ...lockSection(r),
    '## Files',
    '',
    ...fileList(r),
    '',
    'Generated by Condocker.',
  ];
  return textFile('README.md', `${lines.join('\n')}\n`, 'markdown');
}
