import { resolveDesign } from '@/lib/design/resolve';
import type { Design } from '@/lib/design/schema';
import { generateAptTxt } from './apt-txt';
import { generateCompose } from './compose';
import { generateCondaLockLinux64, generateCondaLockLinuxAarch64, generateLockJson } from './conda-lock';
import { generateDevcontainer } from './devcontainer';
import { generateDockerfile } from './dockerfile';
import { generateDockerignore } from './dockerignore';
import { generateEntrypoint } from './entrypoint';
import { generateEnvironmentYml } from './environment-yml';
import { generateGithubWorkflow } from './github-workflow';
import { generateMakefile } from './makefile';
import { generatePostBuild } from './post-build';
import { generateReadme } from './readme';
import { generateRequirementsTxt } from './requirements-txt';
import type { GeneratedFile } from './types';

export type { GeneratedFile } from './types';

/** Every generator, in the order files are listed in the preview and the zip. Add new output files here. */
export const GENERATORS = [
  generateDockerfile,
  generateEnvironmentYml,
  generateRequirementsTxt,
  generateCondaLockLinux64,
  generateCondaLockLinuxAarch64,
  generateLockJson,
  generatePostBuild,
  generateEntrypoint,
  generateAptTxt,
  generateDockerignore,
  generateCompose,
  generateMakefile,
  generateReadme,
  generateDevcontainer,
  generateGithubWorkflow,
] as const;

/** Generates every wanted file for a validated design. Pure: the same design gives the same files. */
export function generateFiles(design: Design): GeneratedFile[] {
  const resolved = resolveDesign(design);
  return GENERATORS.map((generate) => generate(resolved)).filter((file): file is GeneratedFile => file !== null);
}
