// The real-build tier cannot reach GitHub, conda channels or PyPI. This cutter makes the "offline variant" of a
// generated Dockerfile: it removes the whole RUN instructions that need those (installer downloads, conda/mamba/
// micromamba/pip, postBuild) and keeps every other byte, so everything else is built exactly as generated.
import { DockerfileParser } from 'dockerfile-ast';
import { readDockerfile } from '@/lib/lint/dockerfile-rules-model';
import { programName } from '@/lib/lint/dockerfile-rules-shell';

/** Programs whose RUN needs the internet (a Debian mirror is reachable, so apt-get is not among them); `python -m pip` counts as pip. */
export const NETWORK_PROGRAMS: ReadonlySet<string> = new Set([
  'curl', 'wget', 'conda', 'mamba', 'micromamba', 'pip', 'pip3', 'postBuild.sh',
]);

/** A RUN instruction the cutter removed: its 1-based first and last line and the network programs it calls. */
export interface CutInstruction {
  startLine: number;
  endLine: number;
  programs: string[];
}

/** The offline Dockerfile and what was cut from it. */
export interface OfflineDockerfile {
  text: string;
  cut: CutInstruction[];
}

/**
 * Removes every RUN instruction (all its lines) that calls a program from NETWORK_PROGRAMS; every other byte stays.
 * @example cutNetworkRuns('FROM x\nRUN curl -o a https://e\nRUN true\n').text // => 'FROM x\nRUN true\n'
 */
export function cutNetworkRuns(dockerfile: string): OfflineDockerfile {
  const endLineOf = new Map(
    DockerfileParser.parse(dockerfile)
      .getInstructions()
      .map((instruction) => [instruction.getRange().start.line + 1, instruction.getRange().end.line + 1] as const),
  );
  const cut = readDockerfile(dockerfile)
    .steps.filter((step) => step.keyword === 'RUN' && step.run)
    .map((step) => ({
      startLine: step.line,
      endLine: endLineOf.get(step.line) ?? step.line,
      programs: [...new Set(step.run!.commands.map(networkProgramOf).filter((name) => NETWORK_PROGRAMS.has(name)))],
    }))
    .filter((run) => run.programs.length > 0);
  const lines = dockerfile.split(/(?<=\n)/);
  const removed = new Set(cut.flatMap(({ startLine, endLine }) => range(startLine, endLine)));
  return { text: lines.filter((_, index) => !removed.has(index + 1)).join(''), cut };
}

// `python -m pip install …` (any python: `python3`, `"${ENV_PREFIX}/bin/python"`) is pip: it downloads packages, or
// at least the build backend of the project it installs.
const PYTHON = /^python(?:3(?:\.\d+)?)?$/;

/** The program a command runs, `pip` for `python -m pip`. */
function networkProgramOf(command: Parameters<typeof programName>[0] & { args: string[] }): string {
  const name = programName(command);
  return PYTHON.test(name) && command.args[0] === '-m' && command.args[1] === 'pip' ? 'pip' : name;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, k) => from + k);
}
