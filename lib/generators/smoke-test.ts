// The smoke test that the Makefile (`make test`) and the GitHub workflow both run on a built image. Every command
// goes through the image's entrypoint, as `docker run` does for a user: the test proves that the entrypoint
// activates the env and that the default command's program is there and starts.
import type { ResolvedDesign } from '@/lib/design/resolve';
import { shellCommand, shellQuote } from '@/lib/shell-quote';
import { condaSpecName } from '@/lib/specs/conda-spec';

/** The smoke test of one design, as one-line POSIX shell commands with the image as a shell word. */
export interface SmokeTest {
  /** Commands that must run in one shell (they share `$prefix`) and fail when the env's prefix is not the active one. */
  envCheck: string[];
  /** The version probe of the default command's program, or null when none makes sense. */
  versionProbe: string | null;
  /** What the probe checks, or why there is none: written as a comment above it. */
  probeNote: string;
}

// Programs that print their version for `--version` and exit 0; a custom command starting with another program is
// only checked to be on the env's PATH (many servers and scripts have no --version, or start serving on it).
const ANSWERS_VERSION = new Set([
  'bash',
  'python',
  'python3',
  'ipython',
  'jupyter',
  'R',
  'Rscript',
  'streamlit',
  'uvicorn',
  'gunicorn',
  'voila',
  'mlflow',
  'node',
  'julia',
  'perl',
  'ruby',
]);

function probeFor(command: readonly string[], run: string): { versionProbe: string | null; probeNote: string } {
  const [program, subcommand] = command;
  // Jupyter's subcommands (lab, notebook, server, …) are applications of their own with their own --version.
  if (program === 'jupyter' && subcommand && !subcommand.startsWith('-'))
    return { versionProbe: `${run} ${shellCommand(['jupyter', subcommand, '--version'])}`, probeNote: `The default command answers: jupyter ${subcommand} --version` };
  if (ANSWERS_VERSION.has(program))
    return { versionProbe: `${run} ${shellCommand([program, '--version'])}`, probeNote: `The default command answers: ${program} --version` };
  if (program.includes('/'))
    return {
      versionProbe: null,
      probeNote: `No version probe: ${program} is a path, which may exist only once the project is mounted at run time.`,
    };
  return {
    versionProbe: `${run} bash -c 'command -v "$1"' bash ${shellQuote(program)}`,
    probeNote: `${program} may have no --version: the probe only checks that it is on the PATH of the active env.`,
  };
}

/** Does the env have a Python of its own (pinned, listed, or brought by pip)? */
function envHasPython(r: ResolvedDesign): boolean {
  return r.condaDependencies.some((spec) => ['python', 'pip'].includes(condaSpecName(spec) ?? ''));
}

/**
 * The smoke test for an image: the env is active (its prefix is Python's `sys.prefix`) and the default command's
 * program answers `--version`.
 * @example smokeTest(resolveDesign(DEFAULT_DESIGN), '"$IMAGE"').versionProbe // 'docker run --rm "$IMAGE" jupyter lab --version'
 */
export function smokeTest(r: ResolvedDesign, image: string, runOptions = ''): SmokeTest {
  const run = `docker run --rm${runOptions ? ` ${runOptions}` : ''} ${image}`;
  const expected = shellQuote(r.envPrefix);
  // Without Python in the env, conda's activation variable is the next best witness of the active env.
  const readPrefix = envHasPython(r) ? `python -c 'import sys; print(sys.prefix)'` : 'printenv CONDA_PREFIX';
  return {
    envCheck: [
      `prefix="$(${run} ${readPrefix})"`,
      // `false`, not `exit`: the same line fails a make recipe and a CI step but leaves a pasting user's shell open.
      `if [ "$prefix" = ${expected} ]; then echo "The env ${expected} is active."; else echo "The env is not active: expected ${expected}, found '$prefix'." >&2; false; fi`,
    ],
    ...probeFor(r.command, run),
  };
}
