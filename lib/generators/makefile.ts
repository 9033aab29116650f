import type { ResolvedDesign } from '@/lib/design/resolve';
import { shellQuote } from '@/lib/shell-quote';
import { textFile, type GeneratedFile } from './types';

/** Generates a Makefile with build, multi-platform build, run and shell targets. */
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
    '.PHONY: build buildx run shell',
    '',
    '## build: build the image for this machine, owned by your user ID',
    'build:',
    '\tdocker build $(BUILD_ARGS) -t $(IMAGE) .',
    '',
    '## buildx: build for every target platform (needs docker buildx)',
    'buildx:',
    '\tdocker buildx build --platform $(PLATFORMS) $(BUILD_ARGS) -t $(IMAGE) .',
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
