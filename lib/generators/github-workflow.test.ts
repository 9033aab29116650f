import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { PRESETS } from '@/lib/design/presets';
import { resolveDesign } from '@/lib/design/resolve';
import { designSchema, type DesignInput } from '@/lib/design/schema';
import { actionlintProblems, fileProblems, workflowRunScripts } from '@/lib/testing/file-checks';
import { ACTION_PINS, usesLine, type ActionPin } from './action-pins';
import { WORKFLOW_PATH, escapeExpressions, generateGithubWorkflow } from './github-workflow';
import { generateMakefile } from './makefile';
import { smokeTest } from './smoke-test';

interface Step {
  name: string;
  uses?: string;
  if?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: { build: { 'runs-on': string; env: Record<string, string>; steps: Step[] } };
}

const workflowText = (input: DesignInput) => generateGithubWorkflow(resolveDesign(designSchema.parse(input)))!.content;
const workflowOf = (input: DesignInput) => load(workflowText(input)) as Workflow;
const stepsOf = (input: DesignInput) => workflowOf(input).jobs.build.steps;
const usesOf = (steps: Step[], action: string) => steps.filter((step) => step.uses?.startsWith(`${action}@`));

const AMD64: DesignInput = { base: { platforms: ['linux/amd64'] } };
const ARM64: DesignInput = { base: { platforms: ['linux/arm64'] } };
const BOTH: DesignInput = { base: { platforms: ['linux/amd64', 'linux/arm64'] } };

describe('generateGithubWorkflow', () => {
  it('is a companion file, on by default and switchable', () => {
    expect(generateGithubWorkflow(resolveDesign(designSchema.parse({})))).toMatchObject({ path: WORKFLOW_PATH, language: 'yaml', mode: 0o644 });
    expect(generateGithubWorkflow(resolveDesign(designSchema.parse({ files: { githubWorkflow: false } })))).toBeNull();
  });

  it.each<[string, DesignInput, boolean, string]>([
    ['amd64 only', AMD64, false, 'linux/amd64'],
    ['arm64 only', ARM64, true, 'linux/arm64'],
    ['both', BOTH, true, 'linux/amd64,linux/arm64'],
  ])('%s: QEMU only with arm64, every platform in the final build', (_, design, qemu, platforms) => {
    const steps = stepsOf(design);
    expect(usesOf(steps, 'docker/setup-qemu-action')).toHaveLength(qemu ? 1 : 0);
    const builds = usesOf(steps, 'docker/build-push-action');
    expect(builds).toHaveLength(2);
    expect(builds[1].with).toMatchObject({ platforms, 'cache-from': 'type=gha', 'cache-to': 'type=gha,mode=max' });
  });

  it.each<[string, DesignInput, string | undefined, string]>([
    ['amd64 only', AMD64, undefined, ''],
    ['both', BOTH, undefined, ''],
    ['arm64 only (emulated: the runner is amd64)', ARM64, 'linux/arm64', '--platform linux/arm64 '],
  ])('%s: the smoke-test build is loaded for the runner, or for the only platform', (_, design, platform, runFlag) => {
    const steps = stepsOf(design);
    const smokeBuild = usesOf(steps, 'docker/build-push-action')[0];
    expect(smokeBuild.with).toMatchObject({ load: true, tags: 'data-science:smoke-test', 'cache-from': 'type=gha' });
    expect(smokeBuild.with?.platforms).toBe(platform);
    expect(smokeBuild.with?.push).toBeUndefined();
    const smoke = steps[steps.indexOf(smokeBuild) + 1];
    expect(smoke.run).toContain(`docker run --rm ${runFlag}data-science:smoke-test python -c 'import sys; print(sys.prefix)'`);
  });

  it('pushes to GHCR only from the default branch, after the smoke test, with the least permissions', () => {
    const workflow = workflowOf({});
    expect(workflow.permissions).toEqual({ contents: 'read', packages: 'write' });
    expect(Object.keys(workflow.on)).toEqual(['push', 'pull_request', 'workflow_dispatch']);
    expect(workflow.jobs.build.env.PUSH).toBe(
      "${{ github.event_name != 'pull_request' && github.ref == format('refs/heads/{0}', github.event.repository.default_branch) }}",
    );
    const steps = workflow.jobs.build.steps;
    const names = steps.map((step) => step.name);
    const login = usesOf(steps, 'docker/login-action')[0];
    expect(login).toMatchObject({ if: "env.PUSH == 'true'", with: { registry: 'ghcr.io', password: '${{ secrets.GITHUB_TOKEN }}' } });
    const [smokeBuild, finalBuild] = usesOf(steps, 'docker/build-push-action');
    expect(finalBuild.with).toMatchObject({ push: "${{ env.PUSH == 'true' }}", tags: '${{ steps.meta.outputs.tags }}' });
    expect(usesOf(steps, 'docker/metadata-action')[0].with?.images).toBe('ghcr.io/${{ github.repository }}');
    // Nothing is pushed before the smoke test has passed.
    const smokeIndex = names.indexOf('Smoke test (the same as make test)');
    expect(steps.indexOf(smokeBuild)).toBeLessThan(smokeIndex);
    expect(smokeIndex).toBeLessThan(steps.indexOf(login));
    expect(steps.indexOf(login)).toBeLessThan(steps.indexOf(finalBuild));
  });

  it('pins every action to a full commit SHA with its version, or to a documented major tag', () => {
    const uses = stepsOf(BOTH).flatMap((step) => (step.uses ? [step.uses] : []));
    expect(uses).toHaveLength(7);
    for (const line of uses) expect(line).toMatch(/^[\w.-]+\/[\w.-]+@(?:[0-9a-f]{40}|v\d+)$/);
    // The version comments are in the text, beside each SHA.
    const text = workflowText(BOTH);
    for (const pin of Object.values(ACTION_PINS)) expect(text).toContain(`uses: ${usesLine(pin)}\n`);
  });

  it.each(Object.entries(ACTION_PINS))('the %s pin is valid data', (_, pin: ActionPin) => {
    expect(pin.action).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
    if ('sha' in pin) {
      expect(pin.sha).toMatch(/^[0-9a-f]{40}$/);
      expect(pin.version).toMatch(/^v\d+\.\d+\.\d+$/);
      expect(pin.source).toContain(`github.com/${pin.action}`);
    } else {
      expect(pin.majorTag).toMatch(/^v\d+$/);
      expect(pin.unverified.length).toBeGreaterThan(10);
    }
  });

  it('writes a major tag with the reason when a SHA could not be verified', () => {
    expect(usesLine({ action: 'docker/example-action', majorTag: 'v3', unverified: 'no git history to read' })).toBe(
      'docker/example-action@v3 # major tag, not a commit: no git history to read',
    );
  });

  it('keeps the version comments but drops the explanations when comments are off', () => {
    const text = workflowText({ dockerfile: { comments: false } });
    // The run script is content, as in the Makefile: its comments say what the probe checks.
    const script = (load(text) as Workflow).jobs.build.steps.find((step) => step.run)!.run!.split('\n');
    const comments = text.split('\n').filter((line) => line.trimStart().startsWith('#'));
    expect(comments.map((line) => line.trimStart())).toEqual(script.filter((line) => line.startsWith('#')));
    expect(text).toContain(`# ${ACTION_PINS.checkout.version}\n`);
    expect(load(text)).toEqual(load(workflowText({})));
  });

  it('escapes GitHub expressions that a custom command carries into the run script', () => {
    expect(escapeExpressions('a ${{ secrets.X }} b')).toBe("a ${{ '${{' }} secrets.X }} b");
    const text = workflowText({ runtime: { command: 'custom', customCommand: ['mytool', '${{ secrets.TOKEN }}'] } });
    expect(text).not.toMatch(/\$\{\{ secrets\.TOKEN/);
  });
});

describe('the smoke test', () => {
  it.each([
    ['jupyterlab', {}, 'jupyter lab --version'],
    ['notebook', { runtime: { command: 'notebook' } }, 'jupyter notebook --version'],
    ['bash', { runtime: { command: 'bash' } }, 'bash --version'],
    ['python', { runtime: { command: 'python' } }, 'python --version'],
    ['custom, a known program', { runtime: { command: 'custom', customCommand: ['streamlit', 'run', 'app.py'] } }, 'streamlit --version'],
    ['custom jupyter subcommand', { runtime: { command: 'custom', customCommand: ['jupyter', 'server', '--port=9000'] } }, 'jupyter server --version'],
    ['custom, an unknown program', { runtime: { command: 'custom', customCommand: ['mytool', 'serve'] } }, `bash -c 'command -v "$1"' bash mytool`],
  ] as const)('%s: probes with %s', (_, input, probe) => {
    const test = smokeTest(resolveDesign(designSchema.parse(input)), 'img');
    expect(test.versionProbe).toBe(`docker run --rm img ${probe}`);
  });

  it('explains why a path has no probe', () => {
    const test = smokeTest(resolveDesign(designSchema.parse({ runtime: { command: 'custom', customCommand: ['./serve.sh'] } })), 'img');
    expect(test.versionProbe).toBeNull();
    expect(test.probeNote).toMatch(/^No version probe: \.\/serve\.sh is a path/);
  });

  it('reads CONDA_PREFIX when the env has no Python of its own', () => {
    const design = designSchema.parse({ conda: { pythonVersion: '', packages: ['r-base'] }, runtime: { command: 'bash' } });
    expect(smokeTest(resolveDesign(design), 'img').envCheck[0]).toBe('prefix="$(docker run --rm img printenv CONDA_PREFIX)"');
  });

  const temp = mkdtempSync(join(tmpdir(), 'condocker-smoke-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  /** Runs a script with a fake `docker` that logs its arguments and answers with `prefix`; returns the log and status. */
  function runWithFakeDocker(name: string, prefix: string, run: (env: NodeJS.ProcessEnv, dir: string) => void) {
    const dir = join(temp, name);
    mkdirSync(join(dir, 'bin'), { recursive: true });
    const docker = join(dir, 'bin', 'docker');
    writeFileSync(docker, `#!/bin/bash\nprintf '%s\\n' "$*" >> "${dir}/log"\ncase "$*" in *sys.prefix*|*CONDA_PREFIX*) echo '${prefix}';; esac\n`);
    chmodSync(docker, 0o755);
    let status = 0;
    try {
      run({ ...process.env, PATH: `${dir}/bin:${process.env.PATH}` }, dir);
    } catch (error) {
      status = (error as { status: number }).status;
    }
    let log = '';
    try {
      log = execFileSync('cat', [join(dir, 'log')], { encoding: 'utf8' });
    } catch {
      // no docker call at all
    }
    return { status, log };
  }

  it.each(PRESETS.map((preset) => [preset.id, preset.design] as const))('%s: make test and the workflow run the same docker commands', (id, design) => {
    const r = resolveDesign(designSchema.parse({ ...design, files: { ...design.files, makefile: true } }));
    const makefile = generateMakefile(r)!.content;
    const script = workflowRunScripts(generateGithubWorkflow(r)!.content).find(({ step }) => step.includes('Smoke test'))!.script;
    const fromMake = runWithFakeDocker(`${id}-make`, r.envPrefix, (env, dir) => {
      writeFileSync(join(dir, 'Makefile'), makefile);
      execFileSync('make', ['-s', 'test', `IMAGE=${design.project.name}:smoke-test`], { cwd: dir, env, stdio: 'pipe' });
    });
    const fromWorkflow = runWithFakeDocker(`${id}-workflow`, r.envPrefix, (env) => {
      execFileSync('bash', ['-e', '-o', 'pipefail', '-c', script], { env, stdio: 'pipe' });
    });
    expect(fromMake).toEqual(fromWorkflow);
    expect(fromMake.status).toBe(0);
    expect(fromMake.log).toMatch(/ python -c import sys; print\(sys\.prefix\)\n/);
  });

  it('fails, in make and in the workflow, when the env is not the active one', () => {
    const r = resolveDesign(designSchema.parse({}));
    const script = workflowRunScripts(generateGithubWorkflow(r)!.content).find(({ step }) => step.includes('Smoke test'))!.script;
    const fromMake = runWithFakeDocker('inactive-make', '/opt/conda', (env, dir) => {
      writeFileSync(join(dir, 'Makefile'), generateMakefile(r)!.content);
      execFileSync('make', ['-s', 'test'], { cwd: dir, env, stdio: 'pipe' });
    });
    const fromWorkflow = runWithFakeDocker('inactive-workflow', '/opt/conda', (env) => {
      execFileSync('bash', ['-e', '-o', 'pipefail', '-c', script], { env, stdio: 'pipe' });
    });
    expect(fromMake.status).not.toBe(0);
    expect(fromWorkflow.status).not.toBe(0);
    // Neither runs the version probe after the failed check.
    expect(fromMake.log.split('\n').filter(Boolean)).toHaveLength(1);
    expect(fromWorkflow.log.split('\n').filter(Boolean)).toHaveLength(1);
  });
});

describe('actionlint and shellcheck on the workflow', () => {
  const designs: Array<[string, DesignInput]> = [
    ...PRESETS.map((preset) => [preset.id, preset.design] as [string, DesignInput]),
    ['arm64 only', ARM64],
    ['amd64 only, comments off', { ...AMD64, dockerfile: { comments: false } }],
    ['custom command with quotes and an expression', { runtime: { command: 'custom', customCommand: ["it's", '${{ github.token }}', '$(id)'] } }],
    ['no python in the env', { conda: { pythonVersion: '', packages: ['r-base'] }, runtime: { command: 'bash' } }],
  ];

  it.each(designs)('%s: actionlint finds nothing, shellcheck finds nothing in the run scripts', async (_, input) => {
    const file = generateGithubWorkflow(resolveDesign(designSchema.parse(input)))!;
    expect(await actionlintProblems(file.content)).toEqual([]);
    expect(fileProblems(file)).toEqual([]);
  });

  it('actionlint does find problems (it is not a no-op)', async () => {
    const broken = workflowText({}).replace('packages: write', 'packages: writ').replace('${{ github.repository }}', '${{ github.repo.name }}');
    const problems = await actionlintProblems(broken);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/permissions: "writ" is invalid for permission of scope "packages"/);
    expect(problems[1]).toMatch(/expression: property "repo" is not defined/);
  });

  it('shellcheck sees the run scripts (it is not a no-op)', () => {
    const file = generateGithubWorkflow(resolveDesign(designSchema.parse({})))!;
    const broken = { ...file, content: file.content.replace('[ "$prefix" =', '[ $prefix =') };
    expect(fileProblems(broken)).toEqual([expect.stringMatching(/^run \(build\/Smoke test \(the same as make test\)\): SC2086 /)]);
  });
});
