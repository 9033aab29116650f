// The GitHub Actions workflow of a generated project. Written as text rather than dumped from an object so that it
// can carry comments (the pinned actions' versions, and why each step is there). Every value written here is
// either fixed or validated by the schema to plain characters (project name, platforms, env prefix); the one free
// text, a custom command, goes into a `run:` block through shellQuote and escapeExpressions.
import type { ResolvedDesign } from '@/lib/design/resolve';
import { ACTION_PINS, usesLine, type ActionRole } from './action-pins';
import { smokeTest } from './smoke-test';
import { textFile, type GeneratedFile } from './types';

/** Where the workflow is written in the project. */
export const WORKFLOW_PATH = '.github/workflows/build.yml';

// GitHub's own Ubuntu runners are amd64; arm64 is emulated with QEMU there.
const RUNNER_PLATFORM = 'linux/amd64';

/**
 * Text that GitHub must not read as an expression: `${{` starts one anywhere in a workflow, also inside `run:`.
 * @example escapeExpressions('echo ${{x}}') // "echo ${{ '${{' }}x}}"
 */
export function escapeExpressions(text: string): string {
  return text.replaceAll('${{', "${{ '${{' }}");
}

/** A step's `uses:` line with the pinned action. */
const uses = (role: ActionRole) => `uses: ${usesLine(ACTION_PINS[role])}`;

/** Indents every line of a block by `spaces`. */
const indent = (lines: readonly string[], spaces: number) => lines.map((line) => (line ? ' '.repeat(spaces) + line : line));

/** The smoke test's `run:` script: the same commands as `make test`. */
function smokeScript(r: ResolvedDesign, image: string, runOptions: string): string[] {
  const test = smokeTest(r, image, runOptions);
  return [
    '# The entrypoint activates the env: its prefix is the active one.',
    ...test.envCheck,
    `# ${test.probeNote}`,
    ...(test.versionProbe ? [test.versionProbe] : []),
  ].map(escapeExpressions);
}

/** Generates .github/workflows/build.yml: build for every platform, smoke-test, push to GHCR from the default branch. */
export function generateGithubWorkflow(r: ResolvedDesign): GeneratedFile | null {
  const { design } = r;
  if (!design.files.githubWorkflow) return null;
  const comments = design.dockerfile.comments;
  const why = (text: string) => (comments ? [`# ${text}`] : []);
  const platforms = design.base.platforms;
  const needsQemu = platforms.includes('linux/arm64');
  // The smoke test runs natively when the runner's platform is a target, else emulated on the first target.
  const smokePlatform = platforms.includes(RUNNER_PLATFORM) ? RUNNER_PLATFORM : platforms[0];
  const emulatedSmoke = smokePlatform !== RUNNER_PLATFORM;
  const smokeImage = `${design.project.name}:smoke-test`;
  const cache = ['cache-from: type=gha', 'cache-to: type=gha,mode=max'];

  const steps = [
    '- name: Check out',
    `  ${uses('checkout')}`,
    '  with:',
    '    persist-credentials: false',
    ...(needsQemu
      ? [
          ...why('arm64 is emulated on the amd64 runner: it works, but solving and compiling take several times longer.'),
          '- name: Set up QEMU for arm64',
          `  ${uses('setupQemu')}`,
          '  with:',
          '    platforms: arm64',
        ]
      : []),
    '- name: Set up Docker Buildx',
    `  ${uses('setupBuildx')}`,
    ...why('ghcr.io/<owner>/<repository> in lower case, as registries require; "latest" on the default branch.'),
    '- name: Image name, tags and labels',
    '  id: meta',
    `  ${uses('metadata')}`,
    '  with:',
    '    images: ghcr.io/${{ github.repository }}',
    '    tags: |',
    '      type=ref,event=branch',
    '      type=ref,event=pr',
    '      type=sha',
    '      type=raw,value=latest,enable={{is_default_branch}}',
    ...why("One platform, loaded into the runner's Docker for the smoke test; layers cached in GitHub's Actions cache."),
    `- name: Build for the smoke test (${smokePlatform})`,
    `  ${uses('buildPush')}`,
    '  with:',
    '    context: .',
    ...(emulatedSmoke ? [`    platforms: ${smokePlatform}`] : []),
    '    load: true',
    `    tags: ${smokeImage}`,
    ...indent(cache, 4),
    ...(design.gpu.enabled ? why("GitHub's hosted runners have no GPU: the smoke test runs the CUDA image on the CPU.") : []),
    '- name: Smoke test (the same as make test)',
    '  shell: bash',
    '  run: |',
    ...indent(smokeScript(r, smokeImage, emulatedSmoke ? `--platform ${smokePlatform}` : ''), 4),
    '- name: Log in to GitHub Container Registry',
    "  if: env.PUSH == 'true'",
    `  ${uses('login')}`,
    '  with:',
    '    registry: ghcr.io',
    '    username: ${{ github.actor }}',
    '    password: ${{ secrets.GITHUB_TOKEN }}',
    ...why('Every platform, mostly from the cache; pushed only after the smoke test, only from the default branch.'),
    `- name: Build for ${platforms.join(', ')} and push from the default branch`,
    `  ${uses('buildPush')}`,
    '  with:',
    '    context: .',
    `    platforms: ${platforms.join(',')}`,
    "    push: ${{ env.PUSH == 'true' }}",
    '    tags: ${{ steps.meta.outputs.tags }}',
    '    labels: ${{ steps.meta.outputs.labels }}',
    ...indent(cache, 4),
  ];

  const lines = [
    ...why(`Builds the image for ${platforms.join(' and ')}, smoke-tests it and pushes it to GitHub Container Registry`),
    ...why('(ghcr.io) from the default branch only. Generated by Condocker.'),
    'name: Build image',
    '',
    'on:',
    '  push:',
    "    branches: ['**']",
    '  pull_request:',
    '  workflow_dispatch:',
    '',
    ...why("Read the code, write packages: the token may push this repository's images, nothing more."),
    'permissions:',
    '  contents: read',
    '  packages: write',
    '',
    ...why('A newer commit on the same pull request cancels the older run.'),
    'concurrency:',
    '  group: ${{ github.workflow }}-${{ github.ref }}',
    "  cancel-in-progress: ${{ github.event_name == 'pull_request' }}",
    '',
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    '    env:',
    ...indent(why('Push only from the default branch: pull requests and other branches build without pushing.'), 6),
    "      PUSH: ${{ github.event_name != 'pull_request' && github.ref == format('refs/heads/{0}', github.event.repository.default_branch) }}",
    '    steps:',
    ...indent(steps, 6),
  ];
  return textFile(WORKFLOW_PATH, `${lines.join('\n')}\n`, 'yaml');
}
