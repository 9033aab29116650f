import type { ResolvedDesign } from '@/lib/design/resolve';
import { shellQuote } from '@/lib/shell-quote';
import { smokeTest } from './smoke-test';
import { textFile, type GeneratedFile } from './types';

// Stands for the image in the smoke test's commands until their `$` are escaped; the schema allows no control
// characters in a design, so it cannot come from one.
const IMAGE_SLOT = '\u0000';

/** A shell command as a recipe line: make expands `$`, so the shell's are doubled, then the image is make's $(IMAGE). */
function recipeText(command: string): string {
  return command.replaceAll('$', '$$$$').replaceAll(IMAGE_SLOT, '$(IMAGE)');
}

/** The `test` target: the smoke test the GitHub workflow runs too. */
function testTarget(r: ResolvedDesign): string[] {
  const test = smokeTest(r, IMAGE_SLOT);
  return [
    '## test: smoke-test the built image: the env is active and the default command starts',
    `# ${test.probeNote}`,
    'test:',
    // The env check's commands share a variable, so they run in one shell.
    `\t${test.envCheck.map(recipeText).join('; \\\n\t')}`,
    ...(test.versionProbe ? [`\t${recipeText(test.versionProbe)}`] : []),
  ];
}

/** Generates a Makefile with build, multi-platform build, test, run and shell targets. */
export function generateMakefile(r: ResolvedDesign): GeneratedFile | null {
  const { design } = r;
  if (!design.files.makefile) return null;
  const mounts = r.bindMounts
    .map(({ source, target }) => `-v "$(CURDIR)${source === '.' ? '' : source.slice(1)}":${shellQuote(target)}`)
    .join(' ');
  const gpus = design.gpu.enabled ? ' --gpus all' : '';
  const port = r.servesJupyter ? ` -p ${design.runtime.port}:${design.runtime.port}` : '';
  const lines = [
    `IMAGE ?= ${design.project.name}`,
    'USER_ID ?= $(shell id -u)',
    'GROUP_ID ?= $(shell id -g)',
    `PLATFORMS ?= ${design.base.platforms.join(',')}`,
    'BUILD_ARGS = --build-arg uid=$(USER_ID) --build-arg gid=$(GROUP_ID)',
    '',
    '.PHONY: build buildx test run shell',
    '',
    '## build: build the image for this machine, owned by your user ID',
    'build:',
    '\tdocker build $(BUILD_ARGS) -t $(IMAGE) .',
    '',
    '## buildx: build for every target platform (needs docker buildx)',
    'buildx:',
    '\tdocker buildx build --platform $(PLATFORMS) $(BUILD_ARGS) -t $(IMAGE) .',
    '',
    ...testTarget(r),
    '',
    '## run: start the default command with the project mounted',
    'run:',
    `\tdocker run --rm -it${gpus}${port} ${mounts} $(IMAGE)`,
    '',
    '## shell: open bash in the activated environment',
    'shell:',
    `\tdocker run --rm -it${gpus} ${mounts} $(IMAGE) bash`,
  ];
  return textFile('Makefile', `${lines.join('\n')}\n`, 'makefile');
}
